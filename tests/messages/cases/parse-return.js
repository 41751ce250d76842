try { eval('return'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
