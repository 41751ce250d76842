function makeClass(start){
  let count = start;
  const C = class Counter {
    inc(){ count++; return Counter.name + count; }   // class name binding captured by a method
  };
  return new C();
}
makeClass(1).inc();
