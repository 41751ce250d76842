const o = {[Symbol.iterator]() { return {next() { return 1; }}; }}; try { for (const x of o); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
