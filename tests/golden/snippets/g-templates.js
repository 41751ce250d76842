function templates(name, n){
  const plain = `hello`;
  const mixed = `hi ${name}, ${n + 1} items`;
  const nested = `${`${name}`}!`;
  const tagged = String.raw`a\n${n}`;
  return plain + mixed + nested + tagged;
}
templates('x', 1);
