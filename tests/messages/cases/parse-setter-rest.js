try { eval('({set x(...a) {}})'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
