try { Object.defineProperty({}, 'x', {get() {}, value: 1}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
