try { eval('({set x() {}})'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
