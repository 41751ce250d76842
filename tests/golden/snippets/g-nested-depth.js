function d0(){
  let a = 1;
  return function d1(){
    let unused = 2;                      // no context for d1
    return function d2(){
      let b = 3;
      return function d3(){
        let c = 4;
        return function d4(){
          a = a + b + c;                 // a: depth 2 mutable, b: depth 1, c: depth 0
          return a;
        };
      };
    };
  };
}
d0()()()()();
