const a = {}, b = Object.create(a); try { a.__proto__ = b; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
