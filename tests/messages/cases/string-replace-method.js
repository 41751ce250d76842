try { 'a'.replace({[Symbol.replace]: 'x'}, ''); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
