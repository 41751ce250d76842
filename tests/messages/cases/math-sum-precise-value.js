try { Math.sumPrecise(['a']); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
