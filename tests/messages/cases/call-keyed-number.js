const a = [1]; try { a[0](); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
