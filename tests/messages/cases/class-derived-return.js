class A extends Object { constructor() { super(); return 1; } } try { new A(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
