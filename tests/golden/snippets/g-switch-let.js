function switcher(n){
  switch (n) {
    case 0:
      let shared = 'zero';              // captured: block context around the whole switch
      return () => shared;
    case 1: {
      let own = 'one';                  // not captured: register
      return own;
    }
    default:
      return n;
  }
}
function switchPlain(n){
  switch (n) { case 1: let t = n * 2; return t; default: return 0; }
}
switcher(0)(); switchPlain(1);
