try { eval('async (await) => 1'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
