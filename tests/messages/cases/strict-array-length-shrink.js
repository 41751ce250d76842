'use strict'; const a = [1, 2]; Object.defineProperty(a, 1, {value: 2, configurable: false}); try { a.length = 0; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
