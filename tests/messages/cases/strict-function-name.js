'use strict'; try { (function f() { f = 1; })(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
