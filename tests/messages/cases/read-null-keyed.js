let u = null; try { u[0]; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
