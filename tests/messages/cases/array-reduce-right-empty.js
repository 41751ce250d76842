try { [].reduceRight((a, b) => a); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
