try { 'a'.startsWith({[Symbol.match]: true}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
