try { Reflect.defineProperty(new Proxy(Object.freeze({ k: 1 }), { defineProperty: () => true }), "k", { value: 2 }); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
