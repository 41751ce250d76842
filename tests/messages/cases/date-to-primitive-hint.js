try { new Date(0)[Symbol.toPrimitive]('x'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
