function perIteration(){
  const fns = [];
  for (let i = 0; i < 3; i++) {
    if (i === 1) continue;
    fns.push(function readI(){ return i });
  }
  let sum = 0;
  for (let j = 0; j < 3; j++) sum += j;   // not captured: no block context
  return fns.length + sum;
}
perIteration();
