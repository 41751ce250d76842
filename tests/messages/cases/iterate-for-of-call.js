const f = () => 1; try { for (const x of f()); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
