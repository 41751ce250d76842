function Outer(){
  this.v = 1;
  const getThis = () => this;
  const nested = () => () => this.v;     // two arrows, one context holding this
  const args = () => arguments[0];       // arguments captured by an arrow
  return [getThis, nested, args];
}
const parts = new Outer(5);
parts[0](); parts[1]()(); parts[2]();
