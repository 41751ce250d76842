function foo() { return 1; } try { foo()(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
