try { ({a: 1, b: 2})(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
