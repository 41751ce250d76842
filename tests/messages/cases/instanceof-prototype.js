function F() {} F.prototype = 1; try { ({}) instanceof F; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
