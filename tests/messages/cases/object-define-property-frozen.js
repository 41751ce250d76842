const o = Object.freeze({}); try { Object.defineProperty(o, 'x', {value: 1}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
