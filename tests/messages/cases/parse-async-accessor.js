try { eval('({ async get x() {} })'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
