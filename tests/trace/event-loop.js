// setTimeout, Promise.then and await in one program: which runs when?
function later(label, ms) {
  return new Promise((resolve) => setTimeout(() => resolve(label), ms));
}

async function load(name) {
  const cache = { name };
  console.log('load ' + name + ': start');
  const value = await later(name + ' data', 10);
  cache.value = value;
  console.log('load ' + name + ': got ' + value);
  return cache;
}

setTimeout(() => console.log('timeout 0'), 0);
Promise.resolve(1).then((v) => console.log('then ' + v));
queueMicrotask(() => console.log('microtask'));
load('a').then((c) => console.log('done ' + c.value));
console.log('script end');
