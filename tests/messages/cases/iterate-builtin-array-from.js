try { Array.from({[Symbol.iterator]: 1}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
