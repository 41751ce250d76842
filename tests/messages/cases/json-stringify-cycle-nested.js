const a = {b: {c: [{}]}}; a.b.c[0].d = a.b; try { JSON.stringify(a); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
