let u; try { u.p; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
