try { Reflect.apply({}, null, []); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
