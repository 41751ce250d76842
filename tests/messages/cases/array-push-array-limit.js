const a = []; a.length = 2 ** 32 - 1; try { a.push(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
