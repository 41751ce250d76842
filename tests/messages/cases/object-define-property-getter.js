try { Object.defineProperty({}, 'x', {get: 1}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
