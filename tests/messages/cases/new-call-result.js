const f = () => 1; try { new (f())(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
