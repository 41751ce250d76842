const o = {f() { return 1; }}; try { for (const x of o.f(2)); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
