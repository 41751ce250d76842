class A extends Object { constructor() { this.x = 1; } } try { new A(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
