// %TypedArray%, its prototype's methods and the nine concrete typed array
// constructors (ECMA-262 23.2), with length-tracking views of resizable
// buffers and the out-of-bounds checks of ES2024.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "vm/builtins/binary-data.h"
#include "vm/execution/operations.h"
#include "vm/objects/bigint.h"

namespace jsvm {

namespace {

Value Num(double d) { return Value::Number(d); }

bool IsTypedArray(Value v) { return v.IsCellOfKind(CellKind::kTypedArray); }
TypedArrayObject* AsTypedArray(Value v) { return static_cast<TypedArrayObject*>(v.AsObject()); }

// "%TypedArray%.prototype.<method>".
std::string ProtoMethod(const char* method) { return std::string("%TypedArray%.prototype.") + method; }

// ValidateTypedArray: the receiver as an in-bounds typed array.
TypedArrayObject* Validate(Runtime& rt, Value v, const char* method) {
  if (!IsTypedArray(v)) ThrowIncompatibleReceiver(rt, ProtoMethod(method), v);
  TypedArrayObject* ta = AsTypedArray(v);
  if (ta->IsOutOfBounds()) ThrowDetached(rt, ProtoMethod(method));
  return ta;
}

// The receiver of a method that validates it, with its length then.
struct ThisTypedArray {
  ThisTypedArray(Runtime& rt, Value this_value, const char* method)
      : ta(rt, Validate(rt, this_value, method)), len(ta->length()) {}
  Rooted<TypedArrayObject*> ta;
  size_t len;
};

// Get(O, k) for a typed array (undefined past its current length); k is a
// mathematical index, so -0 is 0.
// A BigInt kind's element is a new BigInt: root it across allocation.
Value ElementAt(Runtime& rt, TypedArrayObject* ta, double k) { return TypedArrayGetElement(rt, ta, k + 0.0); }

// Whether v could equal an element of ta (a Number, or a BigInt for the BigInt kinds).
bool SameContentType(TypedArrayObject* ta, Value v) {
  return IsBigIntKind(ta->element_kind()) ? v.IsBigInt() : v.IsNumber();
}

// A new typed array object of `kind` over `buffer`.
TypedArrayObject* NewTypedArray(Runtime& rt, Object* proto, ElementKind kind, ArrayBufferObject* buffer,
                                size_t byte_offset, std::optional<size_t> length) {
  Rooted<Object*> p(rt, proto);
  Rooted<ArrayBufferObject*> b(rt, buffer);
  return rt.heap().New<TypedArrayObject>(p.get(), kind, b.get(), byte_offset, length);
}

[[noreturn]] void ThrowInvalidLength(Runtime& rt, double length) {
  rt.ThrowRangeError("Invalid typed array length: " + NumberToStdString(length));
}

// AllocateTypedArray with a length: a fresh zeroed buffer of its own.
TypedArrayObject* AllocateWithLength(Runtime& rt, Object* proto, ElementKind kind, uint64_t length) {
  Rooted<Object*> p(rt, proto);
  uint64_t size = ElementSize(kind);
  if (length > (uint64_t{1} << 53) / size) ThrowInvalidLength(rt, static_cast<double>(length));
  Rooted<ArrayBufferObject*> buffer(rt, AllocateArrayBuffer(rt, Value::Undefined(), length * size));
  return NewTypedArray(rt, p, kind, buffer, 0, static_cast<size_t>(length));
}

// TypedArrayCreateFromConstructor(C, args): a typed array from a constructor,
// checked to be long enough when args is one length.
TypedArrayObject* CreateFromConstructor(Runtime& rt, Value ctor, const Value* argv, uint32_t argc,
                                        const char* method) {
  if (!IsConstructor(ctor)) rt.ThrowTypeError(DescribeForError(rt, ctor) + " is not a constructor");
  Value made = Construct(rt, ctor, argv, argc, ctor);
  if (!IsTypedArray(made)) ThrowIncompatibleReceiver(rt, method, made);
  TypedArrayObject* ta = AsTypedArray(made);
  if (ta->IsOutOfBounds()) ThrowDetached(rt, "Construct");
  if (argc == 1 && argv[0].IsNumber() && static_cast<double>(ta->length()) < argv[0].AsNumber()) {
    rt.ThrowTypeError("Derived TypedArray constructor created an array which was too small");
  }
  return ta;
}

// TypedArraySpeciesCreate(exemplar, args).
TypedArrayObject* SpeciesCreate(Runtime& rt, TypedArrayObject* exemplar, const Value* argv, uint32_t argc,
                                const char* method) {
  Rooted<TypedArrayObject*> ex(rt, exemplar);
  RootedVector args(rt);
  for (uint32_t i = 0; i < argc; ++i) args.push_back(argv[i]);
  Value fallback = BinaryIntrinsicsOf(rt).constructors[static_cast<int>(ex->element_kind())];
  Rooted<Value> ctor(rt, SpeciesConstructor(rt, ex, fallback));
  TypedArrayObject* result = CreateFromConstructor(rt, ctor, args.values().data(), argc, ProtoMethod(method).c_str());
  if (IsBigIntKind(result->element_kind()) != IsBigIntKind(ex->element_kind())) {
    ThrowBigIntMix(rt);  // V8's message for a content type that differs
  }
  return result;
}

TypedArrayObject* SpeciesCreateWithLength(Runtime& rt, TypedArrayObject* exemplar, size_t length,
                                          const char* method) {
  Value len = Num(static_cast<double>(length));
  return SpeciesCreate(rt, exemplar, &len, 1, method);
}

// TypedArrayCreateSameType(exemplar, length).
TypedArrayObject* CreateSameType(Runtime& rt, TypedArrayObject* exemplar, size_t length) {
  ElementKind kind = exemplar->element_kind();
  return AllocateWithLength(rt, BinaryIntrinsicsOf(rt).prototypes[static_cast<int>(kind)].AsObject(), kind, length);
}

// Copies count elements of src from `from` into dst from `to`, converting
// between kinds through their numeric values (buffers may be the same; the
// content types are the same).
void CopyElements(Runtime& rt, TypedArrayObject* dst, size_t to, TypedArrayObject* src, size_t from, size_t count) {
  if (count == 0) return;
  // BigInt64 and BigUint64 hold the value modulo 2^64 alike: the same bytes.
  if (dst->element_kind() == src->element_kind() || IsBigIntKind(dst->element_kind())) {
    std::memmove(dst->element_address(to), src->element_address(from), count * src->element_size());
    return;
  }
  // Different kinds may overlap in one buffer: read everything first.
  std::vector<uint8_t> bytes(src->element_address(from), src->element_address(from) + count * src->element_size());
  for (size_t i = 0; i < count; ++i) {
    dst->Set(to + i, LoadElement(rt, src->element_kind(), bytes.data() + i * src->element_size()));
  }
}

// ---- constructors

// InitializeTypedArrayFromArrayBuffer.
TypedArrayObject* FromArrayBuffer(Runtime& rt, Object* proto, ElementKind kind, ArrayBufferObject* buffer,
                                  Value byte_offset, Value length) {
  Rooted<Object*> p(rt, proto);
  Rooted<ArrayBufferObject*> b(rt, buffer);
  Rooted<Value> len_arg(rt, length);
  uint32_t size = ElementSize(kind);
  std::string offset_text = byte_offset.IsNumber() ? NumberToStdString(byte_offset.AsNumber()) : "";
  uint64_t offset = ToIndex(rt, byte_offset, "Start offset " + offset_text + " is outside the bounds of the buffer");
  std::string name = ElementKindConstructorName(kind);
  if (offset % size != 0) {
    rt.ThrowRangeError("start offset of " + name + " should be a multiple of " + std::to_string(size));
  }
  uint64_t new_length = 0;
  if (!len_arg.get().IsUndefined()) {
    std::string text = len_arg.get().IsNumber() ? NumberToStdString(len_arg.get().AsNumber()) : "";
    new_length = ToIndex(rt, len_arg, "Invalid typed array length: " + text);
  }
  if (b->detached()) ThrowDetached(rt, "Construct");
  uint64_t buffer_length = b->byte_length();
  auto out_of_bounds = [&]() {
    rt.ThrowRangeError("Start offset " + std::to_string(offset) + " is outside the bounds of the buffer");
  };
  if (len_arg.get().IsUndefined() && b->resizable()) {
    if (offset > buffer_length) out_of_bounds();
    return NewTypedArray(rt, p, kind, b, static_cast<size_t>(offset), std::nullopt);
  }
  if (len_arg.get().IsUndefined()) {
    if (buffer_length % size != 0) {
      rt.ThrowRangeError("byte length of " + name + " should be a multiple of " + std::to_string(size));
    }
    if (offset > buffer_length) out_of_bounds();
    return NewTypedArray(rt, p, kind, b, static_cast<size_t>(offset), static_cast<size_t>((buffer_length - offset) / size));
  }
  if (offset + new_length * size > buffer_length) ThrowInvalidLength(rt, static_cast<double>(new_length));
  return NewTypedArray(rt, p, kind, b, static_cast<size_t>(offset), static_cast<size_t>(new_length));
}

// Fills a fresh typed array from a list or an array-like (values converted).
TypedArrayObject* FromValues(Runtime& rt, Object* proto, ElementKind kind, Value source) {
  Rooted<Object*> p(rt, proto);
  Rooted<Value> src(rt, source);
  Rooted<Value> method(rt, GetProperty(rt, src.get().AsObject(), PropertyKey::Named(rt.symbols().iterator)));
  if (!method.get().IsNullish()) {
    if (!IsCallable(method)) rt.ThrowTypeError(DescribeForError(rt, method) + " is not a function");
    RootedVector values(rt);
    Value next;
    Rooted<Value> iterator(rt, GetIteratorFromMethod(rt, src, method, &next));
    Rooted<Value> next_method(rt, next);
    IterateIterator(rt, iterator, next_method, [&](Value v) { values.push_back(v); });
    Rooted<TypedArrayObject*> ta(rt, AllocateWithLength(rt, p, kind, values.size()));
    for (size_t k = 0; k < values.size(); ++k) TypedArraySetElement(rt, ta, static_cast<double>(k), values[k]);
    return ta;
  }
  Rooted<Object*> array_like(rt, src.get().AsObject());
  uint64_t len = LengthOf(rt, array_like);
  Rooted<TypedArrayObject*> ta(rt, AllocateWithLength(rt, p, kind, len));
  for (uint64_t k = 0; k < len; ++k) {
    Value v = GetIndex(rt, array_like, k);
    TypedArraySetElement(rt, ta, static_cast<double>(k), v);
  }
  return ta;
}

template <ElementKind kKind>
Value TypedArrayConstructor(Runtime& rt, CallArgs& args) {
  std::string name = ElementKindConstructorName(kKind);
  if (!args.is_construct()) rt.ThrowTypeError("Constructor " + name + " requires 'new'");
  Rooted<Value> new_target(rt, args.new_target);
  Object* fallback = BinaryIntrinsicsOf(rt).prototypes[static_cast<int>(kKind)].AsObject();
  Value first = args[0];
  if (!first.IsObject()) {
    std::string text = first.IsNumber() ? NumberToStdString(first.AsNumber()) : "";
    uint64_t length = ToIndex(rt, first, "Invalid typed array length: " + text);
    Object* proto = GetPrototypeFromConstructor(rt, new_target, fallback);
    return Value::FromCell(AllocateWithLength(rt, proto, kKind, length));
  }
  Rooted<Value> arg0(rt, first);
  Rooted<Value> arg1(rt, args[1]);
  Rooted<Value> arg2(rt, args[2]);
  Rooted<Object*> proto(rt, GetPrototypeFromConstructor(rt, new_target, fallback));
  if (IsTypedArray(arg0)) {
    Rooted<TypedArrayObject*> src(rt, AsTypedArray(arg0));
    if (src->IsOutOfBounds()) ThrowDetached(rt, "Construct");
    size_t len = src->length();
    if (IsBigIntKind(src->element_kind()) != IsBigIntKind(kKind)) {
      ThrowBigIntMix(rt);
    }
    Rooted<TypedArrayObject*> ta(rt, AllocateWithLength(rt, proto, kKind, len));
    CopyElements(rt, ta, 0, src, 0, len);
    return Value::FromCell(ta.get());
  }
  if (arg0.get().IsCellOfKind(CellKind::kArrayBuffer)) {
    return Value::FromCell(FromArrayBuffer(rt, proto, kKind, static_cast<ArrayBufferObject*>(arg0.get().AsObject()),
                                           arg1, arg2));
  }
  return Value::FromCell(FromValues(rt, proto, kKind, arg0));
}

Value AbstractConstructor(Runtime& rt, CallArgs&) {
  rt.ThrowTypeError("Abstract class TypedArray not directly constructable");
}

// %TypedArray%.from(source, mapfn, thisArg).
Value TypedArrayFrom(Runtime& rt, CallArgs& args) {
  Rooted<Value> ctor(rt, args.this_value);
  Rooted<Value> source(rt, args[0]);
  Rooted<Value> mapfn(rt, args[1]);
  Rooted<Value> this_arg(rt, args[2]);
  if (!IsConstructor(ctor)) rt.ThrowTypeError(DescribeForError(rt, ctor) + " is not a constructor");
  bool mapping = !mapfn.get().IsUndefined();
  if (mapping && !IsCallable(mapfn)) rt.ThrowTypeError(DescribeForError(rt, mapfn) + " is not a function");
  RootedVector values(rt);
  Rooted<Object*> array_like(rt, nullptr);
  uint64_t len = 0;
  Value method = source.get().IsNullish() ? Value::Undefined()
                                          : GetValueProperty(rt, source, PropertyKey::Named(rt.symbols().iterator));
  bool iterable = !method.IsNullish();
  if (iterable) {
    Rooted<Value> m(rt, method);
    if (!IsCallable(m)) rt.ThrowTypeError(DescribeForError(rt, m) + " is not a function");
    Value next;
    Rooted<Value> iterator(rt, GetIteratorFromMethod(rt, source, m, &next));
    Rooted<Value> next_method(rt, next);
    IterateIterator(rt, iterator, next_method, [&](Value v) { values.push_back(v); });
    len = values.size();
  } else {
    array_like = ToObject(rt, source);
    len = LengthOf(rt, array_like);
  }
  Value len_value = Num(static_cast<double>(len));
  Rooted<TypedArrayObject*> target(rt, CreateFromConstructor(rt, ctor, &len_value, 1, "%TypedArray%.from"));
  for (uint64_t k = 0; k < len; ++k) {
    Rooted<Value> v(rt, iterable ? values[k] : GetIndex(rt, array_like, k));
    if (mapping) v = Call(rt, mapfn, this_arg, {v, Num(static_cast<double>(k))});
    SetIndex(rt, target, k, v);
  }
  return Value::FromCell(target.get());
}

// %TypedArray%.of(...items).
Value TypedArrayOf(Runtime& rt, CallArgs& args) {
  Rooted<Value> ctor(rt, args.this_value);
  if (!IsConstructor(ctor)) rt.ThrowTypeError(DescribeForError(rt, ctor) + " is not a constructor");
  Value len = Num(args.argc);
  Rooted<TypedArrayObject*> target(rt, CreateFromConstructor(rt, ctor, &len, 1, "%TypedArray%.of"));
  for (uint32_t k = 0; k < args.argc; ++k) SetIndex(rt, target, k, args.argv[k]);
  return Value::FromCell(target.get());
}


// ---- accessors

TypedArrayObject* RequireTypedArray(Runtime& rt, Value v, const char* getter) {
  if (!IsTypedArray(v)) {
    // V8 names the buffer getter %TypedArray%'s and the others TypedArray's.
    std::string holder = std::string(getter) == "buffer" ? "%TypedArray%" : "TypedArray";
    ThrowIncompatibleReceiver(rt, "get " + holder + ".prototype." + getter, v);
  }
  return AsTypedArray(v);
}

Value GetBuffer(Runtime& rt, CallArgs& args) {
  return Value::FromCell(RequireTypedArray(rt, args.this_value, "buffer")->buffer());
}
Value GetByteLength(Runtime& rt, CallArgs& args) {
  return Num(static_cast<double>(RequireTypedArray(rt, args.this_value, "byteLength")->byte_length()));
}
Value GetByteOffset(Runtime& rt, CallArgs& args) {
  TypedArrayObject* ta = RequireTypedArray(rt, args.this_value, "byteOffset");
  return Num(ta->IsOutOfBounds() ? 0 : static_cast<double>(ta->byte_offset()));
}
Value GetLength(Runtime& rt, CallArgs& args) {
  return Num(static_cast<double>(RequireTypedArray(rt, args.this_value, "length")->length()));
}
Value GetToStringTag(Runtime& rt, CallArgs& args) {
  if (!IsTypedArray(args.this_value)) return Value::Undefined();
  return StringValueUtf8(rt, ElementKindConstructorName(AsTypedArray(args.this_value)->element_kind()));
}

// ---- methods

Value At(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "at");
  double rel = ToIntegerOrInfinity(rt, args[0]);
  double k = rel >= 0 ? rel : static_cast<double>(t.len) + rel;
  if (k < 0 || k >= static_cast<double>(t.len)) return Value::Undefined();
  return ElementAt(rt, t.ta, k);
}

Value CopyWithin(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "copyWithin");
  uint64_t to = RelativeIndex(rt, args[0], t.len, 0);
  uint64_t from = RelativeIndex(rt, args[1], t.len, 0);
  uint64_t final_ = RelativeIndex(rt, args[2], t.len, t.len);
  int64_t count = std::min<int64_t>(static_cast<int64_t>(final_) - static_cast<int64_t>(from),
                                    static_cast<int64_t>(t.len) - static_cast<int64_t>(to));
  if (count > 0) {
    if (t.ta->IsOutOfBounds()) ThrowDetached(rt, ProtoMethod("copyWithin"));
    size_t len = t.ta->length();
    size_t size = t.ta->element_size();
    // Bytes past the current end are not copied (the buffer may have shrunk).
    uint64_t limit = len * size;
    uint64_t to_byte = to * size, from_byte = from * size;
    uint64_t bytes = static_cast<uint64_t>(count) * size;
    if (std::max(to_byte, from_byte) < limit) {
      bytes = std::min(bytes, limit - std::max(to_byte, from_byte));
      uint8_t* base = t.ta->element_address(0);
      std::memmove(base + to_byte, base + from_byte, static_cast<size_t>(bytes));
    }
  }
  return Value::FromCell(t.ta.get());
}

template <int kKind>
Value Iterate(Runtime& rt, CallArgs& args) {
  static const char* const kNames[] = {"keys", "values", "entries"};
  Validate(rt, args.this_value, kNames[kKind]);
  return Value::FromCell(NewArrayIterator(rt, args.this_value, kKind));
}

enum class Op { kEvery, kSome, kForEach, kFind, kFindIndex, kFindLast, kFindLastIndex };

template <Op kOp>
Value IterateCallback(Runtime& rt, CallArgs& args) {
  static const char* const kNames[] = {"every", "some", "forEach", "find", "findIndex", "findLast", "findLastIndex"};
  ThisTypedArray t(rt, args.this_value, kNames[static_cast<int>(kOp)]);
  Rooted<Value> fn(rt, RequireCallable(rt, args[0]));
  Rooted<Value> this_arg(rt, args[1]);
  bool backwards = kOp == Op::kFindLast || kOp == Op::kFindLastIndex;
  for (size_t i = 0; i < t.len; ++i) {
    double k = static_cast<double>(backwards ? t.len - 1 - i : i);
    Rooted<Value> v(rt, ElementAt(rt, t.ta, k));
    bool result = ToBoolean(Call(rt, fn, this_arg, {v, Num(k), Value::FromCell(t.ta.get())}));
    switch (kOp) {
      case Op::kEvery: if (!result) return Value::False(); break;
      case Op::kSome: if (result) return Value::True(); break;
      case Op::kForEach: break;
      case Op::kFind: case Op::kFindLast: if (result) return v; break;
      case Op::kFindIndex: case Op::kFindLastIndex: if (result) return Num(k); break;
    }
  }
  switch (kOp) {
    case Op::kEvery: return Value::True();
    case Op::kSome: return Value::False();
    case Op::kFindIndex: case Op::kFindLastIndex: return Value::Int(-1);
    default: return Value::Undefined();
  }
}

Value Fill(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "fill");
  Rooted<Value> numeric(rt, ToElementValue(rt, t.ta->element_kind(), args[0]));
  uint64_t k = RelativeIndex(rt, args[1], t.len, 0);
  uint64_t final_ = RelativeIndex(rt, args[2], t.len, t.len);
  if (t.ta->IsOutOfBounds()) ThrowDetached(rt, ProtoMethod("fill"));
  final_ = std::min<uint64_t>(final_, t.ta->length());
  for (; k < final_; ++k) t.ta->Set(static_cast<size_t>(k), numeric);
  return Value::FromCell(t.ta.get());
}

Value Filter(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "filter");
  Rooted<Value> fn(rt, RequireCallable(rt, args[0]));
  Rooted<Value> this_arg(rt, args[1]);
  RootedVector kept(rt);
  for (size_t k = 0; k < t.len; ++k) {
    Rooted<Value> v(rt, ElementAt(rt, t.ta, static_cast<double>(k)));
    if (ToBoolean(Call(rt, fn, this_arg, {v, Num(static_cast<double>(k)), Value::FromCell(t.ta.get())}))) {
      kept.push_back(v);
    }
  }
  Rooted<TypedArrayObject*> a(rt, SpeciesCreateWithLength(rt, t.ta, kept.size(), "filter"));
  for (size_t n = 0; n < kept.size(); ++n) SetIndex(rt, a, n, kept[n]);
  return Value::FromCell(a.get());
}

Value Includes(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "includes");
  if (t.len == 0) return Value::False();
  double n = ToIntegerOrInfinity(rt, args[1]);
  double len = static_cast<double>(t.len);
  if (n >= len) return Value::False();
  double k = (n >= 0 ? n : std::max(len + n, 0.0)) + 0.0;  // -0 is 0
  for (; k < len; ++k) {
    if (SameValueZero(ElementAt(rt, t.ta, k), args[0])) return Value::True();
  }
  return Value::False();
}

Value IndexOf(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "indexOf");
  if (t.len == 0) return Value::Int(-1);
  double n = ToIntegerOrInfinity(rt, args[1]);
  double len = static_cast<double>(t.len);
  if (n >= len) return Value::Int(-1);
  double k = (n >= 0 ? n : std::max(len + n, 0.0)) + 0.0;  // -0 is 0
  if (!SameContentType(t.ta, args[0])) return Value::Int(-1);
  for (; k < len; ++k) {
    if (!t.ta->IsValidIndex(k)) break;
    if (StrictEquals(t.ta->Get(rt, static_cast<size_t>(k)), args[0])) return Num(k);
  }
  return Value::Int(-1);
}

Value LastIndexOf(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "lastIndexOf");
  if (t.len == 0) return Value::Int(-1);
  double len = static_cast<double>(t.len);
  double n = args.argc > 1 ? ToIntegerOrInfinity(rt, args[1]) : len - 1;
  if (n == -INFINITY) return Value::Int(-1);
  double k = (n >= 0 ? std::min(n, len - 1) : len + n) + 0.0;  // -0 is 0
  if (!SameContentType(t.ta, args[0])) return Value::Int(-1);
  for (; k >= 0; --k) {
    if (!t.ta->IsValidIndex(k)) continue;
    if (StrictEquals(t.ta->Get(rt, static_cast<size_t>(k)), args[0])) return Num(k);
  }
  return Value::Int(-1);
}

Value Join(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "join");
  Rooted<String*> sep(rt, args[0].IsUndefined() ? rt.InternUtf8(",") : ToString(rt, args[0]));
  std::u16string out;
  for (size_t k = 0; k < t.len; ++k) {
    if (k) out += sep->view();
    Value e = ElementAt(rt, t.ta, static_cast<double>(k));
    if (e.IsUndefined()) continue;
    std::string text = e.IsBigInt() ? BigIntToString(e.AsBigInt()) : NumberToStdString(e.AsNumber());
    for (char c : text) out += static_cast<char16_t>(c);
    if (out.size() > (1u << 29)) rt.ThrowRangeError("Invalid string length");
  }
  return StringValue(rt, out);
}

Value Map(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "map");
  Rooted<Value> fn(rt, RequireCallable(rt, args[0]));
  Rooted<Value> this_arg(rt, args[1]);
  Rooted<TypedArrayObject*> a(rt, SpeciesCreateWithLength(rt, t.ta, t.len, "map"));
  for (size_t k = 0; k < t.len; ++k) {
    Rooted<Value> v(rt, ElementAt(rt, t.ta, static_cast<double>(k)));
    Rooted<Value> mapped(rt, Call(rt, fn, this_arg, {v, Num(static_cast<double>(k)), Value::FromCell(t.ta.get())}));
    SetIndex(rt, a, k, mapped);
  }
  return Value::FromCell(a.get());
}

template <bool kRight>
Value Reduce(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, kRight ? "reduceRight" : "reduce");
  Rooted<Value> fn(rt, RequireCallable(rt, args[0]));
  size_t i = 0;
  Rooted<Value> acc(rt, Value::Undefined());
  auto index = [&](size_t j) { return static_cast<double>(kRight ? t.len - 1 - j : j); };
  if (args.argc >= 2) {
    acc = args[1];
  } else {
    if (t.len == 0) rt.ThrowTypeError("Reduce of empty array with no initial value");
    acc = ElementAt(rt, t.ta, index(0));
    i = 1;
  }
  for (; i < t.len; ++i) {
    Rooted<Value> v(rt, ElementAt(rt, t.ta, index(i)));
    acc = Call(rt, fn, Value::Undefined(), {acc, v, Num(index(i)), Value::FromCell(t.ta.get())});
  }
  return acc;
}

Value Reverse(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "reverse");
  size_t size = t.ta->element_size();
  uint8_t tmp[8];
  for (size_t lo = 0, hi = t.len; lo + 1 < hi; ++lo, --hi) {
    uint8_t* a = t.ta->element_address(lo);
    uint8_t* b = t.ta->element_address(hi - 1);
    std::memcpy(tmp, a, size);
    std::memcpy(a, b, size);
    std::memcpy(b, tmp, size);
  }
  return Value::FromCell(t.ta.get());
}

Value SetMethod(Runtime& rt, CallArgs& args) {
  if (!IsTypedArray(args.this_value)) ThrowIncompatibleReceiver(rt, ProtoMethod("set"), args.this_value);
  Rooted<TypedArrayObject*> target(rt, AsTypedArray(args.this_value));
  Rooted<Value> source(rt, args[0]);
  double offset = ToIntegerOrInfinity(rt, args[1]);
  if (offset < 0) rt.ThrowRangeError("offset is out of bounds");
  if (target->IsOutOfBounds()) ThrowDetached(rt, ProtoMethod("set"));
  double target_length = static_cast<double>(target->length());
  if (IsTypedArray(source)) {
    TypedArrayObject* src = AsTypedArray(source);
    if (src->IsOutOfBounds()) ThrowDetached(rt, ProtoMethod("set"));
    if (IsBigIntKind(src->element_kind()) != IsBigIntKind(target->element_kind())) {
      ThrowBigIntMix(rt);
    }
    double src_length = static_cast<double>(src->length());
    if (offset == INFINITY || src_length + offset > target_length) rt.ThrowRangeError("offset is out of bounds");
    CopyElements(rt, target, static_cast<size_t>(offset), src, 0, static_cast<size_t>(src_length));
    return Value::Undefined();
  }
  Rooted<Object*> src(rt, ToObject(rt, source));
  uint64_t src_length = LengthOf(rt, src);
  if (offset == INFINITY || static_cast<double>(src_length) + offset > target_length) {
    rt.ThrowRangeError("offset is out of bounds");
  }
  for (uint64_t k = 0; k < src_length; ++k) {
    Value v = GetIndex(rt, src, k);
    TypedArraySetElement(rt, target, offset + static_cast<double>(k), v);
  }
  return Value::Undefined();
}

Value Slice(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "slice");
  uint64_t start = RelativeIndex(rt, args[0], t.len, 0);
  uint64_t end = RelativeIndex(rt, args[1], t.len, t.len);
  size_t count = end > start ? static_cast<size_t>(end - start) : 0;
  Rooted<TypedArrayObject*> a(rt, SpeciesCreateWithLength(rt, t.ta, count, "slice"));
  if (count > 0) {
    if (t.ta->IsOutOfBounds()) ThrowDetached(rt, ProtoMethod("slice"));
    end = std::min<uint64_t>(end, t.ta->length());
    count = end > start ? static_cast<size_t>(end - start) : 0;
    if (a->element_kind() == t.ta->element_kind()) {
      // Byte by byte, forwards, as the spec copies (the species may return
      // a view of the same buffer).
      size_t bytes = std::min(count * t.ta->element_size(), a->byte_length());
      const uint8_t* from = t.ta->element_address(static_cast<size_t>(start));
      uint8_t* to = a->element_address(0);
      for (size_t i = 0; i < bytes; ++i) to[i] = from[i];
    } else {
      for (size_t n = 0; n < count; ++n) {
        Rooted<Value> v(rt, ElementAt(rt, t.ta, static_cast<double>(start + n)));
        SetIndex(rt, a, n, v);
      }
    }
  }
  return Value::FromCell(a.get());
}

// The comparison of %TypedArray%.prototype.sort (numbers: -0 before +0, NaN last).
bool NumericLess(double x, double y) {
  if (std::isnan(y)) return !std::isnan(x);
  if (std::isnan(x)) return false;
  if (x < y) return true;
  if (x > y) return false;
  return std::signbit(x) && !std::signbit(y);
}

// Sorts the values (all Numbers or all BigInts, rooted by the caller)
// stably with the comparator `fn` (or numerically).
void SortValues(Runtime& rt, std::vector<Value>& values, Value fn) {
  if (fn.IsUndefined()) {
    std::stable_sort(values.begin(), values.end(), [](Value a, Value b) {
      if (a.IsBigInt()) return BigIntCompare(a.AsBigInt(), b.AsBigInt()) < 0;
      return NumericLess(a.AsNumber(), b.AsNumber());
    });
    return;
  }
  // A merge sort that tolerates inconsistent comparators (std::stable_sort
  // may not). Every value stays in `values` or in tmp until the swap.
  Rooted<Value> comparator(rt, fn);
  std::vector<Value> tmp(values.size());
  auto less = [&](Value a, Value b) {
    double d = ToNumber(rt, Call(rt, comparator, Value::Undefined(), {a, b}));
    return d < 0;
  };
  for (size_t width = 1; width < values.size(); width *= 2) {
    for (size_t lo = 0; lo < values.size(); lo += 2 * width) {
      size_t mid = std::min(lo + width, values.size()), hi = std::min(lo + 2 * width, values.size());
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = less(values[j], values[i]) ? values[j++] : values[i++];
      while (i < mid) tmp[k++] = values[i++];
      while (j < hi) tmp[k++] = values[j++];
    }
    values.swap(tmp);
  }
}

void CheckComparator(Runtime& rt, Value fn) {
  if (!fn.IsUndefined() && !IsCallable(fn)) {
    rt.ThrowTypeError("The comparison function must be either a function or undefined");
  }
}

// The first len elements of ta, rooted in `values`.
void ElementsOf(Runtime& rt, TypedArrayObject* ta, size_t len, RootedVector& values) {
  Rooted<TypedArrayObject*> holder(rt, ta);
  for (size_t k = 0; k < len; ++k) values.push_back(holder->Get(rt, k));
}

// Writes values into ta from index 0 (those past its current length are dropped).
void WriteBack(TypedArrayObject* ta, const std::vector<Value>& values) {
  size_t n = std::min(values.size(), ta->length());
  for (size_t k = 0; k < n; ++k) ta->Set(k, values[k]);
}

Value Sort(Runtime& rt, CallArgs& args) {
  CheckComparator(rt, args[0]);
  ThisTypedArray t(rt, args.this_value, "sort");
  RootedVector values(rt);
  ElementsOf(rt, t.ta, t.len, values);
  SortValues(rt, values.values(), args[0]);
  WriteBack(t.ta, values.values());
  return Value::FromCell(t.ta.get());
}

Value ToSorted(Runtime& rt, CallArgs& args) {
  CheckComparator(rt, args[0]);
  ThisTypedArray t(rt, args.this_value, "toSorted");
  Rooted<TypedArrayObject*> a(rt, CreateSameType(rt, t.ta, t.len));
  RootedVector values(rt);
  ElementsOf(rt, t.ta, t.len, values);
  SortValues(rt, values.values(), args[0]);
  WriteBack(a, values.values());
  return Value::FromCell(a.get());
}

Value ToReversed(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "toReversed");
  Rooted<TypedArrayObject*> a(rt, CreateSameType(rt, t.ta, t.len));
  size_t size = t.ta->element_size();
  NoteCellWrite(a.get());
  for (size_t k = 0; k < t.len; ++k) std::memcpy(a->element_address(k), t.ta->element_address(t.len - 1 - k), size);
  return Value::FromCell(a.get());
}

Value With(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "with");
  double rel = ToIntegerOrInfinity(rt, args[0]);
  double actual = (rel >= 0 ? rel : static_cast<double>(t.len) + rel) + 0.0;  // -0 is 0
  Rooted<Value> numeric(rt, ToElementValue(rt, t.ta->element_kind(), args[1]));
  if (!t.ta->IsValidIndex(actual)) rt.ThrowRangeError("Invalid typed array index");
  Rooted<TypedArrayObject*> a(rt, CreateSameType(rt, t.ta, t.len));
  for (size_t k = 0; k < t.len; ++k) {
    Value v = static_cast<double>(k) == actual ? numeric.get() : ElementAt(rt, t.ta, static_cast<double>(k));
    a->Set(k, v.IsUndefined() ? Value::Double(NAN) : v);
  }
  return Value::FromCell(a.get());
}

Value Subarray(Runtime& rt, CallArgs& args) {
  if (!IsTypedArray(args.this_value)) ThrowIncompatibleReceiver(rt, ProtoMethod("subarray"), args.this_value);
  Rooted<TypedArrayObject*> o(rt, AsTypedArray(args.this_value));
  Rooted<ArrayBufferObject*> buffer(rt, o->buffer());
  size_t src_length = o->length();
  uint64_t start = RelativeIndex(rt, args[0], src_length, 0);
  Rooted<Value> end_arg(rt, args[1]);
  uint64_t end = RelativeIndex(rt, end_arg, src_length, src_length);
  double begin_byte = static_cast<double>(o->byte_offset() + start * o->element_size());
  Value argv[3] = {Value::FromCell(buffer.get()), Num(begin_byte), Value::Undefined()};
  uint32_t argc = 2;
  if (!(o->length_tracking() && end_arg.get().IsUndefined())) {
    argv[2] = Num(static_cast<double>(end > start ? end - start : 0));
    argc = 3;
  }
  return Value::FromCell(SpeciesCreate(rt, o, argv, argc, "subarray"));
}

Value ToLocaleString(Runtime& rt, CallArgs& args) {
  ThisTypedArray t(rt, args.this_value, "toLocaleString");
  std::u16string out;
  for (size_t k = 0; k < t.len; ++k) {
    if (k) out += u",";
    Rooted<Value> e(rt, ElementAt(rt, t.ta, static_cast<double>(k)));
    if (e.get().IsNullish()) continue;
    Value s = Invoke(rt, e, rt.KeyForUtf8("toLocaleString"), {});
    out += ToString(rt, s)->view();
  }
  return StringValue(rt, out);
}

template <ElementKind kKind>
void InstallConcrete(Runtime& rt, Object* typed_array_ctor, Object* typed_array_proto) {
  BinaryIntrinsics& b = BinaryIntrinsicsOf(rt);
  constexpr int i = static_cast<int>(kKind);
  Rooted<Object*> parent_ctor(rt, typed_array_ctor);
  Rooted<Object*> proto(rt, rt.NewObject(typed_array_proto));
  b.prototypes[i] = Value::FromCell(proto.get());
  Rooted<NativeFunction*> ctor(
      rt, MakeConstructor(rt, ElementKindConstructorName(kKind), TypedArrayConstructor<kKind>, 3, proto));
  b.constructors[i] = Value::FromCell(ctor.get());
  ctor->set_proto(parent_ctor);
  Value bytes = Value::Int(static_cast<int32_t>(ElementSize(kKind)));
  DefineValue(rt, ctor, "BYTES_PER_ELEMENT", bytes, kAttrNone);
  DefineValue(rt, proto, "BYTES_PER_ELEMENT", bytes, kAttrNone);
}

}  // namespace

void InstallTypedArrayBuiltins(Runtime& rt) {
  BinaryIntrinsics& b = BinaryIntrinsicsOf(rt);
  b.typed_array_prototype = Value::FromCell(rt.NewObject(rt.intrinsics().object_prototype));
  Rooted<Object*> proto(rt, b.typed_array_prototype.AsObject());
  Rooted<NativeFunction*> ctor(rt, NewBuiltinFunction(rt, "TypedArray", AbstractConstructor, 0, true));
  b.typed_array_constructor = Value::FromCell(ctor.get());
  DefineRaw(rt, ctor, PropertyKey::Named(rt.names().prototype), Value::FromCell(proto.get()), kAttrNone);
  DefineRaw(rt, proto, PropertyKey::Named(rt.names().constructor), Value::FromCell(ctor.get()), kAttrHidden);
  DefineMethod(rt, ctor, "from", TypedArrayFrom, 1);
  DefineMethod(rt, ctor, "of", TypedArrayOf, 0);
  DefineSpeciesGetter(rt, ctor);

  DefineGetter(rt, proto, "buffer", GetBuffer);
  DefineGetter(rt, proto, "byteLength", GetByteLength);
  DefineGetter(rt, proto, "byteOffset", GetByteOffset);
  DefineGetter(rt, proto, "length", GetLength);
  DefineMethod(rt, proto, "entries", Iterate<2>, 0);
  DefineMethod(rt, proto, "keys", Iterate<0>, 0);
  Rooted<NativeFunction*> values(rt, DefineMethod(rt, proto, "values", Iterate<1>, 0));
  DefineMethod(rt, proto, "at", At, 1);
  DefineMethod(rt, proto, "copyWithin", CopyWithin, 2);
  DefineMethod(rt, proto, "every", IterateCallback<Op::kEvery>, 1);
  DefineMethod(rt, proto, "fill", Fill, 1);
  DefineMethod(rt, proto, "filter", Filter, 1);
  DefineMethod(rt, proto, "find", IterateCallback<Op::kFind>, 1);
  DefineMethod(rt, proto, "findIndex", IterateCallback<Op::kFindIndex>, 1);
  DefineMethod(rt, proto, "findLast", IterateCallback<Op::kFindLast>, 1);
  DefineMethod(rt, proto, "findLastIndex", IterateCallback<Op::kFindLastIndex>, 1);
  DefineMethod(rt, proto, "forEach", IterateCallback<Op::kForEach>, 1);
  DefineMethod(rt, proto, "includes", Includes, 1);
  DefineMethod(rt, proto, "indexOf", IndexOf, 1);
  DefineMethod(rt, proto, "join", Join, 1);
  DefineMethod(rt, proto, "lastIndexOf", LastIndexOf, 1);
  DefineMethod(rt, proto, "map", Map, 1);
  DefineMethod(rt, proto, "reverse", Reverse, 0);
  DefineMethod(rt, proto, "reduce", Reduce<false>, 1);
  DefineMethod(rt, proto, "reduceRight", Reduce<true>, 1);
  DefineMethod(rt, proto, "set", SetMethod, 1);
  DefineMethod(rt, proto, "slice", Slice, 2);
  DefineMethod(rt, proto, "some", IterateCallback<Op::kSome>, 1);
  DefineMethod(rt, proto, "sort", Sort, 1);
  DefineMethod(rt, proto, "subarray", Subarray, 2);
  DefineMethod(rt, proto, "toLocaleString", ToLocaleString, 0);
  // toString is Array.prototype.toString itself.
  Value array_to_string = GetProperty(rt, rt.intrinsics().array_prototype, PropertyKey::Named(rt.names().toString));
  DefineRaw(rt, proto, PropertyKey::Named(rt.names().toString), array_to_string, kAttrHidden);
  DefineMethod(rt, proto, "toReversed", ToReversed, 0);
  DefineMethod(rt, proto, "toSorted", ToSorted, 1);
  DefineMethod(rt, proto, "with", With, 2);
  DefineRaw(rt, proto, PropertyKey::Named(rt.symbols().iterator), Value::FromCell(values.get()), kAttrHidden);
  DefineGetter(rt, proto, rt.symbols().to_string_tag, "[Symbol.toStringTag]", GetToStringTag);

#define JSVM_INSTALL_TYPED_ARRAY(name, type) InstallConcrete<ElementKind::k##name>(rt, ctor, proto);
  JSVM_TYPED_ARRAY_KINDS(JSVM_INSTALL_TYPED_ARRAY)
#undef JSVM_INSTALL_TYPED_ARRAY
}

}  // namespace jsvm
