'use strict'; const a = Object.freeze([1]); try { delete a[0]; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
