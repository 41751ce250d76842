// setTimeout, Promise.then and await: which runs when, and what waits meanwhile?
function later(label, ms) {
  return new Promise((resolve) => setTimeout(() => resolve(label), ms));
}

async function load(name) {
  const cache = { name };
  const show = () => console.log(name + ': ' + cache.value);
  console.log(name + ': start');
  cache.value = await later(name + ' data', 10);
  show();
  return cache;
}

setTimeout(() => console.log('timeout 0'), 0);
Promise.resolve(1).then((v) => console.log('then ' + v));
load('a').then((c) => console.log('done ' + c.name));
console.log('script end');
