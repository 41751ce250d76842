try { String.fromCodePoint(1.5); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
