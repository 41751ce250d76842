// An async function suspended on a promise nobody will ever resolve keeps
// its locals alive: `pending` holds the resolving function, the promise holds
// the await's reaction, the reaction holds the suspended `load`.
const pending = [];
function never() {
  return new Promise((resolve) => pending.push(resolve));
}
async function load(url) {
  const cache = new Array(200000).fill(url);
  await never();
  return cache.length;
}
load("https://example.com/data");
console.log("load started, pending:", pending.length);
