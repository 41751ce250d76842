// Resizable ArrayBuffers and growable SharedArrayBuffers: length-tracking
// typed arrays and DataViews follow the buffer; fixed-length views past its
// end are out of bounds (length 0, methods throw TypeError, elements read
// undefined); new bytes are zero.
const rab = new ArrayBuffer(8, { maxByteLength: 16 });
console.log(rab.byteLength, rab.maxByteLength, rab.resizable, new ArrayBuffer(4).resizable, new ArrayBuffer(4).maxByteLength);
const track = new Uint16Array(rab);
const fixed = new Uint16Array(rab, 2, 2);
const tail = new Uint8Array(rab, 4);
const dv = new DataView(rab);
const dvFixed = new DataView(rab, 4, 4);
track.fill(0x1111);
const show = (label) => console.log(label, rab.byteLength, "|", track.length, track.byteLength, track.join(","), "|", fixed.length, fixed.byteOffset, fixed.byteLength, "|", tail.length, tail.byteOffset, "|", dv.byteLength);
show("start");
rab.resize(13);
show("grown");
console.log(Array.from(new Uint8Array(rab)).join(","));
rab.resize(5);
show("shrunk");
console.log(fixed[0], fixed[1], 0 in fixed, Object.keys(fixed).length);
for (const f of [() => fixed.fill(1), () => fixed.at(0), () => [...fixed], () => dvFixed.getInt8(0), () => dvFixed.byteLength, () => fixed.slice()]) {
  try { console.log(f()); } catch (e) { console.log(e.constructor.name, e.message); }
}
rab.resize(8);
show("back");
console.log(fixed.join(","), dvFixed.byteLength, dvFixed.getUint32(0));
rab.resize(2);
show("tiny");
try { new Uint16Array(rab, 4); } catch (e) { console.log(e.constructor.name, e.message); }
for (const n of [17, -1]) {
  try { rab.resize(n); } catch (e) { console.log(e.constructor.name, e.message); }
}
try { new ArrayBuffer(4).resize(2); } catch (e) { console.log(e.constructor.name); }
try { new ArrayBuffer(8, { maxByteLength: 4 }); } catch (e) { console.log(e.constructor.name, e.message); }
// subarray of a length-tracking array tracks too
rab.resize(8);
const sub = track.subarray(1);
rab.resize(12);
console.log(sub.length, track.subarray(1, 2).length);
// SharedArrayBuffer
const sab = new SharedArrayBuffer(4, { maxByteLength: 8 });
const sv = new Int8Array(sab);
console.log(sab.growable, sab.byteLength, sab.maxByteLength, sv.length, Object.prototype.toString.call(sab));
sab.grow(6);
console.log(sab.byteLength, sv.length);
try { sab.grow(5); } catch (e) { console.log(e.constructor.name, e.message); }
const ss = sab.slice(1, 3);
console.log(ss.byteLength, ss instanceof SharedArrayBuffer, new SharedArrayBuffer(2).growable);
try { ArrayBuffer.prototype.slice.call(sab); } catch (e) { console.log(e.constructor.name); }
// slice with species
class MyBuffer extends ArrayBuffer {}
const mb = new MyBuffer(6);
new Uint8Array(mb).set([1, 2, 3, 4, 5, 6]);
const sl = mb.slice(-4, -1);
console.log(sl instanceof MyBuffer, sl.byteLength, new Uint8Array(sl).join(","), ArrayBuffer.isView(new DataView(mb)), ArrayBuffer.isView(mb));
