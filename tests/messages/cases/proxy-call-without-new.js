try { Proxy({}, {}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
