// Two proxies for the heap snapshot test: one over a class instance, one
// callable (over a function), both kept alive by globals.
class Store { constructor() { this.items = [1, 2, 3]; } }
globalThis.store = new Proxy(new Store(), { get: (t, k) => t[k] });
globalThis.call = new Proxy(function guarded() { return 1; }, { apply: (t, self, args) => t(...args) });
console.log(store.items.length, call());
