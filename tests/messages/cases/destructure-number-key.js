try { const {1: x} = null; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
