// InstallBuiltins: creates the intrinsic objects and the global object, then
// lets each file of vm/builtins/ install its part. Also the shared helpers of
// builtins.h and the per-runtime built-in state.
#include "vm/builtins/builtins.h"
#include "vm/builtins/generator.h"

#include <cmath>
#include <memory>
#include <mutex>

#include "vm/builtins/binary-data.h"
#include "vm/builtins/promise.h"
#include "vm/host/event-loop.h"
#include "vm/interpreter/interpreter-runtime.h"
#include "vm/interpreter/interpreter.h"
#include "vm/execution/operations.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

// One state per runtime. InstallBuiltins replaces any previous entry, so a
// new runtime at the address of a destroyed one starts fresh. Runtimes on
// other threads ($262.agent) share the table: StateTableMutex guards it.
// Never destroyed: an agent's runtime may still run while the process exits.
std::unordered_map<const Runtime*, std::unique_ptr<BuiltinsState>>& StateTable() {
  static auto* table = new std::unordered_map<const Runtime*, std::unique_ptr<BuiltinsState>>;
  return *table;
}

std::mutex& StateTableMutex() {
  static auto* mutex = new std::mutex;
  return *mutex;
}

// Function.prototype itself: callable, returns undefined.
Value FunctionPrototypeCall(Runtime&, CallArgs&) { return Value::Undefined(); }

// %ThrowTypeError%.
Value ThrowTypeErrorFn(Runtime& rt, CallArgs&) {
  rt.ThrowTypeError(
      "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode "
      "functions or the arguments objects for calls to them");
}

void TraceState(BuiltinsState& s, Visitor& v) {
  for (auto& [k, sym] : s.symbol_registry) v.Edge(sym, EdgeType::kInternal, EdgeName::Str("registry"));
  for (Symbol* sym : {s.is_concat_spreadable, s.unscopables, s.async_iterator, s.match, s.match_all,
                      s.replace, s.search, s.split}) {
    if (sym) v.Edge(sym, EdgeType::kInternal, EdgeName::Str("well-known symbol"));
  }
  TraceValue(v, s.date_prototype, EdgeType::kInternal, EdgeName::Str("Date.prototype"));
  TraceValue(v, s.aggregate_error_prototype, EdgeType::kInternal, EdgeName::Str("AggregateError.prototype"));
  TraceValue(v, s.timeout_prototype, EdgeType::kInternal, EdgeName::Str("Timeout.prototype"));
  TraceValue(v, s.immediate_prototype, EdgeType::kInternal, EdgeName::Str("Immediate.prototype"));
  TraceValue(v, s.timer_id_symbol, EdgeType::kInternal, EdgeName::Str("timer id symbol"));
  TraceValue(v, s.stack_getter, EdgeType::kInternal, EdgeName::Str("stack getter"));
  TraceValue(v, s.stack_setter, EdgeType::kInternal, EdgeName::Str("stack setter"));
  for (Value val : s.roots) TraceValue(v, val, EdgeType::kInternal, EdgeName::Str("builtin"));
  for (Value val : s.kept_objects) TraceValue(v, val, EdgeType::kInternal, EdgeName::Str("kept alive (WeakRef)"));
  for (Cell* c : s.cleanup_queue) v.Edge(c, EdgeType::kInternal, EdgeName::Str("finalization cleanup task"));
  if (s.binary) TraceBinaryIntrinsics(*s.binary, v);
  if (s.atomics) TraceAtomicsState(*s.atomics, v);
}

}  // namespace

BuiltinsState::BuiltinsState() : binary(std::make_unique<BinaryIntrinsics>()) {}
BuiltinsState::~BuiltinsState() = default;

BinaryIntrinsics& BinaryIntrinsicsOf(Runtime& rt) { return *StateOf(rt).binary; }

Value SpeciesConstructor(Runtime& rt, Object* o, Value fallback) {
  Rooted<Value> f(rt, fallback);
  Value c = GetProperty(rt, o, PropertyKey::Named(rt.names().constructor));
  if (c.IsUndefined()) return f;
  if (!c.IsObject()) rt.ThrowTypeError("The .constructor property is not an object");
  Value s = GetProperty(rt, c.AsObject(), PropertyKey::Named(rt.symbols().species));
  if (s.IsNullish()) return f;
  if (IsConstructor(s)) return s;
  rt.ThrowTypeError("object.constructor[Symbol.species] is not a constructor");
}

// The last StateOf answer (built-ins ask for their state on every call);
// InstallBuiltins, the only place that replaces a state, clears it.
static thread_local const Runtime* last_state_runtime = nullptr;
static thread_local BuiltinsState* last_state = nullptr;

BuiltinsState& StateOf(Runtime& rt) {
  if (&rt == last_state_runtime) return *last_state;
  std::lock_guard<std::mutex> lock(StateTableMutex());
  auto& table = StateTable();
  auto it = table.find(&rt);
  if (it == table.end()) it = table.emplace(&rt, std::make_unique<BuiltinsState>()).first;
  last_state_runtime = &rt;
  last_state = it->second.get();
  return *it->second;
}

void SetMathRandomSeed(Runtime& rt, uint64_t seed) {
  // splitmix64 to spread the seed over both words.
  auto mix = [](uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  BuiltinsState& s = StateOf(rt);
  s.random_state[0] = mix(seed);
  s.random_state[1] = mix(seed);
  if (s.random_state[0] == 0 && s.random_state[1] == 0) s.random_state[1] = 1;
}

// ---- defining built-ins

NativeFunction* NewBuiltinFunction(Runtime& rt, std::string_view name, NativeFn fn, uint16_t length,
                                   bool constructor) {
  Rooted<String*> s(rt, rt.InternUtf8(name));
  return rt.NewNativeFunction(fn, s, length, constructor);
}

NativeFunction* DefineMethod(Runtime& rt, Object* obj, std::string_view name, NativeFn fn,
                             uint16_t length) {
  Rooted<Object*> holder(rt, obj);
  Rooted<String*> s(rt, rt.InternUtf8(name));
  Rooted<NativeFunction*> f(rt, rt.NewNativeFunction(fn, s, length, false));
  DefineRaw(rt, holder, rt.KeyFor(s), Value::FromCell(f.get()), kAttrHidden);
  return f;
}

NativeFunction* DefineMethod(Runtime& rt, Object* obj, Symbol* sym, std::string_view fn_name,
                             NativeFn fn, uint16_t length, uint8_t attrs) {
  Rooted<Object*> holder(rt, obj);
  Rooted<NativeFunction*> f(rt, NewBuiltinFunction(rt, fn_name, fn, length));
  DefineRaw(rt, holder, PropertyKey::Named(sym), Value::FromCell(f.get()), attrs);
  return f;
}

void DefineGetter(Runtime& rt, Object* obj, std::string_view name, NativeFn getter, NativeFn setter) {
  Rooted<Object*> holder(rt, obj);
  Rooted<String*> key(rt, rt.InternUtf8(name));
  Rooted<Value> g(rt, Value::FromCell(NewBuiltinFunction(rt, "get " + std::string(name), getter, 0)));
  Rooted<Value> s(rt, Value::Undefined());
  if (setter) s = Value::FromCell(NewBuiltinFunction(rt, "set " + std::string(name), setter, 1));
  DefineAccessorRaw(rt, holder, rt.KeyFor(key), g, s, kAttrConfigurable);
}

void DefineGetter(Runtime& rt, Object* obj, Symbol* sym, std::string_view fn_name, NativeFn getter) {
  Rooted<Object*> holder(rt, obj);
  Rooted<Value> g(rt, Value::FromCell(NewBuiltinFunction(rt, "get " + std::string(fn_name), getter, 0)));
  DefineAccessorRaw(rt, holder, PropertyKey::Named(sym), g, Value::Undefined(), kAttrConfigurable);
}

namespace {
Value SpeciesGetter(Runtime&, CallArgs& args) { return args.this_value; }
}  // namespace

void DefineSpeciesGetter(Runtime& rt, Object* ctor) {
  DefineGetter(rt, ctor, rt.symbols().species, "[Symbol.species]", SpeciesGetter);
}

void DefineValue(Runtime& rt, Object* obj, std::string_view name, Value value, uint8_t attrs) {
  Rooted<Object*> holder(rt, obj);
  Rooted<Value> v(rt, value);
  Rooted<String*> key(rt, rt.InternUtf8(name));
  DefineRaw(rt, holder, rt.KeyFor(key), v, attrs);
}

NativeFunction* MakeConstructor(Runtime& rt, std::string_view name, NativeFn fn, uint16_t length,
                                Object* prototype) {
  Rooted<Object*> proto(rt, prototype);
  Rooted<NativeFunction*> ctor(rt, NewBuiltinFunction(rt, name, fn, length, true));
  if (proto.get()) {
    DefineRaw(rt, ctor.get(), PropertyKey::Named(rt.names().prototype), Value::FromCell(proto.get()),
              kAttrNone);
    DefineRaw(rt, proto, PropertyKey::Named(rt.names().constructor), Value::FromCell(ctor.get()),
              kAttrHidden);
  }
  DefineValue(rt, rt.global(), name, Value::FromCell(ctor.get()));
  return ctor;
}

// ---- values

Value StringValue(Runtime& rt, std::u16string_view s) { return Value::FromCell(rt.NewString(s)); }
Value StringValueUtf8(Runtime& rt, std::string_view s) {
  return Value::FromCell(rt.NewStringFromUtf8(s));
}

PropertyKey IndexKey(Runtime& rt, uint64_t i) {
  if (i <= PropertyKey::kMaxIndex) return PropertyKey::Index(static_cast<uint32_t>(i));
  return rt.KeyForUtf8(NumberToStdString(static_cast<double>(i)));
}

static bool HasPlainElements(Object* obj) {
  return obj->kind() == CellKind::kArray || obj->kind() == CellKind::kObject;
}

Value GetIndex(Runtime& rt, Object* obj, uint64_t i) {
  if (HasPlainElements(obj) && i < obj->elements().size()) {
    Value v = obj->elements()[i];
    if (!v.IsHole()) return v;
  }
  rt.PollNativeTimeout();
  return GetProperty(rt, obj, IndexKey(rt, i));
}

bool HasIndex(Runtime& rt, Object* obj, uint64_t i) {
  if (HasPlainElements(obj) && i < obj->elements().size() && !obj->elements()[i].IsHole()) return true;
  rt.PollNativeTimeout();
  return HasProperty(rt, obj, IndexKey(rt, i));
}

void SetIndex(Runtime& rt, Object* obj, uint64_t i, Value v) {
  SetProperty(rt, obj, IndexKey(rt, i), v, true);
}

void CreateIndex(Runtime& rt, Object* obj, uint64_t i, Value v) {
  if (!CreateDataProperty(rt, obj, IndexKey(rt, i), v)) {
    rt.ThrowTypeError("Cannot define property " + NumberToStdString(static_cast<double>(i)) +
                      ", object is not extensible");
  }
}

void DeleteIndex(Runtime& rt, Object* obj, uint64_t i) {
  if (!DeleteProperty(rt, obj, IndexKey(rt, i))) {
    rt.ThrowTypeError("Cannot delete property '" + NumberToStdString(static_cast<double>(i)) +
                      "' of " + DescribeForError(rt, Value::FromCell(obj)));
  }
}

void SetLength(Runtime& rt, Object* obj, double n) {
  SetProperty(rt, obj, PropertyKey::Named(rt.names().length), Value::Number(n), true);
}

uint64_t RelativeIndex(Runtime& rt, Value arg, uint64_t len, uint64_t default_value) {
  if (arg.IsUndefined()) return default_value;
  double rel = ToIntegerOrInfinity(rt, arg);
  double dlen = static_cast<double>(len);
  if (rel < 0) {
    rel += dlen;
    return rel < 0 ? 0 : static_cast<uint64_t>(rel);
  }
  return rel > dlen ? len : static_cast<uint64_t>(rel);
}

bool IsDenseArray(Object* obj) { return obj->kind() == CellKind::kArray && !obj->has_sparse(); }

Value RequireCallable(Runtime& rt, Value fn) {
  if (!IsCallable(fn)) rt.ThrowTypeError(DescribeForError(rt, fn) + " is not a function");
  return fn;
}

Array* NewArrayOfLength(Runtime& rt, uint64_t length) {
  if (length > 0xFFFFFFFFull) rt.ThrowRangeError("Invalid array length");
  Array* a = rt.NewArray(0);
  if (length) a->set_length_raw(static_cast<uint32_t>(length));
  return a;
}

std::string NumberForDisplay(double d) {
  if (d == 0 && std::signbit(d)) return "-0";
  return NumberToStdString(d);
}

// ---- errors

namespace {

// "Name: message" as V8's ErrorUtils::ToString builds it.
std::u16string ErrorHeader(Runtime& rt, Object* error) {
  Rooted<Object*> e(rt, error);
  Value name = GetProperty(rt, e, PropertyKey::Named(rt.names().name));
  std::u16string n = name.IsUndefined() ? u"Error" : std::u16string(ToString(rt, name)->view());
  Value msg = GetProperty(rt, e, PropertyKey::Named(rt.names().message));
  std::u16string m = msg.IsUndefined() ? u"" : std::u16string(ToString(rt, msg)->view());
  if (n.empty()) return m;
  if (m.empty()) return n;
  return n + u": " + m;
}

Value StackGetter(Runtime& rt, CallArgs& args) {
  if (!args.this_value.IsObject()) return Value::Undefined();
  Rooted<Object*> e(rt, args.this_value.AsObject());
  BuiltinsState& st = StateOf(rt);
  auto it = st.pending_stacks.find(e.get());
  if (it == st.pending_stacks.end()) return Value::Undefined();
  std::string frames(it->second);
  std::u16string text = ErrorHeader(rt, e);
  if (!frames.empty()) {
    text += u"\n";
    text += Utf8ToUtf16(frames);
  }
  StateOf(rt).pending_stacks.erase(e.get());
  Rooted<Value> s(rt, StringValue(rt, text));
  DefineRaw(rt, e, PropertyKey::Named(rt.names().stack), s, kAttrHidden);
  return s;
}

Value StackSetter(Runtime& rt, CallArgs& args) {
  if (!args.this_value.IsObject()) return Value::Undefined();
  Object* e = args.this_value.AsObject();
  StateOf(rt).pending_stacks.erase(e);
  DefineRaw(rt, e, PropertyKey::Named(rt.names().stack), args[0], kAttrHidden);
  return Value::Undefined();
}

}  // namespace

void AttachErrorStack(Runtime& rt, Object* error) {
  Rooted<Object*> e(rt, error);
  std::string frames = CaptureStackTrace(rt);
  while (!frames.empty() && frames.back() == '\n') frames.pop_back();
  BuiltinsState& st = StateOf(rt);
  if (!st.stack_getter.IsObject()) return;  // before InstallBuiltins
  st.pending_stacks[e.get()] = BuiltinsState::StackText(frames);
  DefineAccessorRaw(rt, e, PropertyKey::Named(rt.names().stack), st.stack_getter, st.stack_setter,
                    kAttrConfigurable);
}

Object* MakeError(Runtime& rt, Object* proto, Value message, Value options) {
  Rooted<Value> msg(rt, message);
  Rooted<Value> opts(rt, options);
  Rooted<Object*> e(rt, rt.heap().New<ErrorObject>(proto));
  if (!msg.get().IsUndefined()) {
    Rooted<Value> s(rt, Value::FromCell(ToString(rt, msg)));
    DefineRaw(rt, e, PropertyKey::Named(rt.names().message), s, kAttrHidden);
  }
  if (opts.get().IsObject()) {
    PropertyKey cause = PropertyKey::Named(rt.names().cause);
    if (HasProperty(rt, opts.get().AsObject(), cause)) {
      Rooted<Value> c(rt, GetProperty(rt, opts.get().AsObject(), cause));
      DefineRaw(rt, e, cause, c, kAttrHidden);
    }
  }
  AttachErrorStack(rt, e);
  return e;
}

// ---- InstallBuiltins

void InstallBuiltins(Runtime& rt) {
  last_state_runtime = nullptr;
  {
    std::lock_guard<std::mutex> lock(StateTableMutex());
    StateTable()[&rt] = std::make_unique<BuiltinsState>();
  }
  rt.heap().AddRootSection("(Builtins)", [&rt](Visitor& v) { TraceState(StateOf(rt), v); });
  rt.heap().AddWeakCallback([&rt]() {
    BuiltinsState& s = StateOf(rt);
    for (auto it = s.pending_stacks.begin(); it != s.pending_stacks.end();) {
      if (!rt.heap().IsMarked(it->first)) it = s.pending_stacks.erase(it);
      else ++it;
    }
    std::erase_if(s.live_iterators, [&rt](Cell* c) { return !rt.heap().IsMarked(c); });
    std::erase_if(s.weak_collections, [&rt](Cell* c) { return !rt.heap().IsMarked(c); });
    size_t cleared = 0;
    for (Cell* c : s.weak_collections) cleared += SweepWeakCollection(rt, c);
    rt.heap().NoteWeakCleared(cleared);
    SweepWeakRefs(rt);
  });

  Intrinsics& in = rt.mutable_intrinsics();
  Heap& heap = rt.heap();
  in.object_prototype = heap.New<Object>(CellKind::kObject, nullptr);
  in.function_prototype =
      heap.New<NativeFunction>(in.object_prototype, FunctionPrototypeCall, rt.names().empty, 0, false,
                               rt.native_context());
  Object* op = in.object_prototype;
  in.array_prototype = heap.New<Array>(op);
  in.string_prototype = heap.New<PrimitiveWrapper>(op, Value::FromCell(rt.names().empty));
  in.number_prototype = heap.New<PrimitiveWrapper>(op, Value::Int(0));
  in.boolean_prototype = heap.New<PrimitiveWrapper>(op, Value::False());
  in.symbol_prototype = heap.New<Object>(CellKind::kObject, op);
  in.error_prototype = heap.New<Object>(CellKind::kObject, op);
  in.type_error_prototype = heap.New<Object>(CellKind::kObject, in.error_prototype);
  in.range_error_prototype = heap.New<Object>(CellKind::kObject, in.error_prototype);
  in.reference_error_prototype = heap.New<Object>(CellKind::kObject, in.error_prototype);
  in.syntax_error_prototype = heap.New<Object>(CellKind::kObject, in.error_prototype);
  in.eval_error_prototype = heap.New<Object>(CellKind::kObject, in.error_prototype);
  in.uri_error_prototype = heap.New<Object>(CellKind::kObject, in.error_prototype);
  in.map_prototype = heap.New<Object>(CellKind::kObject, op);
  in.set_prototype = heap.New<Object>(CellKind::kObject, op);
  in.iterator_prototype = heap.New<Object>(CellKind::kObject, op);
  in.array_iterator_prototype = heap.New<Object>(CellKind::kObject, in.iterator_prototype);
  in.string_iterator_prototype = heap.New<Object>(CellKind::kObject, in.iterator_prototype);
  in.map_iterator_prototype = heap.New<Object>(CellKind::kObject, in.iterator_prototype);
  in.set_iterator_prototype = heap.New<Object>(CellKind::kObject, in.iterator_prototype);
  in.regexp_prototype = heap.New<Object>(CellKind::kObject, op);
  in.global_object = heap.New<Object>(CellKind::kObject, op);
  {
    NativeFunction* tte = NewBuiltinFunction(rt, "", ThrowTypeErrorFn, 0);
    in.throw_type_error = tte;
    tte->set_lazy_properties(false);
    DefineRaw(rt, tte, PropertyKey::Named(rt.names().length), Value::Int(0), kAttrNone);
    DefineRaw(rt, tte, PropertyKey::Named(rt.names().name), Value::FromCell(rt.names().empty), kAttrNone);
    tte->set_extensible(false);
  }
  {
    BuiltinsState& st = StateOf(rt);
    st.stack_getter = Value::FromCell(NewBuiltinFunction(rt, "stack", StackGetter, 0));
    st.stack_setter = Value::FromCell(NewBuiltinFunction(rt, "stack", StackSetter, 1));
  }

  InstallSymbolBuiltins(rt);
  InstallObjectBuiltins(rt);
  InstallFunctionBuiltins(rt);
  InstallErrorBuiltins(rt);
  InstallIteratorBuiltins(rt);
  InstallGeneratorBuiltins(rt);
  InstallArrayBuiltins(rt);
  InstallStringBuiltins(rt);
  InstallStringHtmlBuiltins(rt);
  InstallNumberBuiltins(rt);
  InstallMathBuiltins(rt);
  InstallJsonBuiltins(rt);
  InstallCollectionBuiltins(rt);
  InstallDateBuiltins(rt);
  InstallArrayBufferBuiltins(rt);
  InstallTypedArrayBuiltins(rt);
  InstallAtomicsBuiltins(rt);
  InstallRegExpBuiltins(rt);
  InstallPromiseBuiltins(rt);
  InstallAsyncFunctionBuiltins(rt);
  InstallTimerBuiltins(rt);
  InstallBigIntBuiltins(rt);
  InstallGlobalBuiltins(rt);
  InstallReflectBuiltins(rt);
  InstallProxyBuiltins(rt);
  InstallWeakRefBuiltins(rt);
}

}  // namespace jsvm
