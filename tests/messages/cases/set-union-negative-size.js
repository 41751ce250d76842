try { new Set().union({size: -1}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
