// Stores to a name the prototype already has as a writable data property
// (the Octane raytrace pattern): the store makes an own property and leaves
// the prototype's value alone. Then the chain changes under the warm store
// site: read-only, setter, delete, grand-prototype, setPrototypeOf,
// preventExtensions/freeze, a chain longer than 4 objects.
var C = function () { this.initialize.apply(this, arguments); };
C.prototype = {
  x: 0,
  tag: 'C',
  initialize: function (x) { this.x = x; }
};
function setX(o, v) { o.x = v; return o; }
function strictSetX(o, v) { 'use strict'; o.x = v; return o; }
function tryStrict(o, v) {
  try { strictSetX(o, v); return 'stored'; } catch (e) { return 'threw ' + e.constructor.name; }
}
function show(label, o) {
  console.log(label, o.hasOwnProperty('x'), String(o.x), String(C.prototype.x), JSON.stringify(Object.keys(o)));
}

// 1. Warm: the constructor store and the o.x store both add an own x.
var made = [];
for (var i = 0; i < 12; i++) made.push(new C(i + 1));
show('ctor warm', made[0]);
show('ctor warm', made[11]);
var sum = 0;
for (var i = 0; i < made.length; i++) sum += made[i].x;
console.log('sum', sum, 'proto x', C.prototype.x);
for (var i = 0; i < 12; i++) { setX(Object.create(C.prototype), i); strictSetX(Object.create(C.prototype), i); }
var plain = setX(Object.create(C.prototype), 'p');
show('setX warm', plain);
show('strictSetX warm', strictSetX(Object.create(C.prototype), 's'));

// 2. The prototype's x becomes read-only: sloppy stores are ignored, strict ones throw.
Object.defineProperty(C.prototype, 'x', { writable: false });
var ro = new C(99);
show('ro ctor', ro);
var ro2 = setX(Object.create(C.prototype), 'no');
show('ro setX', ro2);
console.log('ro strict', tryStrict(Object.create(C.prototype), 'no'));
// Objects that already have their own x still take stores.
setX(made[3], 'own3');
console.log('ro own', made[3].x, tryStrict(made[4], 'own4'), made[4].x);
for (var i = 0; i < 12; i++) new C(i);
show('ro ctor after loop', new C(100));
// Writable again.
Object.defineProperty(C.prototype, 'x', { writable: true });
show('rw ctor', new C(101));
show('rw setX', setX(Object.create(C.prototype), 'again'));

// 3. The prototype's x becomes a setter: it runs, and no own x is made.
var setterLog = [];
Object.defineProperty(C.prototype, 'x', {
  get: function () { return 'got:' + this._x; },
  set: function (v) { setterLog.push(v); this._x = v; },
  configurable: true
});
var viaSetter = new C(7);
show('setter ctor', viaSetter);
console.log('setter own _x', viaSetter.hasOwnProperty('_x'), viaSetter._x);
show('setter setX', setX(Object.create(C.prototype), 8));
console.log('setter strict', tryStrict(Object.create(C.prototype), 9));
for (var i = 0; i < 12; i++) new C('L' + i);
console.log('setter log', setterLog.join(','));
// A getter-only accessor: sloppy ignored, strict throws.
Object.defineProperty(C.prototype, 'x', { get: function () { return 'getter-only'; }, set: undefined, configurable: true });
show('getter-only ctor', new C(10));
console.log('getter-only strict', tryStrict(Object.create(C.prototype), 11));

// 4. Deleted from the prototype: stores make own properties, the proto has none.
delete C.prototype.x;
var afterDelete = new C(12);
show('deleted ctor', afterDelete);
show('deleted setX', setX(Object.create(C.prototype), 13));
console.log('proto has x', 'x' in C.prototype);

// 5. x on a grand-prototype instead (C.prototype's own prototype replaced).
var grand = { x: 'grand' };
Object.setPrototypeOf(C.prototype, grand);
var g1 = new C(14);
show('grand rw', g1);
console.log('grand value', grand.x, 'inherited', Object.create(C.prototype).x);
Object.defineProperty(grand, 'x', { writable: false });
show('grand ro ctor', new C(15));
show('grand ro setX', setX(Object.create(C.prototype), 16));
console.log('grand ro strict', tryStrict(Object.create(C.prototype), 17));
var grandLog = [];
Object.defineProperty(grand, 'x', { set: function (v) { grandLog.push(v); }, get: function () { return 'grand-get'; }, configurable: true });
show('grand setter ctor', new C(18));
show('grand setter setX', setX(Object.create(C.prototype), 19));
console.log('grand log', grandLog.join(','));
// Assigning C.prototype.x runs the grand setter too; defining it puts a
// writable data property on C.prototype that shadows the grand setter.
C.prototype.x = 'assigned';
console.log('proto assigned', C.prototype.hasOwnProperty('x'), grandLog.join(','));
Object.defineProperty(C.prototype, 'x', { value: 'back', writable: true, enumerable: true, configurable: true });
show('proto back', new C(20));
show('proto back setX', setX(Object.create(C.prototype), 21));
console.log('grand log', grandLog.join(','), 'proto x', C.prototype.x);

// 6. setPrototypeOf the receiver to another object.
function Point() {}
Point.prototype.x = 'pp';
var pts = [];
for (var i = 0; i < 12; i++) pts.push(setX(new Point(), i));
console.log('points', pts[0].hasOwnProperty('x'), pts[11].x, Point.prototype.x);
var roHolder = Object.defineProperty({}, 'x', { value: 'ro-holder', writable: false });
var moved = new Point();
Object.setPrototypeOf(moved, roHolder);
setX(moved, 'ignored');
console.log('moved to ro', moved.hasOwnProperty('x'), moved.x, tryStrict(moved, 'x'));
var movedLog = [];
var setterHolder = { set x(v) { movedLog.push('set ' + v); }, get x() { return 'holder-get'; } };
var moved2 = new Point();
Object.setPrototypeOf(moved2, setterHolder);
setX(moved2, 'a');
strictSetX(moved2, 'b');
console.log('moved to setter', moved2.hasOwnProperty('x'), moved2.x, movedLog.join(','));
var moved3 = new Point();
Object.setPrototypeOf(moved3, null);
setX(moved3, 'nullproto');
console.log('moved to null', Object.prototype.hasOwnProperty.call(moved3, 'x'), moved3.x);
var moved4 = new Point();
moved4.__proto__ = Object.create(roHolder);
setX(moved4, 'ignored');
console.log('moved under ro', moved4.hasOwnProperty('x'), moved4.x);
for (var i = 0; i < 12; i++) setX(new Point(), 'again' + i);
var fresh = setX(new Point(), 'fresh');
console.log('fresh point', fresh.hasOwnProperty('x'), fresh.x, Point.prototype.x);

// 7. Non-extensible, sealed and frozen receivers.
var ne = Object.preventExtensions(new Point());
setX(ne, 'ne');
console.log('preventExtensions', ne.hasOwnProperty('x'), ne.x, tryStrict(ne, 'ne'));
var fz = Object.freeze(new Point());
setX(fz, 'fz');
console.log('frozen', fz.hasOwnProperty('x'), fz.x, tryStrict(fz, 'fz'));
var fzOwn = Object.freeze(setX(new Point(), 'mine'));
setX(fzOwn, 'changed');
console.log('frozen own', fzOwn.hasOwnProperty('x'), fzOwn.x, tryStrict(fzOwn, 'changed'));
var sealedOwn = Object.seal(setX(new Point(), 'mine'));
setX(sealedOwn, 'changed');
console.log('sealed own', sealedOwn.x, tryStrict(sealedOwn, 'changed2'), sealedOwn.x);
var sealedNone = Object.seal(new Point());
setX(sealedNone, 'sealed');
console.log('sealed none', sealedNone.hasOwnProperty('x'), sealedNone.x, tryStrict(sealedNone, 's'));
var neCtor = new C(0);
var C2 = function () { Object.preventExtensions(this); this.initialize.apply(this, arguments); };
C2.prototype = C.prototype;
var nc = new C2(21);
show('ne ctor', nc);
console.log('ne ctor x', nc.x, neCtor.x);

// 8. A chain longer than 4 objects, x on the top one.
var topObj = { x: 'top' };
var chain = [topObj];
for (var i = 0; i < 6; i++) { var next = Object.create(chain[chain.length - 1]); next['pad' + i] = i; chain.push(next); }
function Leaf() {}
Leaf.prototype = chain[chain.length - 1];
function mkLeaf(v) { var o = new Leaf(); setX(o, v); return o; }
var leaves = [];
for (var i = 0; i < 12; i++) leaves.push(mkLeaf(i));
console.log('long warm', leaves[5].hasOwnProperty('x'), leaves[5].x, topObj.x);
Object.defineProperty(topObj, 'x', { writable: false });
var l1 = mkLeaf('ro-top');
console.log('long ro top', l1.hasOwnProperty('x'), l1.x, tryStrict(new Leaf(), 'y'));
chain[3].x = 'mid';
console.log('long mid assigned', chain[3].hasOwnProperty('x'), chain[3].x);
Object.defineProperty(chain[3], 'x', { value: 'mid', writable: true, configurable: true });
console.log('long mid data', chain[3].hasOwnProperty('x'), chain[3].x);
var l2 = mkLeaf('over-mid');
console.log('long after mid', l2.hasOwnProperty('x'), l2.x, chain[3].x, topObj.x);
var longLog = [];
Object.defineProperty(chain[5], 'x', { set: function (v) { longLog.push(v); }, get: function () { return 'c5'; }, configurable: true });
var l3 = mkLeaf('via-c5');
console.log('long setter', l3.hasOwnProperty('x'), l3.x, longLog.join(','));
Object.defineProperty(chain[6], 'x', { value: 'c6', writable: false, configurable: true });
var l4 = mkLeaf('ro-c6');
console.log('long ro c6', l4.hasOwnProperty('x'), l4.x, longLog.join(','), tryStrict(new Leaf(), 'z'));
delete chain[6].x;
delete chain[5].x;
var l5 = mkLeaf('ro-mid-gone');
console.log('long deleted', l5.hasOwnProperty('x'), l5.x, chain[3].x);
delete chain[3].x;
var l6 = mkLeaf('top-ro-again');
console.log('long top ro again', l6.hasOwnProperty('x'), l6.x);
Object.defineProperty(topObj, 'x', { writable: true });
var l7 = mkLeaf('all-writable');
console.log('long writable', l7.hasOwnProperty('x'), l7.x, topObj.x);

// 9. A read-only x on Object.prototype for plain object literals at a warm site.
var lits = [];
for (var i = 0; i < 12; i++) lits.push(setX({ a: i }, i));
Object.defineProperty(Object.prototype, 'x', { value: 'OP', writable: false, configurable: true });
var lit = setX({ a: 99 }, 99);
console.log('Object.prototype ro', lit.hasOwnProperty('x'), lit.x, tryStrict({ a: 1 }, 1), lits[2].x);
delete Object.prototype.x;
var lit2 = setX({ a: 100 }, 100);
console.log('Object.prototype gone', lit2.hasOwnProperty('x'), lit2.x);
