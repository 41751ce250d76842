try { for (const {p} of [null]); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
