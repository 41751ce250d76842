try { const {a} = undefined; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
