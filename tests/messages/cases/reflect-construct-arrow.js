try { Reflect.construct(() => {}, []); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
