try { eval('super.x'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
