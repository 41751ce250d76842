const a = Object.freeze([]); try { a.push(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
