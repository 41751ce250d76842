try { new Proxy({}, { get: 1 }).x; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
