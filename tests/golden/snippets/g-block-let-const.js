function blockBindings(){
  const results = [];
  {
    const kept = 'k';                  // captured const: block context, immutable load
    let counter = 0;                   // captured and reassigned: mutable load
    results.push(function readKept(){ return kept + counter });
    counter = 1;
  }
  {
    const plain = 2;                   // not captured: a register, no block context
    let other = plain + 1;
    results.push(other);
  }
  return results;
}
blockBindings()[0]();
