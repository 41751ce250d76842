// Imports in all their forms, live bindings, defaults, re-exports,
// namespace objects and JSON modules.
import bump0, { count, increment, label as what, later } from './lib/counter.mjs';
import * as ns from './lib/counter.mjs';
import { total, bump, counter, name } from './lib/reexports.mjs';
import Anon from './lib/class-default.mjs';
import double from './lib/expr-default.mjs';
import { '😀' as face, 'with space' as spaced } from './lib/string-names.mjs';
import data from './lib/data.json' with { type: 'json' };

console.log(count, total, ns.count);
increment();
bump();
console.log(count, total, ns.count, counter.count);
console.log(what, name, later, bump0(), bump0.name);
console.log(Anon.name, new Anon().hello(), double(21), double.name);
console.log(face, spaced, data.name, data.list.length);

// The namespace object: sorted keys, read-only, no prototype.
console.log(Object.keys(ns).join(','));
console.log(Object.prototype.toString.call(ns), ns[Symbol.toStringTag], Object.getPrototypeOf(ns));
console.log(Object.isExtensible(ns), Object.isFrozen(ns), Reflect.set(ns, 'count', 5), ns.count);
try { ns.count = 1; } catch (e) { console.log(e.constructor.name); }
try { delete ns.count; } catch (e) { console.log(e.constructor.name); }
console.log(Reflect.deleteProperty(ns, 'nope'), 'count' in ns, 'nope' in ns);
console.log(JSON.stringify(Object.getOwnPropertyDescriptor(ns, 'count')));
try { count = 2; } catch (e) { console.log(e.constructor.name, e.message); }
console.log(typeof this, import.meta.url.endsWith('/tests/modules/basics.mjs'));
