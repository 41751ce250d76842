try { (1).toFixed(101); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
