#include "vm/interpreter/interpreter-runtime.h"
#include "vm/builtins/generator.h"

#include <chrono>
#include <cstdio>
#include <cmath>
#include <unordered_set>

#include "vm/builtins/builtins.h"
#include "vm/interpreter/error-sites.h"
#include "vm/interpreter/lookup-slots.h"
#include "vm/modules/module-loader.h"
#include "vm/interpreter/private-names.h"
#include "vm/objects/bigint.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/operations.h"

namespace jsvm {

// ---------------------------------------------------------------- globals

Value LoadGlobal(Runtime& rt, String* name, bool inside_typeof) {
  if (const Runtime::ScriptBinding* b = rt.FindScriptBinding(name)) {
    Value v = b->context->get(b->slot);
    if (v.IsHole()) rt.ThrowReferenceError("Cannot access '" + name->ToUtf8() + "' before initialization");
    return v;
  }
  Object* global = rt.global();
  int i = global->FindNamed(name);
  if (i >= 0 && !(global->named_attrs(i) & kAttrAccessor)) return global->named_value(i);
  PropertyKey key = rt.KeyFor(name);
  if (!HasProperty(rt, global, key)) {
    if (inside_typeof) return Value::Undefined();
    rt.ThrowReferenceError(name->ToUtf8() + " is not defined");
  }
  return GetProperty(rt, global, key);
}

void StoreGlobal(Runtime& rt, String* name, Value value, bool strict) {
  if (const Runtime::ScriptBinding* b = rt.FindScriptBinding(name)) {
    if (b->context->get(b->slot).IsHole()) {
      rt.ThrowReferenceError("Cannot access '" + name->ToUtf8() + "' before initialization");
    }
    if (b->mode == VariableMode::kConst || b->mode == VariableMode::kClassName) {
      rt.ThrowTypeError("Assignment to constant variable.");
    }
    b->context->set(b->slot, value);
    return;
  }
  Object* global = rt.global();
  int i = global->FindNamed(name);
  if (i >= 0 && (global->named_attrs(i) & (kAttrWritable | kAttrAccessor)) == kAttrWritable) {
    global->set_named_value(i, value);
    return;
  }
  Rooted<Value> rvalue(rt, value);
  PropertyKey key = rt.KeyFor(name);
  if (strict && !HasProperty(rt, global, key)) rt.ThrowReferenceError(name->ToUtf8() + " is not defined");
  SetProperty(rt, global, key, rvalue, strict);
}

// ---------------------------------------------------------------- properties

Array* NewArrayLiteral(Runtime& rt, PropertyIC& site) {
  // A hint, never a limit: literals longer than this grow as usual.
  constexpr uint32_t kMaxReserve = 1024;
  // The site's epoch here counts collections (+1: 0 means empty), not shape epochs.
  auto epoch = static_cast<uint32_t>(rt.heap().stats().collections + 1);
  uint32_t learned = 0;
  if (site.kind == ICKind::kArrayLiteral) {
    learned = site.slot;
    // The last array is known to be alive only if nothing was collected since.
    if (site.epoch == epoch) learned = std::max(learned, std::min(site.last_literal->length(), kMaxReserve));
  }
  Array* a = rt.NewArray(0);
  if (learned) a->ReserveDense(rt, learned);
  site.kind = ICKind::kArrayLiteral;
  site.epoch = epoch;
  site.slot = learned;
  site.last_literal = a;
  return a;
}

Object* NewObjectLiteral(Runtime& rt, const Array* names, PropertyIC& site) {
  const DenseElements& keys = names->elements();
  auto n = static_cast<uint32_t>(keys.size());
  // Exactly the literal's properties inside the object (V8 sizes literal
  // objects from their boilerplate); names is a constant, alive across this.
  Object* o = rt.NewObject(rt.intrinsics().object_prototype, n);
  // The slot's shape, if it was made for these names (a bytecode file could
  // give two literals one slot: the shape must fit this object).
  if (site.kind == ICKind::kObjectLiteral && site.epoch == rt.shapes().epoch() && site.last_literal == names &&
      site.shapes[0]->size() == n) {
    o->InitNamedUndefined(site.shapes[0]);
    return o;
  }
  for (Value key : keys) o->AddNamed(rt, key.AsCell(), Value::Undefined(), kAttrDefault);
  Shape* shape = o->shape();
  if (shape && !shape->is_dictionary() && n <= Runtime::kMaxInlineSlots) {
    site = PropertyIC{};
    site.kind = ICKind::kObjectLiteral;
    site.epoch = rt.shapes().epoch();
    site.shapes[0] = shape;
    site.last_literal = const_cast<Array*>(names);
  }
  return o;
}

Array* NewArrayFromBoilerplate(Runtime& rt, const Array* boilerplate) {
  Array* a = rt.NewArray(boilerplate->length());
  a->dense().ShareFrom(boilerplate->elements());
  return a;
}

Value GetNamed(Runtime& rt, Value object, String* name) {
  return GetValueProperty(rt, object, rt.KeyFor(name));
}

namespace {

// A primitive property key as a message names it (a symbol as Symbol(desc)).
std::string PrimitiveKeyText(Runtime& rt, Value key) {
  return key.IsSymbol() ? DescribeForError(rt, key) : ToString(rt, key)->ToUtf8();
}

}  // namespace

Value GetKeyed(Runtime& rt, Value object, Value key) {
  if (IsPrivateName(key)) return PrivateGet(rt, object, key.AsSymbol());
  if (object.IsNullish()) {
    // GetValue: ToObject(base) throws before the key is converted, so an
    // object key's toString does not run (and V8 leaves it out of the message).
    std::string what = std::string("Cannot read properties of ") + (object.IsNull() ? "null" : "undefined");
    if (key.IsObject()) rt.ThrowTypeError(what);
    rt.ThrowTypeError(what + " (reading '" + PrimitiveKeyText(rt, key) + "')");
  }
  Rooted<Value> robj(rt, object);
  PropertyKey k = ToPropertyKey(rt, key);
  return GetValueProperty(rt, robj, k);
}

void SetNamed(Runtime& rt, Value object, String* name, Value value, bool strict) {
  SetValueProperty(rt, object, rt.KeyFor(name), value, strict);
}

void SetKeyed(Runtime& rt, Value object, Value key, Value value, bool strict) {
  if (IsPrivateName(key)) return PrivateSet(rt, object, key.AsSymbol(), value);
  Rooted<Value> robj(rt, object), rvalue(rt, value);
  if (object.IsNullish()) {
    // PutValue: ToObject(base) first, as in GetKeyed. V8 names an object
    // key without converting it ('#<Object>'), and not at all when the
    // object has a toString of its own.
    std::string what = std::string("Cannot set properties of ") + (robj.get().IsNull() ? "null" : "undefined");
    std::string k = key.IsObject() ? DescribeForError(rt, key) : PrimitiveKeyText(rt, key);
    if (key.IsObject() && k.rfind("#<", 0) != 0) rt.ThrowTypeError(what);
    rt.ThrowTypeError(what + " (setting '" + k + "')");
  }
  PropertyKey k = ToPropertyKey(rt, key);
  SetValueProperty(rt, robj, k, rvalue, strict);
}

void DefineKeyedOwn(Runtime& rt, Value object, Value key, Value value) {
  if (IsPrivateName(key)) return PrivateDefine(rt, object, key.AsSymbol(), value);
  // The compiler only defines on literals it made; bytecode files are untrusted.
  if (!object.IsObject()) rt.ThrowTypeError("invalid bytecode: defining a property on a non-object");
  Rooted<Value> robj(rt, object), rvalue(rt, value);
  PropertyKey k = ToPropertyKey(rt, key);
  if (!CreateDataProperty(rt, robj.get().AsObject(), k, rvalue)) ThrowCannotRedefine(rt, k);
}

bool DeletePropertyOf(Runtime& rt, Value object, Value key, bool strict) {
  Rooted<Value> rkey(rt, key);
  Rooted<Object*> obj(rt, ToObject(rt, object));
  PropertyKey k = ToPropertyKey(rt, rkey);
  bool ok = DeleteProperty(rt, obj, k);
  if (!ok && strict) {
    if (obj->kind() == CellKind::kProxy) {
      rt.ThrowTypeError("'deleteProperty' on proxy: trap returned falsish for property '" +
                        ToString(rt, KeyToValue(rt, k))->ToUtf8() + "'");
    }
    rt.ThrowTypeError("Cannot delete property '" + ToString(rt, KeyToValue(rt, k))->ToUtf8() + "' of " +
                      DescribeForError(rt, Value::FromCell(obj.get())));
  }
  return ok;
}

Value GetSuperProperty(Runtime& rt, Value home_object, Value receiver, PropertyKey key) {
  if (!home_object.IsObject()) rt.ThrowSyntaxError("'super' keyword unexpected here");
  Object* proto = home_object.AsObject()->proto();
  if (!proto) {
    rt.ThrowTypeError("Cannot read properties of null (reading '" + ToString(rt, KeyToValue(rt, key))->ToUtf8() + "')");
  }
  return GetProperty(rt, proto, key, receiver);
}

// ---------------------------------------------------------------- operators

namespace {

// The BigInt form of a binary operator: both operands BigInts.
Value BigIntArithmetic(Runtime& rt, Bytecode op, BigInt* a, BigInt* b) {
  BigIntOp bop;
  switch (op) {
    case Bytecode::kAdd: bop = BigIntOp::kAdd; break;
    case Bytecode::kSub: bop = BigIntOp::kSub; break;
    case Bytecode::kMul: bop = BigIntOp::kMul; break;
    case Bytecode::kDiv: bop = BigIntOp::kDiv; break;
    case Bytecode::kMod: bop = BigIntOp::kMod; break;
    case Bytecode::kExp: bop = BigIntOp::kExp; break;
    case Bytecode::kBitwiseOr: bop = BigIntOp::kOr; break;
    case Bytecode::kBitwiseXor: bop = BigIntOp::kXor; break;
    case Bytecode::kBitwiseAnd: bop = BigIntOp::kAnd; break;
    case Bytecode::kShiftLeft: bop = BigIntOp::kShiftLeft; break;
    case Bytecode::kShiftRight: bop = BigIntOp::kShiftRight; break;
    default: rt.ThrowTypeError("BigInts have no unsigned right shift, use >> instead");
  }
  return Value::FromCell(BigIntBinary(rt, bop, a, b));
}

}  // namespace

Value Arithmetic(Runtime& rt, Bytecode op, Value lhs, Value rhs) {
  Rooted<Value> rrhs(rt, rhs);
  Rooted<Value> lnum(rt, ToNumeric(rt, lhs));
  Value rnum = ToNumeric(rt, rrhs);
  if (lnum.get().IsBigInt() || rnum.IsBigInt()) {
    if (!lnum.get().IsBigInt() || !rnum.IsBigInt()) ThrowBigIntMix(rt);
    return BigIntArithmetic(rt, op, lnum.get().AsBigInt(), rnum.AsBigInt());
  }
  double a = lnum.get().AsNumber();
  double b = rnum.AsNumber();
  switch (op) {
    case Bytecode::kAdd: return Value::Number(a + b);
    case Bytecode::kSub: return Value::Number(a - b);
    case Bytecode::kMul: return Value::Number(a * b);
    case Bytecode::kDiv: return Value::Number(a / b);
    case Bytecode::kMod: return Value::Number(Modulo(a, b));
    case Bytecode::kExp: return Value::Number(Power(a, b));
    case Bytecode::kBitwiseOr: return Value::Int(DoubleToInt32(a) | DoubleToInt32(b));
    case Bytecode::kBitwiseXor: return Value::Int(DoubleToInt32(a) ^ DoubleToInt32(b));
    case Bytecode::kBitwiseAnd: return Value::Int(DoubleToInt32(a) & DoubleToInt32(b));
    case Bytecode::kShiftLeft:
      return Value::Int(static_cast<int32_t>(static_cast<uint32_t>(DoubleToInt32(a)) << (DoubleToInt32(b) & 31)));
    case Bytecode::kShiftRight: return Value::Int(DoubleToInt32(a) >> (DoubleToInt32(b) & 31));
    case Bytecode::kShiftRightLogical:
      return Value::Number(static_cast<double>(static_cast<uint32_t>(DoubleToInt32(a)) >> (DoubleToInt32(b) & 31)));
    default:
      return Value::Number(NAN);
  }
}

bool HasPropertyOperator(Runtime& rt, Value key, Value object) {
  if (IsPrivateName(key)) return PrivateIn(rt, object, key.AsSymbol());
  if (!object.IsObject()) {
    Rooted<Value> robj(rt, object);
    std::string k = key.IsSymbol() ? DescribeForError(rt, key) : ToString(rt, key)->ToUtf8();
    rt.ThrowTypeError("Cannot use 'in' operator to search for '" + k + "' in " +
                      (robj.get().IsString() ? robj.get().AsString()->ToUtf8() : DescribeForError(rt, robj)));
  }
  Rooted<Value> robj(rt, object);
  PropertyKey k = ToPropertyKey(rt, key);
  return HasProperty(rt, robj.get().AsObject(), k);
}

bool TypeOfIs(Value v, uint8_t flag) {
  switch (flag) {
    case 0: return v.IsNumber();
    case 1: return v.IsString();
    case 2: return v.IsSymbol();
    case 3: return v.IsBoolean();
    case 4: return v.IsBigInt();
    case 5: return v.IsUndefined() || IsUndetectable(v);
    case 6: return v.IsObject() && v.AsObject()->IsCallable() && !v.AsObject()->undetectable();
    case 7: return v.IsNull() || (v.IsObject() && !v.AsObject()->IsCallable() && !v.AsObject()->undetectable());
    default: return false;
  }
}

Value UnaryNumeric(Runtime& rt, Bytecode op, Value v) {
  Value n = ToNumeric(rt, v);
  if (n.IsBigInt()) {
    BigInt* b = n.AsBigInt();
    switch (op) {
      case Bytecode::kInc: return Value::FromCell(BigIntAddSmall(rt, b, 1));
      case Bytecode::kDec: return Value::FromCell(BigIntAddSmall(rt, b, -1));
      case Bytecode::kNegate: return Value::FromCell(BigIntNegate(rt, b));
      default: return Value::FromCell(BigIntBitwiseNot(rt, b));
    }
  }
  double d = n.AsNumber();
  switch (op) {
    case Bytecode::kInc: return Value::Number(d + 1);
    case Bytecode::kDec: return Value::Number(d - 1);
    case Bytecode::kNegate: return Value::Double(-d);
    default: return Value::Int(~DoubleToInt32(d));
  }
}

Value ToPropertyKeyValue(Runtime& rt, Value v) {
  if (v.IsString() || v.IsSymbol()) return v;
  return KeyToValue(rt, ToPropertyKey(rt, v));
}

Value CallWithSpreadSlow(Runtime& rt, Value callee, const Value* list, uint32_t count, Value new_target) {
  Rooted<Value> rcallee(rt, callee), rnt(rt, new_target);
  RootedVector args(rt);
  bool construct = !new_target.IsEmpty();
  uint32_t first = construct ? 0 : 1;
  Rooted<Value> receiver(rt, construct ? Value::Undefined() : list[0]);
  for (uint32_t i = first; i + 1 < count; ++i) args.push_back(list[i]);
  IterateValues(rt, list[count - 1], [&](Value v) { args.push_back(v); });
  if (construct) return Construct(rt, rcallee, args.data(), static_cast<uint32_t>(args.size()), rnt);
  return Call(rt, rcallee, receiver, args.data(), static_cast<uint32_t>(args.size()));
}

Value ArrayFromIterable(Runtime& rt, Value iterable) {
  Rooted<Value> rit(rt, iterable);
  Rooted<Array*> array(rt, rt.NewArray(0));
  IterateValues(rt, rit, [&](Value v) { ArrayPush(rt, array, v); });
  return Value::FromCell(array.get());
}

// ---------------------------------------------------------------- arguments

Value CreateArgumentsObject(Runtime& rt, Frame& frame, bool mapped) {
  FunctionInfo* info = frame.info;
  // length, @@iterator and callee in the object, with a shape made once
  // (V8's arguments maps): no transitions, no slot array. (The built-ins
  // these name are installed before any script runs.)
  constexpr uint8_t kNamed = 3;
  Value callee = mapped ? Value::FromCell(frame.function) : Value::FromCell(rt.ArgumentsCalleeThrower());
  Arguments* args = rt.heap().NewWithExtra<Arguments>(kNamed * sizeof(Value), rt.intrinsics().object_prototype);
  args->InitInlineSlots(kNamed, sizeof(Arguments));
  args->InitNamed(rt.ArgumentsShape(mapped), {Value::Int(static_cast<int32_t>(frame.argc)),
                                              Value::FromCell(rt.intrinsics().array_proto_values), callee});
  Rooted<Arguments*> rargs(rt, args);
  uint32_t params = info->param_count;
  rargs->ReserveDenseHoles(rt, frame.argc);
  for (uint32_t i = 0; i < frame.argc; ++i) {
    rargs->dense()[i] = i < params ? frame.fp[reg::Param(static_cast<int32_t>(i), params)] : frame.base[i - params];
  }
  if (mapped) {
    Value ctx = frame.fp[reg::kContext];
    if (ctx.IsCell() && !info->parameter_context_slots.empty()) {
      rargs->mapped_context = static_cast<Context*>(ctx.AsCell());
      uint32_t n = std::min<uint32_t>(frame.argc, params);
      rargs->mapped_slots.assign(n, -1);
      for (uint32_t i = 0; i < n && i < info->parameter_context_slots.size(); ++i) {
        rargs->mapped_slots[i] = info->parameter_context_slots[i];
      }
    }
  }
  return Value::FromCell(rargs.get());
}

Value CreateRestParameter(Runtime& rt, Frame& frame) {
  std::vector<Value> rest(frame.base, frame.base + frame.extra_count);
  return Value::FromCell(rt.NewArrayFrom(rest));
}

// ---------------------------------------------------------------- for-in

Value ForInEnumerate(Runtime& rt, Value object) {
  Rooted<Array*> keys(rt, rt.NewArray(0));
  if (object.IsNullish()) return Value::FromCell(keys.get());
  Rooted<Object*> obj(rt, ToObject(rt, object));
  std::unordered_set<uint64_t> seen;  // key identity: index or cell address
  auto identity = [](PropertyKey k) {
    return k.IsIndex() ? static_cast<uint64_t>(k.index()) | (1ull << 63) : reinterpret_cast<uint64_t>(k.cell());
  };
  // A proxy's keys live in no shape, and its traps may delete keys of the
  // objects before it: with a proxy on the chain every key is rooted, as
  // `seen` holds their addresses.
  bool proxy_on_chain = false;
  for (Object* o = obj; o && !proxy_on_chain; o = o->proto()) proxy_on_chain = o->kind() == CellKind::kProxy;
  RootedVector key_roots(rt);
  for (Rooted<Object*> ro(rt, obj.get()); ro.get(); ro = GetPrototypeOf(rt, ro), rt.PollNativeTimeout()) {
    std::vector<PropertyKey> own = OwnPropertyKeys(rt, ro, kKeysStrings);
    for (PropertyKey k : own) {
      if (proxy_on_chain && k.cell()) key_roots.push_back(Value::FromCell(k.cell()));
    }
    for (PropertyKey k : own) {
      if (!seen.insert(identity(k)).second) continue;
      // A proxy's keys are filtered by ForInNext (V8 asks its
      // getOwnPropertyDescriptor trap there, once per key visited).
      OwnProperty p;
      if (ro->kind() != CellKind::kProxy && (!GetOwnProperty(rt, ro, k, &p) || !(p.attrs & kAttrEnumerable))) continue;
      ArrayPush(rt, keys, KeyToValue(rt, k));
    }
  }
  return Value::FromCell(keys.get());
}

Value ForInNext(Runtime& rt, Value receiver, Value cache, Value index_value) {
  // The cache and index come from ForInPrepare and ForInStep; bytecode files
  // are untrusted, so their shape is checked (one compare per iteration).
  if (!cache.IsCellOfKind(CellKind::kArray) || !index_value.IsInt() || index_value.AsInt() < 0 ||
      static_cast<uint32_t>(index_value.AsInt()) >= static_cast<Array*>(cache.AsCell())->dense().size() ||
      !static_cast<Array*>(cache.AsCell())->dense()[static_cast<uint32_t>(index_value.AsInt())].IsString()) {
    rt.ThrowTypeError("invalid bytecode: ForInNext outside its key cache");
  }
  Value key = static_cast<Array*>(cache.AsCell())->dense()[static_cast<uint32_t>(index_value.AsInt())];
  Rooted<Value> rkey(rt, key);
  Object* obj = receiver.IsObject() ? receiver.AsObject() : nullptr;
  if (!obj) return key;  // primitives' keys cannot be deleted
  // V8's HasEnumerableProperty: the first own property found up the chain
  // decides.
  PropertyKey k = rt.KeyFor(rkey.get().AsString());
  Rooted<Value> key_root(rt, k.cell() ? Value::FromCell(k.cell()) : Value::Undefined());
  OwnProperty p;
  if (obj->kind() != CellKind::kProxy && GetOwnProperty(rt, obj, k, &p)) {  // the usual case
    return (p.attrs & kAttrEnumerable) ? rkey.get() : Value::Undefined();
  }
  for (Rooted<Object*> o(rt, obj); o.get(); o = GetPrototypeOf(rt, o), rt.PollNativeTimeout()) {
    if (GetOwnProperty(rt, o, k, &p)) return (p.attrs & kAttrEnumerable) ? rkey.get() : Value::Undefined();
  }
  return Value::Undefined();
}

// ---------------------------------------------------------------- limits

void CheckLimits(Runtime& rt, uint64_t steps) {
  const RuntimeOptions& o = rt.options();
  if (o.max_steps && steps > o.max_steps) {
    throw JsTerminate{5, "execution stopped after " + std::to_string(o.max_steps) + " steps (--max-steps)"};
  }
  if (o.timeout_seconds > 0 && (steps & 4095) == 0) rt.CheckTimeout();
}

// ---------------------------------------------------------------- runtime functions

namespace {

PropertyKey KeyOf(Runtime& rt, Value v) { return ToPropertyKey(rt, v); }

void SetAnonymousFunctionName(Runtime& rt, Value fn, PropertyKey key, const char* prefix) {
  if (!fn.IsObject()) return;
  Object* f = fn.AsObject();
  if (f->kind() != CellKind::kFunction) return;
  Rooted<Object*> rf(rt, f);
  OwnProperty p;
  if (GetOwnProperty(rt, f, PropertyKey::Named(rt.names().name), &p) && p.value.IsString() &&
      p.value.AsString()->length() > 0) {
    return;
  }
  std::u16string name;
  if (key.IsSymbol()) {
    Value d = static_cast<Symbol*>(key.cell())->description();
    if (d.IsString()) name = u"[" + std::u16string(d.AsString()->view()) + u"]";
  } else {
    name = ToString(rt, KeyToValue(rt, key))->view();
  }
  if (prefix) {
    std::u16string p16(prefix, prefix + std::char_traits<char>::length(prefix));
    name = p16 + u" " + name;
  }
  String* s = rt.NewString(name);
  DefineRaw(rt, rf, PropertyKey::Named(rt.names().name), Value::FromCell(s), kAttrConfigurable);
}

}  // namespace

// The first argument of some runtime functions is a value only the compiler
// makes (a literal under construction, a class constructor, an iterator).
// Bytecode files are untrusted, so its shape is checked: false when wrong.
static bool RuntimeArgumentShapeOk(RuntimeFunction id, Value first) {
  switch (id) {
    case RuntimeFunction::kDefineAccessor: case RuntimeFunction::kSetLiteralPrototype:
    case RuntimeFunction::kCopyDataProperties: case RuntimeFunction::kCopyDataPropertiesExcluding:
    case RuntimeFunction::kDefineClassMember: case RuntimeFunction::kIteratorClose:
    case RuntimeFunction::kIteratorCloseOnThrow:
      return first.IsObject();
    case RuntimeFunction::kArrayAppendSpread: case RuntimeFunction::kArrayAppend:
      return first.IsCellOfKind(CellKind::kArray);
    case RuntimeFunction::kDefineClass: case RuntimeFunction::kSetFieldsInitializer:
      return first.IsCellOfKind(CellKind::kFunction);
    case RuntimeFunction::kDefinePrivateMethod:
      return IsPrivateName(first) && (first.AsSymbol()->private_kind() == PrivateKind::kField ||
                                      first.AsSymbol()->private_kind() == PrivateKind::kAccessor);
    case RuntimeFunction::kCreatePrivateNameSymbol: case RuntimeFunction::kCreatePrivateBrandSymbol:
    case RuntimeFunction::kDeleteGlobal: case RuntimeFunction::kDeclareEvalVar:
    case RuntimeFunction::kDeleteLookupSlot: case RuntimeFunction::kLoadLookupSlotForCall:
      return first.IsString();
    default:
      return true;
  }
}

Context* CurrentContextOf(const Frame& frame) {
  Value c = frame.fp[reg::kContext];
  return c.IsCell() ? static_cast<Context*>(c.AsCell()) : nullptr;
}

Value CallRuntimeFunction(Runtime& rt, Frame& frame, RuntimeFunction id, Value* args, uint32_t argc) {
  auto arg = [&](uint32_t i) { return i < argc ? args[i] : Value::Undefined(); };
  if (!RuntimeArgumentShapeOk(id, arg(0))) {
    rt.ThrowTypeError(std::string("invalid bytecode: bad first argument to ") + RuntimeFunctionName(id));
  }
  switch (id) {
    case RuntimeFunction::kDeclareGlobals: case RuntimeFunction::kDeclareEvalGlobals: {
      // Script declarations are not deletable; eval's are (CreateGlobalVarBinding's D).
      uint8_t configurable = id == RuntimeFunction::kDeclareEvalGlobals ? uint8_t{kAttrConfigurable} : uint8_t{0};
      // [name, undefined | FunctionInfo, name, ...]; bytecode files are
      // untrusted, so the shape is checked before anything is declared.
      bool well_formed = arg(0).IsCellOfKind(CellKind::kArray);
      if (well_formed) {
        const DenseElements& d = static_cast<Array*>(arg(0).AsCell())->dense();
        for (size_t i = 0; i < d.size(); ++i) {
          well_formed &= i % 2 == 0 ? d[i].IsString() : d[i].IsUndefined() || d[i].IsCellOfKind(CellKind::kFunctionInfo);
        }
      }
      if (!well_formed) rt.ThrowTypeError("invalid bytecode: malformed DeclareGlobals array");
      Rooted<Array*> decls(rt, static_cast<Array*>(arg(0).AsCell()));
      Rooted<Object*> global(rt, rt.global());
      Value ctx = frame.fp[reg::kContext];
      Rooted<Context*> context(rt, ctx.IsCell() ? static_cast<Context*>(ctx.AsCell()) : nullptr);
      // A var or function may not redeclare an earlier script's let/const/class
      // (a script without lexicals runs in the previous script's context).
      const ScopeInfo* own_si = frame.info->scope_info;
      const Context* own = own_si && own_si->type() == ScopeType::kScript ? context.get() : nullptr;
      for (uint32_t i = 0; i + 1 < decls->dense().size(); i += 2) {
        String* name = decls->dense()[i].AsString();
        if (const Runtime::ScriptBinding* b = rt.FindScriptBinding(name); b && b->context != own) {
          rt.ThrowSyntaxError("Identifier '" + name->ToUtf8() + "' has already been declared");
        }
      }
      for (uint32_t i = 0; i + 1 < decls->dense().size(); i += 2) {
        CheckGlobalDeclaration(rt, decls->dense()[i].AsString(), decls->dense()[i + 1].IsCell());
      }
      for (uint32_t i = 0; i + 1 < decls->dense().size(); i += 2) {
        PropertyKey key = rt.KeyFor(decls->dense()[i].AsString());
        Value what = decls->dense()[i + 1];
        OwnProperty existing;
        bool exists = GetOwnProperty(rt, global, key, &existing);
        if (what.IsCellOfKind(CellKind::kFunctionInfo)) {
          Value fn = Value::FromCell(rt.NewClosure(static_cast<FunctionInfo*>(what.AsCell()), context));
          if (!exists || (existing.attrs & kAttrConfigurable)) {
            DefineRaw(rt, global, key, fn, kAttrWritable | kAttrEnumerable | configurable);
          } else {
            SetProperty(rt, global, key, fn, false);
          }
        } else if (!exists) {
          DefineRaw(rt, global, key, Value::Undefined(), kAttrWritable | kAttrEnumerable | configurable);
        }
      }
      return Value::Undefined();
    }
    case RuntimeFunction::kResolvePossiblyDirectEval: {
      if (!IsGlobalEval(arg(0)) || !arg(1).IsString()) return arg(0);
      DirectEvalHook hook = GetDirectEvalHook(rt);
      if (!hook) rt.ThrowTypeError("eval is not supported");
      std::u16string source(arg(1).AsString()->view());
      Rooted<Context*> context(rt, CurrentContextOf(frame));
      Rooted<FunctionInfo*> code(rt, hook(rt, source, context, arg(3).IsInt() ? arg(3).AsInt() : 0, frame.info));
      return Value::FromCell(rt.NewClosure(code, context));
    }
    case RuntimeFunction::kDeclareEvalVar:
      DeclareEvalVar(rt, CurrentContextOf(frame), arg(0).AsString(), ToBoolean(arg(1)), ToBoolean(arg(2)));
      return Value::Undefined();
    case RuntimeFunction::kDeleteLookupSlot:
      return Value::Boolean(DeleteLookupSlot(rt, CurrentContextOf(frame), arg(0).AsString()));
    case RuntimeFunction::kLoadLookupSlotForCall:
      rt.ThrowTypeError("invalid bytecode: LoadLookupSlotForCall outside CallRuntimeForPair");
    case RuntimeFunction::kGetModuleNamespace: {
      SourceTextModule* m = ModuleOfContext(CurrentContextOf(frame));
      if (!m || !arg(0).IsInt() || arg(0).AsInt() < 0 || static_cast<size_t>(arg(0).AsInt()) >= m->requested.size()) {
        rt.ThrowTypeError("invalid bytecode: GetModuleNamespace outside a module or of no request");
      }
      return Value::FromCell(GetModuleNamespace(rt, m->requested[static_cast<size_t>(arg(0).AsInt())]));
    }
    case RuntimeFunction::kDynamicImport: {
      std::string file = frame.info->script ? frame.info->script->file() : "";
      return DynamicImport(rt, CurrentContextOf(frame), file, arg(0), arg(1));
    }
    case RuntimeFunction::kGetImportMetaObject: {
      if (!ModuleOfContext(CurrentContextOf(frame))) rt.ThrowTypeError("invalid bytecode: import.meta outside a module");
      return Value::FromCell(ImportMeta(rt, CurrentContextOf(frame)));
    }
    case RuntimeFunction::kThrowConstAssignError:
      rt.ThrowTypeError("Assignment to constant variable.");
    case RuntimeFunction::kThrowNotCallable:
      rt.ThrowTypeError(ToString(rt, arg(0))->ToUtf8() + " is not a function");
    case RuntimeFunction::kThrowIteratorResultNotAnObject:
      rt.ThrowTypeError("Iterator result " + DescribeForError(rt, arg(0)) + " is not an object");
    case RuntimeFunction::kThrowSymbolIteratorInvalid:
      rt.ThrowTypeError("Result of the Symbol.iterator method is not an object");
    case RuntimeFunction::kThrowPatternNotObjectCoercible:
      ThrowAtCallSite(rt, frame, arg(0), CallSiteKind::kDestructure);
    case RuntimeFunction::kDefineAccessor: {
      Rooted<Object*> obj(rt, arg(0).AsObject());
      PropertyKey key = KeyOf(rt, arg(1));
      Value getter = arg(2), setter = arg(3);
      OwnProperty existing;
      if (GetOwnProperty(rt, obj, key, &existing) && (existing.attrs & kAttrAccessor)) {
        auto* acc = static_cast<Accessor*>(existing.value.AsCell());
        if (getter.IsUndefined()) getter = acc->getter;
        if (setter.IsUndefined()) setter = acc->setter;
      }
      SetAnonymousFunctionName(rt, arg(2), key, "get");
      SetAnonymousFunctionName(rt, arg(3), key, "set");
      bool enumerable = argc < 5 || ToBoolean(arg(4));
      DefineAccessorRaw(rt, obj, key, getter, setter, enumerable ? kAttrEnumerable | kAttrConfigurable : kAttrConfigurable);
      return Value::Undefined();
    }
    case RuntimeFunction::kSetLiteralPrototype: {
      Value v = arg(1);
      if (v.IsObject()) arg(0).AsObject()->set_proto(v.AsObject());
      else if (v.IsNull()) arg(0).AsObject()->set_proto(nullptr);
      return Value::Undefined();
    }
    case RuntimeFunction::kCopyDataProperties:
    case RuntimeFunction::kCopyDataPropertiesExcluding: {
      Rooted<Object*> target(rt, arg(0).AsObject());
      Value source = arg(1);
      if (source.IsNullish()) return arg(0);
      Rooted<Object*> from(rt, ToObject(rt, source));
      RootedVector excluded(rt);
      for (uint32_t i = 2; i < argc; ++i) excluded.push_back(args[i]);
      std::vector<PropertyKey> keys = OwnPropertyKeys(rt, from);
      RootedVector key_roots(rt);  // a proxy's keys live in no shape
      for (PropertyKey k : keys) {
        if (k.cell()) key_roots.push_back(Value::FromCell(k.cell()));
      }
      for (PropertyKey k : keys) {
        bool skip = false;
        for (Value e : excluded.values()) {
          if (ToPropertyKey(rt, e) == k) skip = true;
        }
        if (skip) continue;
        OwnProperty p;
        if (!GetOwnProperty(rt, from, k, &p) || !(p.attrs & kAttrEnumerable)) continue;
        Value v = GetProperty(rt, from, k);
        CreateDataProperty(rt, target, k, v);
      }
      return Value::FromCell(target.get());
    }
    case RuntimeFunction::kArrayAppendSpread: {
      Rooted<Array*> array(rt, static_cast<Array*>(arg(0).AsCell()));
      Value next;
      Value iterator = GetIteratorAtSite(rt, frame, arg(1), &next);
      IterateIterator(rt, iterator, next, [&](Value v) { ArrayPush(rt, array, v); });
      return Value::FromCell(array.get());
    }
    case RuntimeFunction::kArrayAppend: {
      auto* array = static_cast<Array*>(arg(0).AsCell());
      if (arg(1).IsHole()) {
        array->set_length_raw(array->length() + 1);
      } else {
        ArrayPush(rt, array, arg(1));
      }
      return arg(0);
    }
    case RuntimeFunction::kDefineClass: {
      // (constructor, parent or the hole) -> the new prototype object
      Rooted<Function*> ctor(rt, static_cast<Function*>(arg(0).AsCell()));
      Rooted<Value> parent(rt, arg(1));
      Rooted<Object*> proto_parent(rt, rt.intrinsics().object_prototype);
      Rooted<Object*> ctor_parent(rt, rt.intrinsics().function_prototype);
      if (!parent.get().IsHole()) {
        if (parent.get().IsNull()) {
          proto_parent = nullptr;
        } else {
          if (!IsConstructor(parent)) {
            rt.ThrowTypeError("Class extends value " + DescribeForError(rt, parent) + " is not a constructor or null");
          }
          Value pp = GetProperty(rt, parent.get().AsObject(), PropertyKey::Named(rt.names().prototype));
          if (!pp.IsObject() && !pp.IsNull()) {
            rt.ThrowTypeError("Class extends value does not have valid prototype property " + DescribeForError(rt, pp));
          }
          proto_parent = pp.IsNull() ? nullptr : pp.AsObject();
          ctor_parent = parent.get().AsObject();
        }
      }
      MaterializeFunctionProperties(rt, ctor);
      Rooted<Object*> proto(rt, rt.NewObject(proto_parent));
      DefineRaw(rt, proto, PropertyKey::Named(rt.names().constructor), Value::FromCell(ctor.get()), kAttrHidden);
      DefineRaw(rt, ctor, PropertyKey::Named(rt.names().prototype), Value::FromCell(proto.get()), kAttrNone);
      ctor->set_proto(ctor_parent);
      return Value::FromCell(proto.get());
    }
    case RuntimeFunction::kDefineClassMember: {
      // (target, key, value, kind 0 method | 1 getter | 2 setter, enumerable)
      Rooted<Object*> target(rt, arg(0).AsObject());
      Rooted<Value> value(rt, arg(2));
      PropertyKey key = KeyOf(rt, arg(1));
      int kind = arg(3).AsInt();
      uint8_t attrs = ToBoolean(arg(4)) ? kAttrDefault : kAttrHidden;
      if (kind == 0) {
        SetAnonymousFunctionName(rt, value, key, nullptr);
        PropertyDescriptor d = PropertyDescriptor::Data(value, attrs);
        DefineOwnProperty(rt, target, key, d, true);
      } else {
        SetAnonymousFunctionName(rt, value, key, kind == 1 ? "get" : "set");
        PropertyDescriptor d;
        d.has_enumerable = d.has_configurable = true;
        d.enumerable = attrs & kAttrEnumerable;
        d.configurable = true;
        if (kind == 1) {
          d.has_get = true;
          d.get = value;
        } else {
          d.has_set = true;
          d.set = value;
        }
        DefineOwnProperty(rt, target, key, d, true);
      }
      return Value::Undefined();
    }
    case RuntimeFunction::kCreatePrivateNameSymbol:
    case RuntimeFunction::kCreatePrivateBrandSymbol: {
      Symbol* symbol = rt.NewSymbol(arg(0));
      symbol->set_private_kind(id == RuntimeFunction::kCreatePrivateBrandSymbol ? PrivateKind::kBrand
                                                                                 : PrivateKind::kField);
      return Value::FromCell(symbol);
    }
    case RuntimeFunction::kDefinePrivateMethod: {
      Symbol* name = arg(0).AsSymbol();
      int kind = arg(3).IsInt() ? arg(3).AsInt() : -1;
      if (kind < 0 || kind > 2 || !arg(2).IsCellOfKind(CellKind::kFunction) ||
          !(IsPrivateName(arg(1)) || arg(1).IsCellOfKind(CellKind::kFunction))) {
        rt.ThrowTypeError("invalid bytecode: DefinePrivateMethod arguments");
      }
      name->set_brand(arg(1));
      if (kind == 0) {
        name->set_private_kind(PrivateKind::kMethod);
        name->set_getter(arg(2));
      } else {
        name->set_private_kind(PrivateKind::kAccessor);
        if (kind == 1) name->set_getter(arg(2));
        else name->set_setter(arg(2));
      }
      NoteCellWrite(name);
      return Value::Undefined();
    }
    case RuntimeFunction::kSetFieldsInitializer:
      static_cast<Function*>(arg(0).AsCell())->set_fields_initializer(arg(1));
      return Value::Undefined();
    case RuntimeFunction::kInitializeInstanceFields: {
      Value ctor = arg(1);
      if (!ctor.IsCellOfKind(CellKind::kFunction)) return Value::Undefined();
      Value init = static_cast<Function*>(ctor.AsCell())->fields_initializer();
      if (init.IsObject()) Call(rt, init, arg(0), nullptr, 0);
      return Value::Undefined();
    }
    case RuntimeFunction::kSetFunctionName: {
      Rooted<Value> fn(rt, arg(0));
      SetAnonymousFunctionName(rt, fn, KeyOf(rt, arg(1)), nullptr);
      return fn;
    }
    case RuntimeFunction::kIteratorClose:
      IteratorClose(rt, arg(0));
      return Value::Undefined();
    case RuntimeFunction::kSetSuperProperty: {
      Value home = arg(0);
      if (!home.IsObject() || !home.AsObject()->proto()) {
        rt.ThrowTypeError("Cannot set properties of null (setting '" + DescribeForError(rt, arg(2)) + "')");
      }
      Rooted<Value> value(rt, arg(3));
      PropertyKey key = KeyOf(rt, arg(2));
      SetProperty(rt, home.AsObject()->proto(), key, value, arg(1), true);
      return value;
    }
    case RuntimeFunction::kGetKeyedSuperProperty: {
      Rooted<Value> home(rt, arg(0)), receiver(rt, arg(1));
      PropertyKey key = KeyOf(rt, arg(2));
      return GetSuperProperty(rt, home, receiver, key);
    }
    case RuntimeFunction::kThrowThrowMethodMissing:
      rt.ThrowTypeError("The iterator does not provide a 'throw' method");
    case RuntimeFunction::kGetAsyncIterator: {
      Rooted<Value> obj(rt, arg(0));
      auto get_method = [&](Symbol* key) {
        Value m = obj.get().IsNullish() ? Value::Undefined() : GetValueProperty(rt, obj, PropertyKey::Named(key));
        return m.IsNull() ? Value::Undefined() : m;
      };
      Rooted<Value> method(rt, get_method(StateOf(rt).async_iterator));
      if (method.get().IsUndefined()) {
        Rooted<Value> sync(rt, get_method(rt.symbols().iterator));
        if (sync.get().IsUndefined()) rt.ThrowTypeError(DescribeForError(rt, obj) + " is not async iterable");
        Rooted<Value> it(rt, Call(rt, sync, obj, nullptr, 0));
        if (!it.get().IsObject()) rt.ThrowTypeError("Result of the Symbol.iterator method is not an object");
        return CreateAsyncFromSyncIterator(rt, it);
      }
      Value it = Call(rt, method, obj, nullptr, 0);
      if (!it.IsObject()) rt.ThrowTypeError("Result of the Symbol.asyncIterator method is not an object");
      return it;
    }
    case RuntimeFunction::kThrowUnsupportedSuperError:
      rt.ThrowReferenceError("Unsupported reference to 'super'");
    case RuntimeFunction::kThrowInvalidCallTarget: {
      static const char* const kMessages[] = {
          "Invalid left-hand side in assignment", "Invalid left-hand side expression in prefix operation",
          "Invalid left-hand side expression in postfix operation", "Invalid left-hand side in for-loop"};
      double role = arg(0).IsNumber() ? arg(0).AsNumber() : 0;
      rt.ThrowReferenceError(kMessages[role >= 0 && role <= 3 ? static_cast<int>(role) : 0]);
    }
    case RuntimeFunction::kThrowInvalidSuperCall:
      rt.ThrowSyntaxError("'super' keyword unexpected here");
    case RuntimeFunction::kThrowDerivedReturnNotObject:
      rt.ThrowTypeError("Derived constructors may only return object or undefined");
    case RuntimeFunction::kIteratorCloseOnThrow: {
      Rooted<Value> saved(rt, rt.exception());
      try {
        IteratorClose(rt, arg(0));
      } catch (JsThrow&) {
      }
      rt.set_exception(saved);
      return Value::Undefined();
    }
    case RuntimeFunction::kIteratorRestToArray: {
      Rooted<Value> iter(rt, arg(0)), next(rt, arg(1));
      Rooted<Array*> array(rt, rt.NewArray(0));
      Value v;
      while (IteratorStep(rt, iter, next, &v)) ArrayPush(rt, array, v);
      return Value::FromCell(array.get());
    }
    case RuntimeFunction::kDeleteGlobal:
      return Value::Boolean(DeleteProperty(rt, rt.global(), rt.KeyFor(arg(0).AsString())));
    case RuntimeFunction::kThrowAssignToFunctionName:
      rt.ThrowTypeError("Assignment to constant variable.");
    case RuntimeFunction::kNewTarget:
      return frame.new_target;
    case RuntimeFunction::kCount:
      break;
  }
  rt.ThrowTypeError("unknown runtime function");
}

}  // namespace jsvm
