try { [1].flatMap(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
