try { eval('(class { constructor() {} constructor() {} })'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
