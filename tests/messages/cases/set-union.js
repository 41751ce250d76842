try { new Set().union(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
