try { try { throw null; } catch ({p}) {} } catch (e) { console.log(e.constructor.name + ": " + e.message); }
