// A generator suspended at a yield keeps its locals and its context alive
// for as long as its generator object is reachable.
function* producer(n) {
  const captured = new Array(100000).fill(0);
  const peek = () => captured.length;
  const scratch = new Array(30000).fill(1);
  for (let i = 0; i < n; i++) yield peek() + scratch[i];
}
var gen = producer(3);
console.log(gen.next().value);
