try { (1).toString(37); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
