'use strict'; const o = Object.freeze({a: 1}); try { o.a = 2; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
