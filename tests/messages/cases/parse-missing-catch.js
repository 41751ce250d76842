try { eval('try {}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
