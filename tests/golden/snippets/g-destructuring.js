function destructure(obj, arr){
  const { a, b: renamed = 2, ...rest } = obj;
  let [x, , y = 3, ...tail] = arr;
  [x, y] = [y, x];
  const read = () => a + x;             // a and x captured
  return [renamed, rest, y, tail, read()];
}
destructure({ a: 1, c: 3 }, [4, 5]);
