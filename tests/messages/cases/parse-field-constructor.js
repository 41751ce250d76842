try { eval('(class { constructor = 1 })'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
