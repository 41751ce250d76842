// arguments objects at cached sites.
function lenOf(o) { return o.length; }
function calleeOf(o) { return typeof o.callee; }
function sloppy(a, b) { return arguments; }
function strict(a, b) { 'use strict'; return arguments; }
const args = [sloppy(1), sloppy(1, 2, 3), strict(), strict(4, 5), [1, 2]];
for (let r = 0; r < 2; r++) console.log(args.map(lenOf).join(','), args.slice(0, 2).map(calleeOf).join(','));
try { calleeOf(strict(1)); console.log('no throw'); } catch (e) { console.log('strict callee', e.constructor.name); }
// Mapped arguments alias their parameters.
function alias(a, b) {
  arguments[0] = 'changed';
  b = 'b2';
  const out = [a, arguments[1], arguments.length];
  arguments.length = 10;
  out.push(arguments.length);
  delete arguments[0];
  arguments[0] = 'new';
  out.push(a);
  return out.join(',');
}
for (let i = 0; i < 3; i++) console.log(alias(1, 2));
function unmapped(a) { 'use strict'; arguments[0] = 9; return a; }
console.log(unmapped(1));
// Named properties added to arguments objects.
function tag(o, v) { o.tag = v; return o.tag; }
function withTag() { return tag(arguments, arguments.length); }
console.log(withTag(), withTag(1), withTag(1, 2), tag({}, 'obj'));
// Array.prototype methods applied to arguments.
function join() { return Array.prototype.join.call(arguments, '-'); }
console.log(join(1, 2, 3), join());
function spread() { return [...arguments].length + Object.keys(arguments).length; }
console.log(spread(1, 2), spread());
