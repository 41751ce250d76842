try { const {a: {b}} = {a: null}; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
