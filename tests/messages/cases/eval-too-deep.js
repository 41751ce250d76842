try { eval('['.repeat(100000)); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
