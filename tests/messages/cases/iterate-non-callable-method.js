const o = {[Symbol.iterator]: 1}; try { for (const x of o); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
