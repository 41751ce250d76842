class A extends Object { constructor() { super(); } } Object.setPrototypeOf(A, null); try { new A(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
