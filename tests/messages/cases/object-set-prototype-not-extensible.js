try { Object.setPrototypeOf(Object.preventExtensions({}), {}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
