const o = Object.freeze({x: 1}); try { Object.defineProperty(o, 'x', {value: 2}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
