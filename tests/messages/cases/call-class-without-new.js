class A {} try { A(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
