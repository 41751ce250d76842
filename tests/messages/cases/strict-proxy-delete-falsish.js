try { (function () { "use strict"; delete new Proxy({}, { deleteProperty: () => false }).q; })(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
