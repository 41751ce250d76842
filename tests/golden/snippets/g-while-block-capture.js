function whileLoop(n){
  const fns = [];
  let i = 0;
  while (i < n) {
    const snapshot = i;                 // fresh block context per iteration
    fns.push(() => snapshot);
    i++;
  }
  do { let once = i; fns.push(() => once); } while (false);
  return fns;
}
whileLoop(2)[1]();
