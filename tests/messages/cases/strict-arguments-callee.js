'use strict'; try { (function () { return arguments.callee; })(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
