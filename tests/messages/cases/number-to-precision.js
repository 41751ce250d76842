try { (1).toPrecision(0); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
