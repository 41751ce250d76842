try { encodeURIComponent('\uD800'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
