try { (1).toString(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
