try { eval('v\\u0061r x = 1'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
