function outerFn(){
  const fact = function f(n){ return n <= 1 ? 1 : n * f(n - 1); };   // self name: <closure>
  function even(n){ return n === 0 ? true : odd(n - 1); }              // hoisted, mutually captured
  function odd(n){ return n === 0 ? false : even(n - 1); }
  return fact(4) + (even(4) ? 1 : 0);
}
outerFn();
