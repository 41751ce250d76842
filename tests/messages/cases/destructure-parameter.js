try { (({p}) => p)(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
