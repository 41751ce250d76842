const f = () => 1; try { for (const x of [f()][0]); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
