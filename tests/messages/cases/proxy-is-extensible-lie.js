try { Object.isExtensible(new Proxy({}, { isExtensible: () => false })); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
