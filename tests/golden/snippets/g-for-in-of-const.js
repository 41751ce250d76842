function iterate(obj, list){
  const out = [];
  for (const key in obj) out.push(() => key);
  for (const item of list) out.push(function readItem(){ return item });
  for (const plain of list) out.push(plain);
  return out;
}
iterate({ a: 1 }, [2, 3])[0]();
