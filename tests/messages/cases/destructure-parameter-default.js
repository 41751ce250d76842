function f({p} = null) {} try { f(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
