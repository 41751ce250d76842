try { JSON.parse('"\\x"'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
