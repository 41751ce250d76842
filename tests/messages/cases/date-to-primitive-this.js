try { Date.prototype[Symbol.toPrimitive].call(1, 'number'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
