// ArrayBuffer backing stores, element conversions, and the integer-indexed
// exotic object's methods for canonical numeric keys (ECMA-262 10.4.5).
#include "vm/objects/array-buffer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "vm/execution/operations.h"
#include "vm/objects/bigint.h"
#include "vm/objects/object-ops.h"

namespace jsvm {

namespace {

constexpr const char* kConstructorNames[] = {
#define JSVM_KIND_INFO(name, type) #name "Array",
    JSVM_TYPED_ARRAY_KINDS(JSVM_KIND_INFO)
#undef JSVM_KIND_INFO
};

template <class T>
T Read(const uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

template <class T>
void Write(uint8_t* p, T v) {
  std::memcpy(p, &v, sizeof(T));
}

// ToUint8Clamp: round half to even inside [0, 255].
uint8_t ClampToUint8(double d) {
  if (!(d > 0)) return 0;  // NaN too
  if (d >= 255) return 255;
  return static_cast<uint8_t>(std::nearbyint(d));
}

}  // namespace

const char* ElementKindConstructorName(ElementKind kind) { return kConstructorNames[static_cast<int>(kind)]; }

Value LoadElement(Runtime& rt, ElementKind kind, const uint8_t* p) {
  switch (kind) {
    case ElementKind::kInt8: return Value::Int(Read<int8_t>(p));
    case ElementKind::kUint8:
    case ElementKind::kUint8Clamped: return Value::Int(Read<uint8_t>(p));
    case ElementKind::kInt16: return Value::Int(Read<int16_t>(p));
    case ElementKind::kUint16: return Value::Int(Read<uint16_t>(p));
    case ElementKind::kInt32: return Value::Int(Read<int32_t>(p));
    case ElementKind::kUint32: return Value::Number(Read<uint32_t>(p));
    case ElementKind::kFloat32: return Value::Number(Read<float>(p));
    case ElementKind::kFloat64: return Value::Number(Read<double>(p));
    case ElementKind::kBigInt64: return Value::FromCell(BigIntFromInt64(rt, Read<int64_t>(p)));
    case ElementKind::kBigUint64: return Value::FromCell(BigIntFromUint64(rt, Read<uint64_t>(p)));
    case ElementKind::kCount: break;
  }
  return Value::Undefined();
}

void StoreElement(ElementKind kind, uint8_t* p, Value numeric) {
  static_assert(ElementKind::kUint32 < ElementKind::kFloat32 && ElementKind::kFloat64 < ElementKind::kBigInt64);
  if (numeric.IsInt() && kind < ElementKind::kFloat32) {
    // Small integers need no modular reduction beyond truncation.
    int32_t i = numeric.AsInt();
    switch (kind) {
      case ElementKind::kInt8:
      case ElementKind::kUint8: Write<uint8_t>(p, static_cast<uint8_t>(i)); return;
      case ElementKind::kUint8Clamped: Write<uint8_t>(p, static_cast<uint8_t>(std::clamp(i, 0, 255))); return;
      case ElementKind::kInt16:
      case ElementKind::kUint16: Write<uint16_t>(p, static_cast<uint16_t>(i)); return;
      default: Write<uint32_t>(p, static_cast<uint32_t>(i)); return;
    }
  }
  if (IsBigIntKind(kind)) {
    // Both kinds keep the value modulo 2^64: the same bits.
    Write<uint64_t>(p, numeric.IsBigInt() ? BigIntToUint64(numeric.AsBigInt()) : 0);
    return;
  }
  double d = numeric.AsNumber();
  switch (kind) {
    case ElementKind::kInt8:
    case ElementKind::kUint8: Write<uint8_t>(p, static_cast<uint8_t>(DoubleToInt32(d))); return;
    case ElementKind::kUint8Clamped: Write<uint8_t>(p, ClampToUint8(d)); return;
    case ElementKind::kInt16:
    case ElementKind::kUint16: Write<uint16_t>(p, static_cast<uint16_t>(DoubleToInt32(d))); return;
    case ElementKind::kInt32:
    case ElementKind::kUint32: Write<uint32_t>(p, static_cast<uint32_t>(DoubleToInt32(d))); return;
    case ElementKind::kFloat32: Write<float>(p, static_cast<float>(d)); return;
    case ElementKind::kFloat64: Write<double>(p, d); return;
    case ElementKind::kBigInt64:
    case ElementKind::kBigUint64:
    case ElementKind::kCount: return;
  }
}

Value ToElementValue(Runtime& rt, ElementKind kind, Value value) {
  if (IsBigIntKind(kind)) return value.IsBigInt() ? value : Value::FromCell(ToBigInt(rt, value));
  if (value.IsNumber()) return value;
  return Value::Double(ToNumber(rt, value));
}

// ---- ArrayBufferObject

ArrayBufferObject::~ArrayBufferObject() {
  if (block_) {
    external_memory::Adjust(-static_cast<std::ptrdiff_t>(capacity_));
  } else if (data_) {
    external_memory::Free(data_, capacity_);
  }
}

std::shared_ptr<uint8_t> ArrayBufferObject::SharedBlock() {
  if (!shared_ || resizable_) return nullptr;
  if (!block_) block_ = std::shared_ptr<uint8_t>(data_, [](uint8_t* p) { std::free(p); });
  return block_;
}

void ArrayBufferObject::AdoptSharedBlock(std::shared_ptr<uint8_t> block, size_t length) {
  external_memory::Adjust(static_cast<std::ptrdiff_t>(length));
  block_ = std::move(block);
  data_ = block_.get();
  byte_length_ = capacity_ = max_byte_length_ = length;
}

bool ArrayBufferObject::Allocate(size_t length, std::optional<size_t> max) {
  // calloc: the kernel hands out zeroed pages lazily, so a large buffer costs
  // nothing until it is touched.
  void* p = std::calloc(length ? length : 1, 1);
  if (!p) return false;
  external_memory::Adjust(static_cast<std::ptrdiff_t>(length));
  data_ = static_cast<uint8_t*>(p);
  byte_length_ = capacity_ = length;
  resizable_ = max.has_value();
  max_byte_length_ = max.value_or(length);
  return true;
}

bool ArrayBufferObject::Resize(size_t new_length) {
  if (new_length > capacity_) {
    void* q = std::realloc(data_, new_length);
    if (!q) return false;
    external_memory::Adjust(static_cast<std::ptrdiff_t>(new_length - capacity_));
    data_ = static_cast<uint8_t*>(q);
    capacity_ = new_length;
  }
  NoteCellWrite(this);
  if (new_length > byte_length_) std::memset(data_ + byte_length_, 0, new_length - byte_length_);
  byte_length_ = new_length;
  return true;
}

void ArrayBufferObject::Detach() {
  NoteCellWrite(this);
  if (data_) external_memory::Free(data_, capacity_);
  data_ = nullptr;
  byte_length_ = capacity_ = 0;
  detached_ = true;
}

// ---- views

bool TypedArrayObject::IsOutOfBounds() const {
  if (buffer_->detached()) return true;
  size_t buffer_length = buffer_->byte_length();
  if (byte_offset_ > buffer_length) return true;
  if (length_tracking_) return false;
  return byte_offset_ + fixed_length_ * element_size() > buffer_length;
}

size_t TypedArrayObject::TrackedLength() const {
  if (IsOutOfBounds()) return 0;
  return (buffer_->byte_length() - byte_offset_) / element_size();
}

bool DataViewObject::IsOutOfBounds() const {
  if (buffer_->detached()) return true;
  size_t buffer_length = buffer_->byte_length();
  if (byte_offset_ > buffer_length) return true;
  return !length_tracking_ && byte_offset_ + fixed_length_ > buffer_length;
}

size_t DataViewObject::byte_length() const {
  return length_tracking_ ? buffer_->byte_length() - byte_offset_ : fixed_length_;
}

// ---- the integer-indexed exotic object

NumericKey TypedArrayNumericKey(PropertyKey key) {
  if (key.IsIndex()) return {true, static_cast<double>(key.index())};
  if (!key.IsString()) return {};
  std::u16string_view s = key.string()->view();
  if (s.empty()) return {};
  char16_t c = s[0];
  if (!((c >= u'0' && c <= u'9') || c == u'-' || c == u'I' || c == u'N')) return {};
  if (s == u"-0") return {true, -0.0};
  double n = StringToNumber(s);
  std::string back = NumberToStdString(n);
  if (back.size() != s.size() || !std::equal(back.begin(), back.end(), s.begin())) return {};
  return {true, n};
}

namespace {

bool IsIntegral(double d) { return std::isfinite(d) && std::trunc(d) == d; }

bool ValidIndex(const TypedArrayObject* ta, double index) {
  return IsIntegral(index) && ta->IsValidIndex(index);
}

}  // namespace

Value TypedArrayGetElement(Runtime& rt, TypedArrayObject* ta, double index) {
  if (!ValidIndex(ta, index)) return Value::Undefined();
  return ta->Get(rt, static_cast<size_t>(index));
}

void TypedArraySetElement(Runtime& rt, TypedArrayObject* ta, double index, Value value) {
  Rooted<Object*> holder(rt, ta);
  Value numeric = ToElementValue(rt, ta->element_kind(), value);
  auto* t = static_cast<TypedArrayObject*>(holder.get());
  if (ValidIndex(t, index)) t->Set(static_cast<size_t>(index), numeric);
}

bool TypedArrayHasElement(const TypedArrayObject* ta, double index) { return ValidIndex(ta, index); }

bool TypedArrayGetOwn(Runtime& rt, TypedArrayObject* ta, double index, Value* value) {
  if (!ValidIndex(ta, index)) return false;
  *value = ta->Get(rt, static_cast<size_t>(index));
  return true;
}

bool TypedArrayDefineOwn(Runtime& rt, TypedArrayObject* ta, double index, const PropertyDescriptor& desc) {
  if (!ValidIndex(ta, index)) return false;
  if (desc.has_configurable && !desc.configurable) return false;
  if (desc.has_enumerable && !desc.enumerable) return false;
  if (desc.IsAccessor()) return false;
  if (desc.has_writable && !desc.writable) return false;
  if (desc.has_value) TypedArraySetElement(rt, ta, index, desc.value);
  return true;
}

size_t TypedArrayOwnIndexCount(TypedArrayObject* ta) { return ta->length(); }

}  // namespace jsvm
