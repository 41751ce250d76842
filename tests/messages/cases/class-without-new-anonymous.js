try { (class {})(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
