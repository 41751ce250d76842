class A { m() { super.x(); } } try { new A().m(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
