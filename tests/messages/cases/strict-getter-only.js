'use strict'; const o = {get x() { return 1; }}; try { o.x = 2; } catch (e) { console.log(e.constructor.name + ": " + e.message); }
