function g() { return y; } try { g(); let y = 1; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
