const obj = {}, key = 'k'; try { obj[key](); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
