const o = {m() { super.x = 1; }}; Object.setPrototypeOf(o, null); try { o.m(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
