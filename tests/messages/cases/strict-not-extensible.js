'use strict'; const o = Object.preventExtensions({}); try { o.x = 2; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
