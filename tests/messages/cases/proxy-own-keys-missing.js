try { Reflect.ownKeys(new Proxy(Object.seal({ s: 1 }), { ownKeys: () => [] })); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
