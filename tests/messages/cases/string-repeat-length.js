try { 'ab'.repeat(2 ** 29); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
