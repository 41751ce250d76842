try { JSON.parse(''); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
