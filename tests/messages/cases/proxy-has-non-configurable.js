try { "s" in new Proxy(Object.seal({ s: 1 }), { has: () => false }); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
