try { Object.defineProperty(new Proxy({}, { defineProperty: () => false }), "z", {}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
