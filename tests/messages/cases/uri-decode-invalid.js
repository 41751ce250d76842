try { decodeURI('%E0%A4%A'); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
