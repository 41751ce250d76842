try { eval('break nowhere;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
