function defaults(a, b = a + 1, c = () => a + b){
  return c();
}
function simpleDefault(x = 1){ return x; }
defaults(1); simpleDefault();
