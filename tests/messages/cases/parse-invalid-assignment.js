try { eval('a + 1 = 2'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
