try { Reflect.defineProperty(new Proxy(Object.preventExtensions({}), { defineProperty: () => true }), "y", { value: 1 }); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
