try { Object.prototype.hasOwnProperty.call(null, 'x'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
