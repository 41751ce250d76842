try { Object.getOwnPropertyDescriptor(Map.prototype, 'size').get.call({}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
