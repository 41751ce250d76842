// [[Scopes]] of functions in module code: one Module scope holding the
// module's captured variables and all its imports and exports; what no
// function captures stays in registers and is not shown.
import { count, increment } from './lib/counter.mjs';
import * as ns from './lib/counter.mjs';
export let exported = 1;
let captured = [1, 2];
let notCaptured = 'register';
export function reader() { return exported + count + ns.count; }
function user() { return captured; }
__inspect(reader, 'exported function');
__inspect(user, 'captures a local');
__inspect(() => 0, 'captures nothing: sees the same context');
{
  let inBlock = 'block';
  __inspect(() => inBlock, 'block inside a module');
}
console.log(notCaptured, typeof increment);
