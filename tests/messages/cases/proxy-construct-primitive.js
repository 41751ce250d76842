try { new (new Proxy(function () {}, { construct: () => 1 }))(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
