try { JSON.parse('{a}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
