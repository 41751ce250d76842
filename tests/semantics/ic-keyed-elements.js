// Keyed element sites: read-only elements, prototype elements behind holes, patched Array.prototype methods.
function setI(a, i, v) { a[i] = v; return a; }
function getI(a, i) { return a[i]; }
const arr = [1, 2, 3];
for (let i = 0; i < 3; i++) setI(arr, i, i * 10);
Object.defineProperty(arr, 1, { writable: false });
setI(arr, 1, 'no'); setI(arr, 0, 'yes');
console.log(JSON.stringify(arr), getI(arr, 1));
const holey = [1, , 3];
console.log(getI(holey, 1), getI(holey, 1));
Array.prototype[1] = 'from proto';
console.log(getI(holey, 1), 1 in holey, holey.hasOwnProperty(1));
Object.defineProperty(Array.prototype, 5, { set(v) { console.log('proto setter', v); }, configurable: true });
const short = [0];
setI(short, 5, 'x');
console.log(short.length, JSON.stringify(short));
delete Array.prototype[1]; delete Array.prototype[5];
console.log(getI(holey, 1));
function push(a, v) { return a.push(v); }
const pa = [];
for (let i = 0; i < 3; i++) push(pa, i);
const origPush = Array.prototype.push;
Array.prototype.push = function (v) { return 'patched ' + v; };
console.log(push(pa, 9), pa.length);
Array.prototype.push = origPush;
console.log(push(pa, 9), pa.length);
const sealedArr = Object.seal([1, 2]);
setI(sealedArr, 0, 'ok'); setI(sealedArr, 2, 'no');
console.log(JSON.stringify(sealedArr), sealedArr.length);
const str = 'abc';
console.log(getI(str, 1), getI(str, 3), getI(new String('abc'), 2));
const args = (function () { return arguments; })('p', 'q');
console.log(getI(args, 0), setI(args, 0, 'P')[0], getI(args, 1));
