try { eval('(class { static prototype() {} })'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
