try { JSON.parse('"\u0001"'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
