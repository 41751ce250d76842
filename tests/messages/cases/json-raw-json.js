try { JSON.rawJSON('{}'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
