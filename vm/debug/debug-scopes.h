// [[Scopes]]: a closure's context chain as V8's inspector reports it
// (Runtime.getProperties -> internalProperties -> [[Scopes]]), innermost
// first, as plain structs (tools/scopes-json.h writes them as JSON, in the
// shape of ../shared/scopes/*.scopes.json). `__inspect`,
// `jsvm scopes`, and later the execution tracer and the web viewer all build
// their [[Scopes]] here, so every one of them shows the same scopes, names
// and value renderings. The mapping from contexts to scopes is described in
// docs/scopes.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vm/objects/value.h"

namespace jsvm {

class Runtime;
class Object;

// One visible variable of a scope and its value, rendered by RenderScopeValue.
struct ScopeVariable {
  std::string name;
  std::string value;
};

// One entry of [[Scopes]].
struct ScopeEntry {
  std::string type;                      // closure | block | catch | script | global | with
  std::string name;                      // see docs/scopes.md ("" for none)
  std::vector<ScopeVariable> variables;  // sorted by name (UTF-16 code units, as JS sorts)
};

// What one `__inspect(fn, label)` call saw, at the moment of the call.
struct ScopeInspection {
  std::string label;
  std::optional<std::string> function;  // fn.name when it is a string
  std::vector<ScopeEntry> scopes;
};

// A value as [[Scopes]] dumps render it: numbers, booleans, null and
// undefined as JSON text (NaN, Infinity, -0 as written), strings as JSON
// strings, the TDZ hole as undefined, and everything else as a tag:
// <function>, <array>, <arguments>, <error>, <map>, <set>, <symbol>, <object>.
// A BigInt is its digits and `n` (123n), or past kBigIntDigitsShown digits
// `<bigint COUNT digits FIRST...n>` with the first half of that many digits.
// Never allocates on the heap.
std::string RenderScopeValue(Value v);
inline constexpr size_t kBigIntDigitsShown = 40;

// The [[Scopes]] of `callable`, with the values its contexts hold now.
// Functions compiled by jsvm get their context chain (closure, block, catch
// and with scopes that have visible variables), then a script scope when any
// script declared top-level lexicals, then global. Bound and native functions
// have no context chain: their list is empty. Never allocates on the heap.
std::vector<ScopeEntry> CollectScopes(Runtime& rt, Object* callable);

// What __inspect(fn, label) records: String(label), CollectScopes(fn), then
// fn.name (a [[Get]], which may run JavaScript). Throws a TypeError when `fn`
// is not callable.
ScopeInspection InspectScopes(Runtime& rt, Value fn, Value label);

}  // namespace jsvm
