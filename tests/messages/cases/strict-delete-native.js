'use strict'; try { delete Object.prototype; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
