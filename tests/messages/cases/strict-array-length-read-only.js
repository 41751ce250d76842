'use strict'; const a = [1]; Object.defineProperty(a, 'length', {writable: false}); try { a.length = 0; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
