try { new Set({[Symbol.iterator]() { return {next() { return 1; }}; }}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
