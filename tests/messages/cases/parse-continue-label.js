try { eval('x: { continue x; }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
