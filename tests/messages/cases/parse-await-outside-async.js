try { eval('var x = await f();'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
