try { Object.defineProperty({}, 'x', {set: 1}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
