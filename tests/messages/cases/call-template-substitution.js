try { `a${1}b`(); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
