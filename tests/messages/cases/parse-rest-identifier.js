try { eval('let [...[a]] = [];'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
