const f = () => 1; try { const [a] = f(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
