try { Map.groupBy(null, x => x); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
