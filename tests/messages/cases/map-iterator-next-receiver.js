try { new Map()[Symbol.iterator]().next.call({}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
