let p; try { ({p} = null); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
