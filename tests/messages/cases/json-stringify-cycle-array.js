const a = []; a.push(a); try { JSON.stringify(a); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
