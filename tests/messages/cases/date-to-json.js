try { Date.prototype.toJSON.call({toISOString: 1}); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
