// import() from a classic script: a promise, settled after the current job
// (the order of settlements among different imports is the host's).
var log = [];
var loaded = import('./lib/order.mjs').then((ns) => {
  log.push('loaded');
  return log.join(' ') + ' ' + Object.keys(ns);
});
log.push('sync');
Promise.resolve().then(() => log.push('microtask'));
Promise.allSettled([
  loaded,
  import('./lib/nope.mjs'),
  import('./lib/data.json', { with: { type: 'json' } }).then((m) => m.default.list.join('+')),
  import('./lib/data.json', 'bad'),
  import({ toString() { return './lib/counter.mjs'; } }).then((m) => m.count),
  eval("import('./lib/fast.mjs')").then((m) => m.value),
]).then((results) => {
  for (const r of results) console.log(r.status, r.status === 'fulfilled' ? r.value : r.reason.constructor.name);
});
