try { eval('(class { x = arguments; })'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
