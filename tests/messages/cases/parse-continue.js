try { eval('continue;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
