try { eval('a "b"'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
