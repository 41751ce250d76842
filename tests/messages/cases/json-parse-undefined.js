try { JSON.parse(undefined); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
