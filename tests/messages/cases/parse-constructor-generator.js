try { eval('class A { *constructor() {} }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
