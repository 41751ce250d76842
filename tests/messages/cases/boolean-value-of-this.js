try { Boolean.prototype.valueOf.call('a'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
