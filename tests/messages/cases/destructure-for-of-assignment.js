let p; try { for ({p} of [null]); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
