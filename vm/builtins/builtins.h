// Shared helpers for the built-in library (vm/builtins/*.cc): defining methods,
// getters and constructors with V8's attributes, element access on
// array-likes, and the per-runtime state the built-ins keep (symbol registry,
// Math.random seed, lazily formatted error stacks).
//
// Attributes follow V8: methods are writable + configurable and not
// enumerable; a constructor's `prototype` is neither writable, enumerable nor
// configurable; a function's `name` and `length` are configurable only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "vm/objects/function.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/runtime.h"

namespace jsvm {

// ---- defining built-ins

// A new native function whose `name` is `name` and `length` is `length`.
NativeFunction* NewBuiltinFunction(Runtime& rt, std::string_view name, NativeFn fn, uint16_t length,
                                   bool constructor = false);
// obj[name] = a native method (writable, configurable, not enumerable).
NativeFunction* DefineMethod(Runtime& rt, Object* obj, std::string_view name, NativeFn fn,
                             uint16_t length);
// obj[sym] = a native method named `fn_name` (e.g. "[Symbol.iterator]").
NativeFunction* DefineMethod(Runtime& rt, Object* obj, Symbol* sym, std::string_view fn_name,
                             NativeFn fn, uint16_t length, uint8_t attrs = kAttrHidden);
// An accessor property (configurable, not enumerable) with a native getter
// named "get <name>" and, when `setter` is not null, a setter "set <name>".
void DefineGetter(Runtime& rt, Object* obj, std::string_view name, NativeFn getter,
                  NativeFn setter = nullptr);
// The same keyed by a symbol; the getter is named "get <fn_name>".
void DefineGetter(Runtime& rt, Object* obj, Symbol* sym, std::string_view fn_name, NativeFn getter);
// ctor[@@species]: the getter "get [Symbol.species]" that returns `this`.
void DefineSpeciesGetter(Runtime& rt, Object* ctor);
// obj[name] = value with `attrs` (default: writable + configurable).
void DefineValue(Runtime& rt, Object* obj, std::string_view name, Value value,
                 uint8_t attrs = kAttrHidden);
// A constructor `name` with `prototype` as its prototype property (and
// prototype.constructor pointing back), bound on the global object.
NativeFunction* MakeConstructor(Runtime& rt, std::string_view name, NativeFn fn, uint16_t length,
                                Object* prototype);

// A list of property keys whose cells stay rooted (a getter may delete the
// property that kept a key's interned string alive).
class RootedKeys {
 public:
  RootedKeys(Runtime& rt, std::vector<PropertyKey> keys) : keys_(std::move(keys)), roots_(rt) {
    for (const PropertyKey& k : keys_) {
      if (k.cell()) roots_.push_back(Value::FromCell(k.cell()));
    }
  }
  size_t size() const { return keys_.size(); }
  const PropertyKey& operator[](size_t i) const { return keys_[i]; }
  auto begin() const { return keys_.begin(); }
  auto end() const { return keys_.end(); }

 private:
  std::vector<PropertyKey> keys_;
  RootedVector roots_;
};

// Whether `v` is a realm's global eval function (%eval%).
bool IsGlobalEval(Value v);

// Hook that compiles and runs the source text of a classic script in the
// global scope and returns its completion value (the value of the last
// expression statement), throwing SyntaxError for a compile error. vm/ cannot
// see the compiler, so the layer above installs it (see SetScriptEvaluatorHook
// callers). It powers `new Function(params..., body)` and indirect `eval`;
// without it both throw TypeError "... is not supported".
using ScriptEvaluatorHook = Value (*)(Runtime& rt, const std::u16string& source);
void SetScriptEvaluatorHook(Runtime& rt, ScriptEvaluatorHook hook);

// Defines the global `$262` for test262 (vm/builtins/test262-host.cc);
// `new_script` runs a source text as a new classic script ($262.evalScript).
void InstallTest262Host(Runtime& rt, ScriptEvaluatorHook new_script);
// Whether $262.agent.start made an agent: the host then ends the process
// without tearing down the runtimes the agents' threads still run.
bool Test262AgentsStarted();

// Hook that compiles the source of a direct eval as code running in
// `context` (its caller's current context, whose scope infos name the
// bindings it can see) and returns its top-level function, throwing
// SyntaxError for a compile error. Installed by the layer above, like the
// script evaluator; without it a direct eval throws TypeError. `mode` is
// ResolvePossiblyDirectEval's language mode operand (kEvalStrict,
// kEvalInParameters, kEvalInFieldInitializer, kEvalInMethod, kEvalInStaticMethod,
// kEvalInFunction).
inline constexpr int kEvalStrict = 1;        // the caller is strict code
inline constexpr int kEvalInParameters = 2;  // the call is in a parameter list's expressions
// The nearest non-arrow function around the call is a class field
// initializer (`arguments` is a SyntaxError in the eval code), a method
// (super.x reads its home object), a static one (the class is its home object).
inline constexpr int kEvalInFieldInitializer = 4;
inline constexpr int kEvalInMethod = 8;
inline constexpr int kEvalInStaticMethod = 16;
// The nearest non-arrow function around the call is a function, not the
// top level (new.target is allowed in the eval code).
inline constexpr int kEvalInFunction = 32;
using DirectEvalHook = FunctionInfo* (*)(Runtime& rt, const std::u16string& source, Context* context, int mode,
                                         const FunctionInfo* caller);
void SetDirectEvalHook(Runtime& rt, DirectEvalHook hook);
DirectEvalHook GetDirectEvalHook(Runtime& rt);

// CreateDynamicFunction: what `new Function(params..., body)` and its
// generator/async kin do: compiles `(<keyword> anonymous(params) { body })`
// ("function", "function*", "async function", "async function*") with the
// script evaluator hook; a subclass's new.target gives the prototype, else
// `fallback_proto`.
Value CreateDynamicFunction(Runtime& rt, CallArgs& args, std::u16string_view keyword, Object* fallback_proto);

// What `__snapshot(label)` does: the tools layer installs it (heap snapshot
// files, leak reports). Its result is __snapshot's (undefined when nothing
// was written). Without a hook __snapshot does nothing and returns undefined.
using SnapshotHook = std::function<Value(Runtime& rt, const std::string& label)>;
void SetSnapshotHook(Runtime& rt, SnapshotHook hook);

// ---- values

// A new (not interned) string value.
Value StringValue(Runtime& rt, std::u16string_view s);
Value StringValueUtf8(Runtime& rt, std::string_view s);
// The key of element i (an index key below 2^32 - 1, else a string key).
PropertyKey IndexKey(Runtime& rt, uint64_t i);
// Get(obj, ToString(i)), with a fast path for dense storage.
Value GetIndex(Runtime& rt, Object* obj, uint64_t i);
// HasProperty(obj, ToString(i)), with a fast path for dense storage.
bool HasIndex(Runtime& rt, Object* obj, uint64_t i);
// Set(obj, ToString(i), v, true).
void SetIndex(Runtime& rt, Object* obj, uint64_t i, Value v);
// CreateDataPropertyOrThrow(obj, ToString(i), v).
void CreateIndex(Runtime& rt, Object* obj, uint64_t i, Value v);
// DeletePropertyOrThrow(obj, ToString(i)).
void DeleteIndex(Runtime& rt, Object* obj, uint64_t i);
// Set(obj, "length", n, true).
void SetLength(Runtime& rt, Object* obj, double n);
// Relative index argument (slice, splice, at ...): ToIntegerOrInfinity,
// negative counts from len, clamped to [0, len].
uint64_t RelativeIndex(Runtime& rt, Value arg, uint64_t len, uint64_t default_value);
// True when obj is a plain Array with dense storage only (fast paths).
bool IsDenseArray(Object* obj);
// CreateListFromArrayLike(v) into `out` (TypeError when v is not an object).
void ListFromArrayLike(Runtime& rt, Value v, RootedVector& out);
// The callable argument or a TypeError "<desc> is not a function".
Value RequireCallable(Runtime& rt, Value fn);
// SpeciesConstructor-free ArraySpeciesCreate: a new Array of `length`
// (RangeError for lengths above 2^32 - 1).
Array* NewArrayOfLength(Runtime& rt, uint64_t length);
// Number -> display string for console output (like String(n), but -0 is "-0").
std::string NumberForDisplay(double d);

// ---- errors

// Gives a freshly made error object its `stack` property: the header
// "Name: message" is formatted lazily from the error's current name and
// message (like V8), followed by the stack trace captured now. The lead's
// Runtime::NewError should call this.
void AttachErrorStack(Runtime& rt, Object* error);
// Creates an error with prototype `proto` and an own message (when not
// undefined), `cause` from options, and a stack.
Object* MakeError(Runtime& rt, Object* proto, Value message, Value options = Value::Undefined());

// ---- collections (collections.cc)

struct BinaryIntrinsics;

// Per-runtime state of the built-ins.
struct BuiltinsState {
  BuiltinsState();
  ~BuiltinsState();
  uint64_t random_state[2] = {0x9E3779B97F4A7C15ull, 0xBF58476D1CE4E5B9ull};
  // Symbol.for registry (strong).
  std::unordered_map<std::u16string, Symbol*> symbol_registry;
  // Well-known symbols that WellKnownSymbols does not hold.
  Symbol* is_concat_spreadable = nullptr;
  Symbol* unscopables = nullptr;
  Symbol* async_iterator = nullptr;
  Symbol* match = nullptr;
  Symbol* match_all = nullptr;
  Symbol* replace = nullptr;
  Symbol* search = nullptr;
  Symbol* split = nullptr;
  // The shared accessor pair of not yet formatted `stack` properties.
  Value stack_getter;
  Value stack_setter;
  // Stack frames of errors whose `stack` is not formatted yet (weak keys);
  // external memory, as the errors own them.
  using StackText = std::basic_string<char, std::char_traits<char>, ExternalAllocator<char>>;
  ExternalUnorderedMap<const Cell*, StackText, std::hash<const Cell*>, std::equal_to<const Cell*>> pending_stacks;
  // Collection iterators that may be mid-iteration (weak; see collections.h).
  std::vector<Cell*> live_iterators;
  ScriptEvaluatorHook script_evaluator = nullptr;
  ScriptEvaluatorHook new_script_evaluator = nullptr;  // $262.evalScript (--test262-host)
  DirectEvalHook direct_eval = nullptr;
  SnapshotHook snapshot_hook;
  // Date.prototype (not an intrinsic of the runtime).
  Value date_prototype;
  // AggregateError.prototype (Promise.any rejects with an AggregateError).
  Value aggregate_error_prototype;
  // The host's timer objects (vm/host/event-loop.cc): their prototypes and
  // the symbol under which each keeps its id.
  Value timeout_prototype;
  Value immediate_prototype;
  Value timer_id_symbol;
  // Live WeakMap/WeakSet objects (weak list), swept of dead keys after marking.
  std::vector<Cell*> weak_collections;
  // Live WeakRefs and FinalizationRegistries (weak lists, weak-refs.cc).
  std::vector<Cell*> weak_refs;
  std::vector<Cell*> finalization_registries;
  // Registries with held values waiting for their cleanup callback (strong:
  // the host task that runs it holds them).
  std::vector<Cell*> cleanup_queue;
  // The [[KeptAlive]] list: WeakRef targets made or dereferenced in the
  // current job, kept alive until ClearKeptObjects (strong).
  std::vector<Value> kept_objects;
  // Values kept alive for the runtime's lifetime (created during install).
  std::vector<Value> roots;
  // ArrayBuffer, DataView and the typed arrays (binary-data.h).
  std::unique_ptr<BinaryIntrinsics> binary;
  // The RegExp built-ins' state (regexp.cc).
  std::shared_ptr<struct RegExpState> regexp_state;
  // The modules loaded so far (vm/modules/module-loader.cc).
  std::shared_ptr<struct ModuleRegistry> modules;
  // Atomics.waitAsync's pending waits (atomics.cc; made on first use).
  std::shared_ptr<struct AtomicsState> atomics;
};

// The built-ins' state of `rt` (created by InstallBuiltins).
BuiltinsState& StateOf(Runtime& rt);
// Seeds Math.random's xorshift128+ (runs are deterministic by default).
void SetMathRandomSeed(Runtime& rt, uint64_t seed);

// ---- installers, one per file (called by InstallBuiltins in order)
void InstallObjectBuiltins(Runtime& rt);
void InstallFunctionBuiltins(Runtime& rt);
void InstallSymbolBuiltins(Runtime& rt);
void InstallErrorBuiltins(Runtime& rt);
void InstallIteratorBuiltins(Runtime& rt);
void InstallArrayBuiltins(Runtime& rt);
void InstallStringBuiltins(Runtime& rt);
// String.prototype's HTML methods of Annex B (string-html.cc).
void InstallStringHtmlBuiltins(Runtime& rt);
void InstallNumberBuiltins(Runtime& rt);
void InstallMathBuiltins(Runtime& rt);
void InstallJsonBuiltins(Runtime& rt);
void InstallCollectionBuiltins(Runtime& rt);
void InstallGlobalBuiltins(Runtime& rt);
void InstallDateBuiltins(Runtime& rt);
void InstallArrayBufferBuiltins(Runtime& rt);
void InstallAtomicsBuiltins(Runtime& rt);
void InstallTypedArrayBuiltins(Runtime& rt);
void InstallReflectBuiltins(Runtime& rt);
void InstallProxyBuiltins(Runtime& rt);
void InstallRegExpBuiltins(Runtime& rt);
void InstallBigIntBuiltins(Runtime& rt);

// ---- shared between built-in files

// SpeciesConstructor(o, fallback): o.constructor[@@species], or `fallback`
// when either is undefined (or the species null).
Value SpeciesConstructor(Runtime& rt, Object* o, Value fallback);
// The binary-data intrinsics of `rt` (binary-data.h).
BinaryIntrinsics& BinaryIntrinsicsOf(Runtime& rt);
// Traces them (a part of the built-ins' root section).
void TraceBinaryIntrinsics(const BinaryIntrinsics& b, Visitor& v);
// Reports the promises and buffers of the pending Atomics.waitAsync calls.
void TraceAtomicsState(const struct AtomicsState& s, Visitor& v);

// Removes the entries of a WeakMap/WeakSet whose keys are not marked;
// returns how many.
size_t SweepWeakCollection(Runtime& rt, Cell* collection);
// CanBeHeldWeakly: objects and symbols not in the Symbol.for registry.
bool CanBeHeldWeakly(Runtime& rt, Value v);

// ---- WeakRef and FinalizationRegistry (weak-refs.cc)
// Installs WeakRef, FinalizationRegistry and, with --expose-gc, gc().
void InstallWeakRefBuiltins(Runtime& rt);
// After marking: clears dead WeakRef targets, moves the held values of dead
// registered targets to their registries' pending lists and queues those
// registries for cleanup. Allocates nothing on the heap.
void SweepWeakRefs(Runtime& rt);
// ClearKeptObjects: empties the [[KeptAlive]] list (the host calls it once
// the microtask queue is drained).
void ClearKeptObjects(Runtime& rt);
// Whether a FinalizationRegistry waits for its cleanup callback.
bool HasFinalizationCleanups(Runtime& rt);
// Runs the cleanup callback of every queued registry once per pending held
// value (the host task of HostEnqueueFinalizationRegistryCleanupJob).
// Throws JsThrow when a callback throws.
void RunFinalizationCleanups(Runtime& rt);

// Date objects (date.cc): ordinary objects with [[DateValue]].
bool IsDateObject(Object* obj);
double DateObjectValue(Object* obj);
// toISOString's text, or "Invalid Date" (what node's inspect prints).
std::string DateToIsoOrInvalid(double t);

// Object.prototype.toString's result for v ("[object Array]" ...).
String* ObjectToStringTag(Runtime& rt, Value v);
// Creates an Array iterator over `obj` (kind: 0 keys, 1 values, 2 entries).
Object* NewArrayIterator(Runtime& rt, Value obj, int kind);
// Array.prototype.join's core with separator `sep` (cycle-safe for toString).
String* ArrayJoin(Runtime& rt, Object* obj, String* sep);
// Whether fn is the built-in Function.prototype[@@hasInstance] (instanceof's fast path).
bool IsDefaultHasInstance(Value fn);
// The function's source text, or "function name() { [native code] }".
String* FunctionToString(Runtime& rt, Object* fn);
// JSON.stringify(value, replacer, space); undefined when not serialisable.
Value JsonStringify(Runtime& rt, Value value, Value replacer, Value space);
// Quotes s as a JSON string literal ("\"a\\n\"").
void JsonQuote(std::u16string_view s, std::u16string& out);
// Parses a JSON text (throws SyntaxError with V8's messages).
Value JsonParse(Runtime& rt, std::u16string_view text);
// ParseInt/ParseFloat cores (global and Number.* share them).
double ParseIntCore(std::u16string_view s, int32_t radix);
double ParseFloatCore(std::u16string_view s);
// Well-formed substring helpers for the string built-ins.
std::u16string ToUpperCaseCore(std::u16string_view s);
std::u16string ToLowerCaseCore(std::u16string_view s);

// ---- regular expressions (regexp.cc)

struct RegExpProgram;
// IsRegExp(v): an object whose Symbol.match is truthy, or a RegExp without one.
bool IsRegExpValue(Runtime& rt, Value v);
// RegExpCreate(pattern, flags) with %RegExp.prototype%.
Value RegExpCreateValue(Runtime& rt, Value pattern, Value flags);
// GetSubstitution: `replacement` with $$, $&, $`, $', $n and $<name> expanded
// (captures: undefined or strings; named_captures: undefined or an object).
String* GetSubstitution(Runtime& rt, String* matched, String* str, size_t position,
                        const std::vector<Value>& captures, Value named_captures, String* replacement);
// A RegExp object for a literal (CreateRegExpLiteral): `*site` is the
// literal site's compiled program, filled on first use and kept for the
// runtime's lifetime.
Value NewRegExpFromLiteral(Runtime& rt, String* pattern, const RegExpProgram** site, uint32_t flags);
// "/source/flags" of a RegExp object, as console.log shows it.
std::u16string RegExpDisplayText(Object* regexp);

}  // namespace jsvm
