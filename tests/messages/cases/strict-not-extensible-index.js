'use strict'; const o = Object.preventExtensions([]); try { o[0] = 2; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
