// %IteratorPrototype%, %ArrayIteratorPrototype% and %StringIteratorPrototype%
// (the Map and Set iterators are in collections.cc).
#include "vm/builtins/builtins.h"
#include "vm/objects/array-buffer.h"
#include "vm/objects/collections.h"
#include "vm/execution/operations.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

Value IteratorPrototypeIterator(Runtime&, CallArgs& args) { return args.this_value; }

IteratorObject* ThisIterator(Runtime& rt, Value v, IteratorSource source, const char* method) {
  if (!v.IsCellOfKind(CellKind::kIterator) || static_cast<IteratorObject*>(v.AsObject())->source != source) {
    rt.ThrowTypeError(std::string("Method ") + method + " called on incompatible receiver " +
                      DescribeForError(rt, v));
  }
  return static_cast<IteratorObject*>(v.AsObject());
}

Value ArrayIteratorNext(Runtime& rt, CallArgs& args) {
  Rooted<IteratorObject*> it(
      rt, ThisIterator(rt, args.this_value, IteratorSource::kArray, "Array Iterator.prototype.next"));
  if (!it->target.IsObject()) return Value::FromCell(CreateIterResultObject(rt, Value::Undefined(), true));
  Rooted<Object*> target(rt, it->target.AsObject());
  uint64_t index = it->index;
  uint64_t len;
  if (target->kind() == CellKind::kArray) {
    len = static_cast<Array*>(target.get())->length();
  } else if (target->kind() == CellKind::kTypedArray) {
    auto* ta = static_cast<TypedArrayObject*>(target.get());
    if (ta->IsOutOfBounds()) rt.ThrowTypeError("Cannot perform %ArrayIteratorPrototype%.next on a detached ArrayBuffer");
    len = ta->length();
  } else {
    len = LengthOf(rt, target);
  }
  if (index >= len) {
    it->target = Value::Undefined();
    return Value::FromCell(CreateIterResultObject(rt, Value::Undefined(), true));
  }
  it->index = index + 1;
  if (it->kind == IterationKind::kKeys) {
    return Value::FromCell(CreateIterResultObject(rt, Value::Number(static_cast<double>(index)), false));
  }
  Rooted<Value> v(rt, GetIndex(rt, target, index));
  if (it->kind == IterationKind::kValues) return Value::FromCell(CreateIterResultObject(rt, v, false));
  Rooted<Array*> pair(rt, rt.NewArray(0));
  ArrayPush(rt, pair, Value::Number(static_cast<double>(index)));
  ArrayPush(rt, pair, v);
  return Value::FromCell(CreateIterResultObject(rt, Value::FromCell(pair.get()), false));
}

Value StringIteratorNext(Runtime& rt, CallArgs& args) {
  Rooted<IteratorObject*> it(
      rt, ThisIterator(rt, args.this_value, IteratorSource::kString, "String Iterator.prototype.next"));
  if (!it->target.IsString()) return Value::FromCell(CreateIterResultObject(rt, Value::Undefined(), true));
  String* s = it->target.AsString();
  uint64_t i = it->index;
  if (i >= s->length()) {
    it->target = Value::Undefined();
    return Value::FromCell(CreateIterResultObject(rt, Value::Undefined(), true));
  }
  char16_t c = s->at(static_cast<uint32_t>(i));
  Rooted<Value> piece(rt, Value::Undefined());
  if (IsHighSurrogate(c) && i + 1 < s->length() && IsLowSurrogate(s->at(static_cast<uint32_t>(i + 1)))) {
    char16_t pair[2] = {c, s->at(static_cast<uint32_t>(i + 1))};
    piece = StringValue(rt, std::u16string_view(pair, 2));
    it->index = i + 2;
  } else {
    piece = Value::FromCell(rt.CharString(c));
    it->index = i + 1;
  }
  return Value::FromCell(CreateIterResultObject(rt, piece, false));
}

Value StringIteratorMethod(Runtime& rt, CallArgs& args) {
  if (args.this_value.IsNullish()) {
    rt.ThrowTypeError("String.prototype[Symbol.iterator] called on null or undefined");
  }
  Rooted<Value> s(rt, Value::FromCell(ToString(rt, args.this_value)));
  return Value::FromCell(rt.heap().New<IteratorObject>(rt.intrinsics().string_iterator_prototype,
                                                       IteratorSource::kString, s, IterationKind::kValues));
}

void DefineTag(Runtime& rt, Object* obj, const char* tag) {
  Rooted<Object*> o(rt, obj);
  Rooted<Value> v(rt, StringValueUtf8(rt, tag));
  DefineRaw(rt, o, PropertyKey::Named(rt.symbols().to_string_tag), v, kAttrConfigurable);
}

}  // namespace

Object* NewArrayIterator(Runtime& rt, Value obj, int kind) {
  Rooted<Value> target(rt, obj);
  return rt.heap().New<IteratorObject>(rt.intrinsics().array_iterator_prototype, IteratorSource::kArray,
                                       target, static_cast<IterationKind>(kind));
}

void InstallIteratorBuiltins(Runtime& rt) {
  const Intrinsics& in = rt.intrinsics();
  DefineMethod(rt, in.iterator_prototype, rt.symbols().iterator, "[Symbol.iterator]",
               IteratorPrototypeIterator, 0);
  DefineMethod(rt, in.array_iterator_prototype, "next", ArrayIteratorNext, 0);
  DefineTag(rt, in.array_iterator_prototype, "Array Iterator");
  DefineMethod(rt, in.string_iterator_prototype, "next", StringIteratorNext, 0);
  DefineTag(rt, in.string_iterator_prototype, "String Iterator");
  DefineMethod(rt, in.string_prototype, rt.symbols().iterator, "[Symbol.iterator]", StringIteratorMethod, 0);
}

}  // namespace jsvm
