try { (function () { "use strict"; new Proxy({}, { set: () => false }).q = 1; })(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
