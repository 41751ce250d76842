try { new Proxy(Object.freeze({ k: 1 }), { get: () => 2 }).k; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
