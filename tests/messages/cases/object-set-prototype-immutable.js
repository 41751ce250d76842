try { Object.setPrototypeOf(Object.prototype, {}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
