let u; try { delete u.a; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
