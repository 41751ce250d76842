try { [1].with(5, 0); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
