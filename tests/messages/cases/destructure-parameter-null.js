function f({p}) {} try { f(null); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
