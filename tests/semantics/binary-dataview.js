// DataView: every getter and setter in both byte orders, unaligned offsets,
// NaN and -0 bits, conversions of the value and of the offset, bounds.
const dv = new DataView(new ArrayBuffer(24), 3);
const hex = () => Array.from(new Uint8Array(dv.buffer), (b) => b.toString(16).padStart(2, "0")).join("");
const kinds = ["Int8", "Uint8", "Int16", "Uint16", "Int32", "Uint32", "Float32", "Float64"];
for (const k of kinds) {
  for (const little of [false, true]) {
    for (const v of [-1, 1.5, 0x12345678, -0x80000001, NaN, -0, 1e40]) {
      dv[`set${k}`](1, v, little);
      const back = dv[`get${k}`](1, little);
      const swapped = dv[`get${k}`](1, !little);
      console.log(k, little ? "LE" : "BE", v, "->", Object.is(back, -0) ? "-0" : back, Object.is(swapped, -0) ? "-0" : swapped, hex().slice(6, 24));
    }
  }
}
dv.setUint16("2", "258");
console.log(dv.getUint16(2.9), dv.getUint8(), dv.setInt8(0, 1), dv.getInt8.length, dv.setFloat64.length);
for (const f of [() => dv.getInt32(18), () => dv.getInt8(-1), () => dv.getInt8(Infinity), () => dv.setFloat64(14, 1), () => new DataView(new ArrayBuffer(4), 5), () => new DataView(new ArrayBuffer(4), 1, 4), () => new DataView({}), () => DataView.prototype.getInt8.call(new Uint8Array(4), 0), () => DataView(new ArrayBuffer(1))]) {
  try { console.log(f()); } catch (e) { console.log(e.constructor.name, e.message); }
}
const order = [];
try { dv.setInt8({ valueOf() { order.push("offset"); return 100; } }, { valueOf() { order.push("value"); return 1; } }); } catch (e) { console.log(e.constructor.name, order.join(",")); }
console.log(Object.prototype.toString.call(dv), dv.byteLength, dv.byteOffset, new DataView(dv.buffer, 24).byteLength);
