try { new Map().forEach(1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
