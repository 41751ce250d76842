// Records the [[Scopes]] V8 reports for functions of a *module* program, in
// the shape ../../../shared/tools/v8-scopes writes for scripts (that tool
// runs classic scripts only): the program calls __inspect(fn, "label").
//   node v8-module-scopes.mjs PROGRAM.mjs > PROGRAM.scopes.json
import inspector from 'node:inspector';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const session = new inspector.Session();
session.connect();
function post(method, params = {}) {
  let result, error, done = false;
  session.post(method, params, (e, r) => { done = true; error = e; result = r; });
  if (!done) throw new Error('inspector answered ' + method + ' asynchronously');
  if (error) throw new Error(method + ': ' + error.message);
  return result;
}
const TYPES = { Local: 'local', Closure: 'closure', Block: 'block', Catch: 'catch', Script: 'script',
                Global: 'global', 'With Block': 'with', Eval: 'eval', Module: 'module' };
function render(v) {
  if (!v) return '<unknown>';
  switch (v.type) {
    case 'undefined': return 'undefined';
    case 'number': return v.unserializableValue ?? JSON.stringify(v.value);
    case 'boolean': case 'string': return JSON.stringify(v.value);
    case 'function': return '<function>';
    case 'object':
      if (v.subtype === 'null') return 'null';
      if (v.subtype === 'array') return '<array>';
      return '<object>';
    default: return '<' + v.type + '>';
  }
}
const inspections = [];
globalThis.__inspect = (fn, label) => {
  globalThis.__target = fn;
  const obj = post('Runtime.evaluate', { expression: 'globalThis.__target' }).result;
  delete globalThis.__target;
  const internal = post('Runtime.getProperties', { objectId: obj.objectId, ownProperties: true }).internalProperties;
  const list = post('Runtime.getProperties', { objectId: internal.find((p) => p.name === '[[Scopes]]').value.objectId,
                                               ownProperties: true }).result.filter((p) => /^\d+$/.test(p.name));
  const scopes = [];
  for (const entry of list) {
    const m = /^(Local|Closure|Block|Catch|Script|Global|With Block|Eval|Module)(?: \((.*)\))?$/s.exec(entry.value.description);
    const scope = { type: TYPES[m[1]], name: m[2] ?? '', variables: [], values: {} };
    if (scope.type !== 'global') {
      const vars = post('Runtime.getProperties', { objectId: entry.value.objectId, ownProperties: true }).result;
      vars.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const v of vars) {
        scope.variables.push(v.name);
        scope.values[v.name] = render(v.value);
      }
    }
    scopes.push(scope);
  }
  inspections.push({ label: String(label), function: fn.name, scopes });
};
const toErr = (...a) => process.stderr.write(util.format(...a) + '\n');
console.log = toErr;
const file = process.argv[2];
await import(pathToFileURL(path.resolve(file)).href);
process.stdout.write(JSON.stringify({ program: path.basename(file), engine: 'node ' + process.version,
                                      inspections }, null, 2) + '\n');
