try { new Date(NaN).toISOString(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
