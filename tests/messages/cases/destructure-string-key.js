try { const {'a b': x} = null; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
