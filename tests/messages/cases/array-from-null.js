try { Array.from(null); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
