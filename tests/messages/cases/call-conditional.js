try { (1 ? undefined : 0)(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
