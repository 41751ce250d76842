'use strict'; const o = Object.freeze([1]); try { o[0] = 2; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
