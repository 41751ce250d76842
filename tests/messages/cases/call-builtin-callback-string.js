try { [1, 2].forEach('abc'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
