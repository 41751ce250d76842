function tdz(){
  const fns = [];
  let later;                            // captured, assigned later: hole check in readers
  fns.push(() => later);
  later = 1;
  const early = () => notYet;           // read before the declaration executes
  const notYet = 2;
  {
    let x = 1;
    x = x + 1;                          // same-scope after init: no hole check
    fns.push(x);
  }
  return fns.length + early();
}
tdz();
