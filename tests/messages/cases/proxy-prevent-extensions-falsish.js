try { Object.preventExtensions(new Proxy({}, { preventExtensions: () => false })); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
