try { Object.setPrototypeOf(new Proxy({}, { setPrototypeOf: () => false }), null); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
