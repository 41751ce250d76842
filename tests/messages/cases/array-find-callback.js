try { [1].find(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
