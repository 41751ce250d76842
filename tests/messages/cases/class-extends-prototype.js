function F() {} F.prototype = 1; try { class A extends F {} } catch (e) { console.log(e.constructor.name + ": " + e.message); }
