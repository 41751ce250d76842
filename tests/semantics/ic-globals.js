// Global variables: var/function redefinition, delete, read-only, typeof of undeclared.
var g = 1;
function readG() { return g; }
function writeG(v) { g = v; }
for (let i = 0; i < 3; i++) console.log(readG());
var g = 2; // redeclaration is an assignment
console.log(readG());
writeG(3);
console.log(readG(), globalThis.g);
globalThis.g = 4;
console.log(readG());
// Functions redefined: the last declaration wins at hoisting; assignment replaces it.
function f() { return 'second'; }
function callF() { return f(); }
console.log(callF(), callF());
f = function () { return 'assigned'; };
console.log(callF());
// Implicit globals are configurable: delete removes them.
function readH() { return typeof h === 'undefined' ? 'undeclared' : h; }
function writeH(v) { h = v; }
writeH('h1');
for (let i = 0; i < 3; i++) console.log(readH());
console.log(delete globalThis.h, readH());
writeH('h2');
console.log(readH());
function readHDirect() { try { return h; } catch (e) { return e.constructor.name; } }
console.log(readHDirect());
delete globalThis.h;
console.log(readHDirect(), readHDirect());
globalThis.h = 'h3';
console.log(readHDirect());
// var-declared globals are not configurable.
console.log(delete globalThis.g, readG());
// Made read-only with Object.defineProperty.
globalThis.ro = 'before';
function readRo() { return ro; }
function writeRo(v) { ro = v; return ro; }
for (let i = 0; i < 3; i++) writeRo('w' + i);
console.log(readRo());
Object.defineProperty(globalThis, 'ro', { writable: false });
console.log(writeRo('after'), readRo());
function writeRoStrict(v) { 'use strict'; ro = v; }
try { writeRoStrict('x'); console.log('no throw'); } catch (e) { console.log(e.constructor.name); }
// Made an accessor.
var acc = 0;
function readAcc() { return acc; }
function writeAcc(v) { acc = v; }
for (let i = 0; i < 3; i++) { writeAcc(i); readAcc(); }
let stored = 'none';
Object.defineProperty(globalThis, 'acc2', { get() { return 'getter'; }, set(v) { stored = v; }, configurable: true });
function readAcc2() { return acc2; }
function writeAcc2(v) { acc2 = v; }
console.log(readAcc2(), readAcc2());
writeAcc2('s'); writeAcc2('t');
console.log(stored);
// typeof of undeclared, at a site that later sees it declared.
function typeofU() { return typeof undeclaredThing; }
console.log(typeofU(), typeofU());
globalThis.undeclaredThing = 5;
console.log(typeofU());
delete globalThis.undeclaredThing;
console.log(typeofU());
// Global shadowed by a function-local var and by eval.
var shadow = 'global';
function local() { var shadow = 'local'; return shadow; }
function readShadow() { return shadow; }
console.log(local(), readShadow(), readShadow());
// Indirect eval declares globals: var (not configurable) and function.
function readEv() { return typeof evGlobal === 'undefined' ? 'none' : evGlobal; }
console.log(readEv(), readEv());
(0, eval)('var evGlobal = "from eval"; function evFn() { return "evFn"; }');
console.log(readEv(), evFn());
(0, eval)('var shadow = "eval-shadow"; evGlobal = 2');
console.log(readShadow(), readEv());
// Many globals added after caching (global object shape grows).
for (let i = 0; i < 200; i++) globalThis['gv' + i] = i;
console.log(readG(), readRo(), gv0, gv199);
for (let i = 0; i < 200; i += 2) delete globalThis['gv' + i];
console.log(readG(), readRo(), typeof gv0, gv199);
