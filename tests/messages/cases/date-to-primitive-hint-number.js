try { new Date(0)[Symbol.toPrimitive](1); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
