function siblings(){
  let count = 0;
  let step = 1;
  const inc = () => { count += step; };       // both siblings share one function context
  const get = () => count;
  const unrelated = () => 42;                 // still created in that context
  inc();
  return get() + unrelated();
}
siblings();
