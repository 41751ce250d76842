try { +{[Symbol.toPrimitive]() { return {}; }}; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
