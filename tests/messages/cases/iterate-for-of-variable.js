const o = {}; try { for (const x of o); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
