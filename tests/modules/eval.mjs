// Direct eval in module code: it reads and writes the module's variables
// (exports and imports in their cells), and `this` is undefined.
import { count as b, increment as inc } from './lib/counter.mjs';
export let x = 1;
export const k = 2;
let y = 3;
console.log(eval('x + b + y + k'));
eval('x = 10; inc()');
console.log(x, b);
try { eval('b = 1'); } catch (e) { console.log(e.constructor.name); }
console.log(eval('typeof this'), (0, eval)('typeof x'));
