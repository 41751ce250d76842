class A extends Object { constructor() { super(); super(); } } try { new A(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
