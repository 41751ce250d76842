try { eval('(class { get constructor() {} })'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
