// A heap with a bit of everything for snapshot tests: classes and instances,
// Map, Set, arrays, strings, symbols, closures over a function context and
// per-iteration block contexts, a bound function, and a mid-run __snapshot.
class Point {
  constructor(x, y) { this.x = x; this.y = y; }
  norm() { return Math.sqrt(this.x * this.x + this.y * this.y); }
}
class Point3 extends Point {
  constructor(x, y, z) { super(x, y); this.z = z; }
}
const points = [new Point(1, 2), new Point3(3, 4, 5)];
const byName = new Map([["origin", new Point(0, 0)], ["far", new Point(1e6, 1e6)]]);
const tags = new Set(["a", "b", Symbol("tag")]);
let greeting = "hello, " + "snapshot";
const key = Symbol("key");
const obj = { [key]: 42, nested: { deep: [1, "two", { three: 3 }] }, 1.5: "float key" };
function makeCounter() {
  let count = 0;
  const big = new Array(1000).fill(7);
  return { inc: () => ++count, size: () => big.length };
}
const counter = makeCounter();
const bound = Point.prototype.norm.bind(points[0]);
const mid = __snapshot("mid run: after setup");
const pending = [];
for (let i = 0; i < 3; i++) pending.push(() => i);
console.log(points[1].norm(), byName.size, tags.size, greeting, counter.inc(), bound(),
            pending.map(f => f()).join(), typeof mid);
