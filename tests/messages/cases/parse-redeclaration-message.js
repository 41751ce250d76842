try { eval('let a; var a;'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
