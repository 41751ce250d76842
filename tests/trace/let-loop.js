// Per-iteration let bindings captured by closures, against a shared var.
var fns = [];
for (let i = 0; i < 3; i++) {
  fns.push(function () { return i; });
}
var shared = [];
for (var j = 0; j < 3; j++) {
  shared.push(() => j);
}
console.log(fns[0](), fns[1](), fns[2](), shared[0](), shared[2]());
function counter() {
  let count = 0;
  return { inc: () => ++count, get: () => count };
}
const c1 = counter(), c2 = counter();
c1.inc(); c1.inc(); c2.inc();
console.log(c1.get(), c2.get());
{
  let blockScoped = "block";
  const peek = () => blockScoped;
  console.log(peek());
}
function tdz() {
  const read = () => later;
  let later = 42;
  return read();
}
console.log(tdz());
