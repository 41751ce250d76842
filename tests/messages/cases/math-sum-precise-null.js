try { Math.sumPrecise(null); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
