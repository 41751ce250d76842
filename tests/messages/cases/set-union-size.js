try { new Set().union({size: NaN}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
