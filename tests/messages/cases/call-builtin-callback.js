try { [1, 2].map(3); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
