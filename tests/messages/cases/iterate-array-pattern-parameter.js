try { (([a]) => 0)(5); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
