try { Object.defineProperty([], 'length', {get() {}}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
