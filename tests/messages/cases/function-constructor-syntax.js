try { new Function('a', 'return ('); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
