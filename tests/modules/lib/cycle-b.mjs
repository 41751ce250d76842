import { fromA } from './cycle-a.mjs';
import * as A from './cycle-a.mjs';
export let b = 'b';
export function fromB() { return 'B sees ' + fromA(); }
// a's function declarations exist before a runs; its let does not.
console.log('evaluating b:', typeof fromA, fromA());
try { A.a; } catch (e) { console.log('A.a:', e.constructor.name); }
try { Object.keys(A); } catch (e) { console.log('keys:', e.message); }
console.log(Object.getOwnPropertyNames(A).join(','));
