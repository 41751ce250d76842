try { Object.getPrototypeOf(new Proxy({}, { getPrototypeOf: () => 1 })); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
