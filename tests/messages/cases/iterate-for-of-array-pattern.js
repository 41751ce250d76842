try { for (const [a] of [1]); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
