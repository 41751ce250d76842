try { eval('break;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
