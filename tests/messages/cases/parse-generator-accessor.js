try { eval('class A { get *x() {} }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
