try { const {[1 + 1]: q} = null; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
