try { new Proxy(1, {}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
