try { +{toString: null, valueOf: null}; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
