try { (1).toExponential(101); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
