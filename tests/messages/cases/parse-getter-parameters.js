try { eval('({get x(a) {}})'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
