const o = {}; try { for (const x of o.items); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
