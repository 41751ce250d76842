const a = Object.preventExtensions({}); try { a.__proto__ = {}; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
