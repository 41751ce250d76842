function spread(xs, o){
  const arr = [0, ...xs, 4];
  const obj = { ...o, z: 1 };
  const m = Math.max(...xs);
  const m2 = Math.max(1, ...xs, 2);
  return new Array(...arr).length + obj.z + m + m2;
}
spread([1, 2, 3], { y: 2 });
