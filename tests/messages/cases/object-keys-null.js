try { Object.keys(null); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
