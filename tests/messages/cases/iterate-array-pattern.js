const x = 5; try { const [a] = x; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
