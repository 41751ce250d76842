try { const {...r} = null; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
