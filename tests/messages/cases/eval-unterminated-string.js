try { eval('"abc'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
