const a = [1]; a.constructor = {[Symbol.species]: 1}; try { a.map(x => x); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
