try { eval('class A { async constructor() {} }'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
