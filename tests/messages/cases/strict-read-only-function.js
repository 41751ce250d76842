'use strict'; function f() {} try { f.name = 'g'; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
