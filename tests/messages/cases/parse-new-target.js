try { eval('new.target'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
