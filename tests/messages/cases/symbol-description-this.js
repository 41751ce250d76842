try { Object.getOwnPropertyDescriptor(Symbol.prototype, 'description').get.call(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
