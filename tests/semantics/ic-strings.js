// Strings' methods and length at the same site as objects; string wrappers.
function len(s) { return s.length; }
function up(s) { return s.toUpperCase(); }
function at0(s) { return s.charAt(0); }
const mixed = ['ab', 'cde', { length: 9, toUpperCase() { return 'OBJ'; }, charAt() { return 'o'; } }, new String('wrap'), '', 'x'];
for (let r = 0; r < 3; r++) console.log(mixed.map(len).join(','), mixed.map(up).join(','), mixed.map(at0).join(','));
// Patch String.prototype after the site cached it.
const orig = String.prototype.toUpperCase;
String.prototype.toUpperCase = function () { return 'patched:' + this; };
console.log(mixed.map(up).join(','));
String.prototype.toUpperCase = orig;
console.log(up('back'));
// New method on String.prototype, also visible on wrappers.
function shout(s) { return s.shout; }
console.log(shout('a'), shout(new String('b')));
String.prototype.shout = 'S';
console.log(shout('a'), shout(new String('b')));
Object.defineProperty(String.prototype, 'shout', { get() { return 'got:' + this; }, configurable: true });
console.log(shout('a'), shout(new String('b')));
delete String.prototype.shout;
console.log(shout('a'));
// String wrappers: length is own and exotic; own named properties.
const w = new String('ab');
console.log(w.length, len(w), w[0], w['1'], w[2], Object.keys(w).join(), JSON.stringify(w));
w.length = 10;
w.extra = 1;
console.log(len(w), Object.keys(w).join(), w.hasOwnProperty('length'));
const w2 = new String('xyz');
console.log(len(w2), len(new String('')), len(Object('q')));
// Object.create(String.prototype) has length 0 from the wrapper String.prototype.
const sp = Object.create(String.prototype);
console.log(len(sp), len(String.prototype));
// Char access and indices.
function idx(s, i) { return s[i]; }
console.log(idx('hello', 1), idx(w, 1), idx(['a', 'b'], 1), idx({ 1: 'one' }, 1), idx('hi', 5));
// Numbers and booleans at the same site.
function tf(x) { return x.toFixed; }
console.log(typeof tf(1), typeof tf(1.5), typeof tf({}), typeof tf(new Number(2)));
