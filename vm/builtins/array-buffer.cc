// ArrayBuffer (resizable), SharedArrayBuffer (growable) and DataView, as
// node 20 ships them, and ES2024's transfer, transferToFixedLength and
// detached, which V8 11.3 (node 20) lacks.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>

#include "vm/builtins/binary-data.h"
#include "vm/execution/operations.h"

namespace jsvm {

// Buffers larger than this are refused ("Array buffer allocation failed"),
// as V8 refuses what it cannot reserve.
constexpr uint64_t kMaxArrayBufferBytes = uint64_t{1} << 32;

uint64_t ToIndex(Runtime& rt, Value v, const std::string& message) {
  if (v.IsInt() && v.AsInt() >= 0) return static_cast<uint64_t>(v.AsInt());
  double d = ToIntegerOrInfinity(rt, v);
  if (d < 0 || d > 9007199254740991.0) rt.ThrowRangeError(message);
  return static_cast<uint64_t>(d);
}

void ThrowDetached(Runtime& rt, const std::string& method) {
  rt.ThrowTypeError("Cannot perform " + method + " on a detached ArrayBuffer");
}

void ThrowIncompatibleReceiver(Runtime& rt, const std::string& method, Value v) {
  rt.ThrowTypeError("Method " + method + " called on incompatible receiver " + DescribeForError(rt, v));
}

ArrayBufferObject* AllocateArrayBuffer(Runtime& rt, Value new_target, uint64_t byte_length,
                                       std::optional<uint64_t> max_byte_length, bool shared) {
  if (max_byte_length && byte_length > *max_byte_length) rt.ThrowRangeError("Invalid array buffer max length");
  BinaryIntrinsics& b = BinaryIntrinsicsOf(rt);
  Object* fallback = (shared ? b.shared_array_buffer_prototype : b.array_buffer_prototype).AsObject();
  Object* proto = new_target.IsUndefined() ? fallback : GetPrototypeFromConstructor(rt, new_target, fallback);
  Rooted<Object*> rproto(rt, proto);
  if (byte_length > kMaxArrayBufferBytes || (max_byte_length && *max_byte_length > kMaxArrayBufferBytes)) {
    rt.ThrowRangeError("Array buffer allocation failed");
  }
  auto* buffer = rt.heap().New<ArrayBufferObject>(rproto.get(), shared);
  std::optional<size_t> max;
  if (max_byte_length) max = static_cast<size_t>(*max_byte_length);
  if (!buffer->Allocate(static_cast<size_t>(byte_length), max)) rt.ThrowRangeError("Array buffer allocation failed");
  return buffer;
}

namespace {

// The receiver as an ArrayBuffer (shared or not, as `shared` says).
ArrayBufferObject* ThisBuffer(Runtime& rt, Value v, bool shared, const char* method) {
  if (!v.IsCellOfKind(CellKind::kArrayBuffer) || static_cast<ArrayBufferObject*>(v.AsObject())->shared() != shared) {
    ThrowIncompatibleReceiver(rt, method, v);
  }
  return static_cast<ArrayBufferObject*>(v.AsObject());
}

// GetArrayBufferMaxByteLengthOption.
std::optional<uint64_t> MaxByteLengthOption(Runtime& rt, Value options) {
  if (!options.IsObject()) return std::nullopt;
  Value max = GetProperty(rt, options.AsObject(), rt.KeyForUtf8("maxByteLength"));
  if (max.IsUndefined()) return std::nullopt;
  return ToIndex(rt, max, "Invalid array buffer max length");
}

Value BufferConstructor(Runtime& rt, CallArgs& args, bool shared) {
  const char* name = shared ? "SharedArrayBuffer" : "ArrayBuffer";
  if (!args.is_construct()) rt.ThrowTypeError(std::string("Constructor ") + name + " requires 'new'");
  Rooted<Value> options(rt, args[1]);
  uint64_t length = ToIndex(rt, args[0], "Invalid array buffer length");
  std::optional<uint64_t> max = MaxByteLengthOption(rt, options);
  return Value::FromCell(AllocateArrayBuffer(rt, args.new_target, length, max, shared));
}

Value ArrayBufferConstructor(Runtime& rt, CallArgs& args) { return BufferConstructor(rt, args, false); }
Value SharedArrayBufferConstructor(Runtime& rt, CallArgs& args) { return BufferConstructor(rt, args, true); }

Value ArrayBufferIsView(Runtime&, CallArgs& args) {
  return Value::Boolean(args[0].IsCellOfKind(CellKind::kTypedArray) || args[0].IsCellOfKind(CellKind::kDataView));
}


template <bool kShared>
Value BufferByteLength(Runtime& rt, CallArgs& args) {
  ArrayBufferObject* b = ThisBuffer(rt, args.this_value, kShared,
                                    kShared ? "get SharedArrayBuffer.prototype.byteLength" : "get ArrayBuffer.prototype.byteLength");
  return Value::Number(static_cast<double>(b->byte_length()));
}

template <bool kShared>
Value BufferMaxByteLength(Runtime& rt, CallArgs& args) {
  ArrayBufferObject* b = ThisBuffer(rt, args.this_value, kShared,
                                    kShared ? "get SharedArrayBuffer.prototype.maxByteLength" : "get ArrayBuffer.prototype.maxByteLength");
  if (b->detached()) return Value::Int(0);
  return Value::Number(static_cast<double>(b->resizable() ? b->max_byte_length() : b->byte_length()));
}

template <bool kShared>
Value BufferResizable(Runtime& rt, CallArgs& args) {
  ArrayBufferObject* b = ThisBuffer(rt, args.this_value, kShared,
                                    kShared ? "get SharedArrayBuffer.prototype.growable" : "get ArrayBuffer.prototype.resizable");
  return Value::Boolean(b->resizable());
}

// ArrayBuffer.prototype.resize and SharedArrayBuffer.prototype.grow.
template <bool kShared>
Value BufferResize(Runtime& rt, CallArgs& args) {
  const char* method = kShared ? "SharedArrayBuffer.prototype.grow" : "ArrayBuffer.prototype.resize";
  Rooted<ArrayBufferObject*> b(rt, ThisBuffer(rt, args.this_value, kShared, method));
  if (!b->resizable()) ThrowIncompatibleReceiver(rt, method, args.this_value);
  std::string invalid = std::string(method) + ": Invalid length parameter";
  uint64_t length = ToIndex(rt, args[0], invalid);
  if (b->detached()) ThrowDetached(rt, method);
  if (length > b->max_byte_length()) rt.ThrowRangeError(invalid);
  if (kShared && length < b->byte_length()) rt.ThrowRangeError(invalid);
  if (!b->Resize(static_cast<size_t>(length))) rt.ThrowRangeError("Array buffer allocation failed");
  return Value::Undefined();
}

template <bool kShared>
Value BufferSlice(Runtime& rt, CallArgs& args) {
  const char* method = kShared ? "SharedArrayBuffer.prototype.slice" : "ArrayBuffer.prototype.slice";
  Rooted<ArrayBufferObject*> o(rt, ThisBuffer(rt, args.this_value, kShared, method));
  if (o->detached()) ThrowDetached(rt, method);
  uint64_t len = o->byte_length();
  uint64_t first = RelativeIndex(rt, args[0], len, 0);
  uint64_t final_ = RelativeIndex(rt, args[1], len, len);
  uint64_t new_len = final_ > first ? final_ - first : 0;
  BinaryIntrinsics& bi = BinaryIntrinsicsOf(rt);
  Value fallback = kShared ? bi.shared_array_buffer_constructor : bi.array_buffer_constructor;
  Rooted<Value> ctor(rt, SpeciesConstructor(rt, o, fallback));
  Value arg = Value::Number(static_cast<double>(new_len));
  Value made = Construct(rt, ctor, &arg, 1, ctor);
  if (!made.IsCellOfKind(CellKind::kArrayBuffer) || static_cast<ArrayBufferObject*>(made.AsObject())->shared() != kShared) {
    rt.ThrowTypeError(std::string(method) + ": species constructor did not return an " +
                      (kShared ? "SharedArrayBuffer" : "ArrayBuffer"));
  }
  auto* result = static_cast<ArrayBufferObject*>(made.AsObject());
  if (result->detached()) ThrowDetached(rt, method);
  if (result == o.get()) rt.ThrowTypeError(std::string(method) + ": species constructor returned the same buffer");
  if (result->byte_length() < new_len) rt.ThrowTypeError(std::string(method) + ": species constructor returned a too small buffer");
  if (o->detached()) ThrowDetached(rt, method);
  uint64_t current = o->byte_length();
  if (first < current) {
    uint64_t count = std::min(new_len, current - first);
    std::memmove(result->data(), o->data() + first, static_cast<size_t>(count));
  }
  return made;
}

// ArrayBuffer.prototype.detached (ES2024; V8 11.3, so node 20, lacks it).
Value BufferDetached(Runtime& rt, CallArgs& args) {
  return Value::Boolean(ThisBuffer(rt, args.this_value, false, "get ArrayBuffer.prototype.detached")->detached());
}

// ArrayBufferCopyAndDetach: ArrayBuffer.prototype.transfer (a resizable
// buffer stays resizable) and transferToFixedLength (ES2024; not in node 20).
template <bool kPreserveResizability>
Value BufferTransfer(Runtime& rt, CallArgs& args) {
  const char* method =
      kPreserveResizability ? "ArrayBuffer.prototype.transfer" : "ArrayBuffer.prototype.transferToFixedLength";
  Rooted<ArrayBufferObject*> o(rt, ThisBuffer(rt, args.this_value, false, method));
  uint64_t new_length = args[0].IsUndefined() ? o->byte_length() : ToIndex(rt, args[0], "Invalid array buffer length");
  if (o->detached()) ThrowDetached(rt, method);
  std::optional<uint64_t> max;
  if (kPreserveResizability && o->resizable()) max = o->max_byte_length();
  Rooted<ArrayBufferObject*> result(rt, AllocateArrayBuffer(rt, Value::Undefined(), new_length, max));
  size_t count = static_cast<size_t>(std::min<uint64_t>(new_length, o->byte_length()));
  if (count) std::memcpy(result->data(), o->data(), count);
  o->Detach();
  return Value::FromCell(result.get());
}

// ---- DataView

Value DataViewConstructor(Runtime& rt, CallArgs& args) {
  if (!args.is_construct()) rt.ThrowTypeError("Constructor DataView requires 'new'");
  if (!args[0].IsCellOfKind(CellKind::kArrayBuffer)) {
    rt.ThrowTypeError("First argument to DataView constructor must be an ArrayBuffer");
  }
  Rooted<ArrayBufferObject*> buffer(rt, static_cast<ArrayBufferObject*>(args[0].AsObject()));
  Rooted<Value> length_arg(rt, args[2]);
  Rooted<Value> new_target(rt, args.new_target);
  Value offset_arg = args[1];
  std::string offset_text = offset_arg.IsNumber() ? NumberToStdString(offset_arg.AsNumber()) : "";
  uint64_t offset = ToIndex(rt, offset_arg, "Start offset " + offset_text + " is outside the bounds of the buffer");
  if (buffer->detached()) ThrowDetached(rt, "DataView constructor");
  auto out_of_bounds = [&rt](uint64_t off) {
    rt.ThrowRangeError("Start offset " + std::to_string(off) + " is outside the bounds of the buffer");
  };
  uint64_t buffer_length = buffer->byte_length();
  if (offset > buffer_length) out_of_bounds(offset);
  std::optional<size_t> view_length;
  if (length_arg.get().IsUndefined()) {
    if (!buffer->resizable()) view_length = static_cast<size_t>(buffer_length - offset);
  } else {
    uint64_t n = ToIndex(rt, length_arg, "Invalid DataView length " + ToString(rt, length_arg)->ToUtf8());
    if (offset + n > buffer_length) rt.ThrowRangeError("Invalid DataView length " + std::to_string(n));
    view_length = static_cast<size_t>(n);
  }
  Object* proto = GetPrototypeFromConstructor(rt, new_target, BinaryIntrinsicsOf(rt).data_view_prototype.AsObject());
  if (buffer->detached()) ThrowDetached(rt, "DataView constructor");
  buffer_length = buffer->byte_length();
  if (offset > buffer_length) out_of_bounds(offset);
  if (view_length && offset + *view_length > buffer_length) {
    rt.ThrowRangeError("Invalid DataView length " + std::to_string(*view_length));
  }
  Rooted<Object*> rproto(rt, proto);
  return Value::FromCell(rt.heap().New<DataViewObject>(rproto.get(), buffer.get(), static_cast<size_t>(offset), view_length));
}

DataViewObject* ThisDataView(Runtime& rt, Value v, const char* method) {
  // V8 names no receiver in these messages ("... incompatible receiver undefined").
  if (!v.IsCellOfKind(CellKind::kDataView)) ThrowIncompatibleReceiver(rt, method, Value::Undefined());
  return static_cast<DataViewObject*>(v.AsObject());
}

Value DataViewBuffer(Runtime& rt, CallArgs& args) {
  return Value::FromCell(ThisDataView(rt, args.this_value, "get DataView.prototype.buffer")->buffer());
}

Value DataViewByteLength(Runtime& rt, CallArgs& args) {
  DataViewObject* view = ThisDataView(rt, args.this_value, "get DataView.prototype.byte_length");
  if (view->IsOutOfBounds()) ThrowDetached(rt, "DataView.prototype.byteLength");
  return Value::Number(static_cast<double>(view->byte_length()));
}

Value DataViewByteOffset(Runtime& rt, CallArgs& args) {
  DataViewObject* view = ThisDataView(rt, args.this_value, "get DataView.prototype.byte_offset");
  if (view->IsOutOfBounds()) ThrowDetached(rt, "DataView.prototype.byteOffset");
  return Value::Number(static_cast<double>(view->byte_offset()));
}

// The method names of the DataView accessors, by element kind.
std::string AccessorName(bool get, ElementKind kind) {
  std::string n = ElementKindConstructorName(kind);
  n.resize(n.size() - 5);  // "Array"
  return std::string("DataView.prototype.") + (get ? "get" : "set") + n;
}

// Where GetViewValue/SetViewValue read or write: the view checked against
// detaching and its bounds.
uint8_t* ViewAddress(Runtime& rt, DataViewObject* view, uint64_t index, ElementKind kind, bool get) {
  if (view->IsOutOfBounds()) ThrowDetached(rt, AccessorName(get, kind));
  if (index + ElementSize(kind) > view->byte_length()) rt.ThrowRangeError("Offset is outside the bounds of the DataView");
  return view->buffer()->data() + view->byte_offset() + index;
}

// Reverses `n` bytes: the machine is little-endian, so a big-endian access
// swaps.
void Swap(uint8_t* bytes, uint32_t n) { std::reverse(bytes, bytes + n); }

static_assert(std::endian::native == std::endian::little, "DataView assumes a little-endian machine");

template <ElementKind kKind>
Value DataViewGet(Runtime& rt, CallArgs& args) {
  Rooted<DataViewObject*> view(rt, ThisDataView(rt, args.this_value, AccessorName(true, kKind).c_str()));
  uint64_t index = ToIndex(rt, args[0], "Offset is outside the bounds of the DataView");
  bool little = ToBoolean(args[1]);
  const uint8_t* p = ViewAddress(rt, view, index, kKind, true);
  uint8_t bytes[8];
  std::memcpy(bytes, p, ElementSize(kKind));
  if (!little) Swap(bytes, ElementSize(kKind));
  return LoadElement(rt, kKind, bytes);
}

template <ElementKind kKind>
Value DataViewSet(Runtime& rt, CallArgs& args) {
  Rooted<DataViewObject*> view(rt, ThisDataView(rt, args.this_value, AccessorName(false, kKind).c_str()));
  Rooted<Value> value(rt, args[1]);
  bool little = ToBoolean(args[2]);
  uint64_t index = ToIndex(rt, args[0], "Offset is outside the bounds of the DataView");
  Value numeric = ToElementValue(rt, kKind, value);  // nothing allocates after it
  uint8_t* p = ViewAddress(rt, view, index, kKind, false);
  uint8_t bytes[8];
  StoreElement(kKind, bytes, numeric);
  if (!little) Swap(bytes, ElementSize(kKind));
  std::memcpy(p, bytes, ElementSize(kKind));
  return Value::Undefined();
}

void DefineTag(Runtime& rt, Object* obj, const char* tag) {
  Rooted<Object*> o(rt, obj);
  Rooted<Value> v(rt, StringValueUtf8(rt, tag));
  DefineRaw(rt, o, PropertyKey::Named(rt.symbols().to_string_tag), v, kAttrConfigurable);
}

template <bool kShared>
NativeFunction* InstallBuffer(Runtime& rt, Object* prototype) {
  Rooted<Object*> proto(rt, prototype);
  const char* name = kShared ? "SharedArrayBuffer" : "ArrayBuffer";
  Rooted<NativeFunction*> ctor(
      rt, MakeConstructor(rt, name, kShared ? SharedArrayBufferConstructor : ArrayBufferConstructor, 1, proto));
  DefineSpeciesGetter(rt, ctor);
  DefineGetter(rt, proto, "byteLength", BufferByteLength<kShared>);
  DefineMethod(rt, proto, "slice", BufferSlice<kShared>, 2);
  DefineGetter(rt, proto, "maxByteLength", BufferMaxByteLength<kShared>);
  DefineGetter(rt, proto, kShared ? "growable" : "resizable", BufferResizable<kShared>);
  DefineMethod(rt, proto, kShared ? "grow" : "resize", BufferResize<kShared>, 1);
  DefineTag(rt, proto, name);
  return ctor;
}

}  // namespace

void TraceBinaryIntrinsics(const BinaryIntrinsics& b, Visitor& v) {
  for (Value val : {b.array_buffer_constructor, b.array_buffer_prototype, b.shared_array_buffer_constructor,
                    b.shared_array_buffer_prototype,
                    b.data_view_prototype, b.typed_array_constructor, b.typed_array_prototype}) {
    TraceValue(v, val, EdgeType::kInternal, EdgeName::Str("binary data"));
  }
  for (int i = 0; i < kElementKindCount; ++i) {
    TraceValue(v, b.constructors[i], EdgeType::kInternal, EdgeName::Str("typed array constructor"));
    TraceValue(v, b.prototypes[i], EdgeType::kInternal, EdgeName::Str("typed array prototype"));
  }
}

void InstallArrayBufferBuiltins(Runtime& rt) {
  BinaryIntrinsics& b = BinaryIntrinsicsOf(rt);
  Object* op = rt.intrinsics().object_prototype;
  b.array_buffer_prototype = Value::FromCell(rt.NewObject(op));
  b.shared_array_buffer_prototype = Value::FromCell(rt.NewObject(op));
  b.data_view_prototype = Value::FromCell(rt.NewObject(op));

  Rooted<NativeFunction*> ab(rt, InstallBuffer<false>(rt, b.array_buffer_prototype.AsObject()));
  b.array_buffer_constructor = Value::FromCell(ab.get());
  DefineMethod(rt, ab, "isView", ArrayBufferIsView, 1);
  {
    Rooted<Object*> abp(rt, b.array_buffer_prototype.AsObject());
    DefineMethod(rt, abp, "transfer", BufferTransfer<true>, 0);
    DefineMethod(rt, abp, "transferToFixedLength", BufferTransfer<false>, 0);
    DefineGetter(rt, abp, "detached", BufferDetached);
  }
  b.shared_array_buffer_constructor = Value::FromCell(InstallBuffer<true>(rt, b.shared_array_buffer_prototype.AsObject()));

  Rooted<Object*> dv(rt, b.data_view_prototype.AsObject());
  MakeConstructor(rt, "DataView", DataViewConstructor, 1, dv);
  DefineGetter(rt, dv, "buffer", DataViewBuffer);
  DefineGetter(rt, dv, "byteLength", DataViewByteLength);
  DefineGetter(rt, dv, "byteOffset", DataViewByteOffset);
#define JSVM_DATA_VIEW_METHODS(name)                                                         \
  DefineMethod(rt, dv, "get" #name, DataViewGet<ElementKind::k##name>, 1);                    \
  DefineMethod(rt, dv, "set" #name, DataViewSet<ElementKind::k##name>, 2);
  JSVM_DATA_VIEW_METHODS(Int8)
  JSVM_DATA_VIEW_METHODS(Uint8)
  JSVM_DATA_VIEW_METHODS(Int16)
  JSVM_DATA_VIEW_METHODS(Uint16)
  JSVM_DATA_VIEW_METHODS(Int32)
  JSVM_DATA_VIEW_METHODS(Uint32)
  JSVM_DATA_VIEW_METHODS(Float32)
  JSVM_DATA_VIEW_METHODS(Float64)
  JSVM_DATA_VIEW_METHODS(BigInt64)
  JSVM_DATA_VIEW_METHODS(BigUint64)
#undef JSVM_DATA_VIEW_METHODS
  DefineTag(rt, dv, "DataView");
}

}  // namespace jsvm
