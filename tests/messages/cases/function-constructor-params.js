try { new Function('a)', 'return 1'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
