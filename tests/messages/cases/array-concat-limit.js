const o = {length: 2 ** 53 - 1, [Symbol.isConcatSpreadable]: true}; try { [1].concat(o); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
