try { eval('a?.b`c`'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
