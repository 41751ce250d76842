try { this.zz(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
