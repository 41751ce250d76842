try { new Set().union({size: 1, has() {}, keys() { return 1; }}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
