const x = 1; try { [...x]; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
