function makeObj(seed){
  const obj = {
    seed,
    get doubled(){ return seed * 2; },
    method(){ return this.seed + seed; },
    arrow: () => seed,
    ['comp' + 'uted']: 1,
  };
  return obj.method() + obj.doubled + obj.arrow();
}
makeObj(1);
