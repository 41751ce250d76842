// Binary data: ArrayBuffer and SharedArrayBuffer objects (a backing store of
// bytes in external memory), typed arrays (integer-indexed exotic objects
// viewing a buffer as elements of one kind) and DataViews.
//
// The element kinds are listed once, in JSVM_TYPED_ARRAY_KINDS; the enum, the
// constructors' names and sizes and the element conversions come from it.
// The two BigInt kinds come last (IsBigIntKind): loading one of their
// elements makes a BigInt, so element loads take the Runtime whose heap it
// goes on; the Number kinds never allocate there.
//
// The exotic behaviour of typed arrays ([[GetOwnProperty]], [[Get]], [[Set]],
// [[DefineOwnProperty]], [[HasProperty]], [[Delete]], [[OwnPropertyKeys]] for
// canonical numeric string keys) is in typed-array-ops.cc; object-ops.cc
// calls it when an object's kind is kTypedArray.
#pragma once

#include <cstdint>
#include <cmath>
#include <cstring>
#include <memory>
#include <optional>

#include "vm/objects/object.h"

namespace jsvm {

// V(Name, C type): every typed array element kind, in the order of the spec's
// Table 71, the BigInt kinds last.
#define JSVM_TYPED_ARRAY_KINDS(V)                                          \
  V(Int8, int8_t) V(Uint8, uint8_t) V(Uint8Clamped, uint8_t)               \
  V(Int16, int16_t) V(Uint16, uint16_t) V(Int32, int32_t) V(Uint32, uint32_t) \
  V(Float32, float) V(Float64, double) V(BigInt64, int64_t) V(BigUint64, uint64_t)

enum class ElementKind : uint8_t {
#define JSVM_ELEMENT_KIND_ENUM(name, type) k##name,
  JSVM_TYPED_ARRAY_KINDS(JSVM_ELEMENT_KIND_ENUM)
#undef JSVM_ELEMENT_KIND_ENUM
  kCount
};
constexpr int kElementKindCount = static_cast<int>(ElementKind::kCount);

// Bytes per element of `kind`.
inline uint32_t ElementSize(ElementKind kind) {
  static constexpr uint8_t kSizes[] = {
#define JSVM_ELEMENT_KIND_SIZE(name, type) sizeof(type),
      JSVM_TYPED_ARRAY_KINDS(JSVM_ELEMENT_KIND_SIZE)
#undef JSVM_ELEMENT_KIND_SIZE
  };
  return kSizes[static_cast<int>(kind)];
}
// "Uint8Array", "Float64Array", ...
const char* ElementKindConstructorName(ElementKind kind);
// Whether the kind's content type is BigInt (BigInt64Array, BigUint64Array).
inline bool IsBigIntKind(ElementKind kind) { return kind >= ElementKind::kBigInt64; }

class Runtime;
// Reads one element of `kind` at p (any alignment), in the machine's byte
// order. An element of a BigInt kind is a new BigInt on rt's heap (so the
// read may collect); the Number kinds never allocate.
Value LoadElement(Runtime& rt, ElementKind kind, const uint8_t* p);
// Writes `numeric` (already converted by ToElementValue: a Number, or a
// BigInt for the BigInt kinds) as an element of `kind` at p.
void StoreElement(ElementKind kind, uint8_t* p, Value numeric);

// An ArrayBuffer or a SharedArrayBuffer (CellKind::kArrayBuffer). Its bytes
// live in external memory, charged to the heap while the buffer lives and
// freed when the collector frees it. A resizable (or growable) buffer keeps
// its maximum; its bytes are reallocated when it is resized. A detached
// buffer has no bytes and length 0.
class ArrayBufferObject final : public Object {
 public:
  ArrayBufferObject(Object* proto, bool shared) : Object(CellKind::kArrayBuffer, proto), shared_(shared) {}
  ~ArrayBufferObject() override;

  uint8_t* data() const { return data_; }
  size_t byte_length() const { return byte_length_; }
  size_t max_byte_length() const { return max_byte_length_; }
  bool shared() const { return shared_; }
  bool resizable() const { return resizable_; }
  bool detached() const { return detached_; }

  // Gives the buffer `length` zeroed bytes (resizable with `max` when max
  // is set). Returns false when the memory cannot be had. Once, right after
  // construction.
  bool Allocate(size_t length, std::optional<size_t> max);
  // Changes the length of a resizable buffer (new bytes are zero); false
  // when the memory cannot be had.
  bool Resize(size_t new_length);
  // Frees the bytes and marks the buffer detached (DetachArrayBuffer: what
  // the host's $262.detachArrayBuffer will call).
  void Detach();
  // A fixed-length SharedArrayBuffer's bytes as a block that buffers of
  // other agents can share (the last buffer to let go frees it); null for
  // an ArrayBuffer or a growable SharedArrayBuffer (whose bytes move).
  std::shared_ptr<uint8_t> SharedBlock();
  // Makes this new SharedArrayBuffer a view of `block`, `length` bytes that
  // another agent's buffer shares (instead of Allocate).
  void AdoptSharedBlock(std::shared_ptr<uint8_t> block, size_t length);

  size_t OwnedBytes() const override {
    return Object::OwnedBytes() + (sizeof(ArrayBufferObject) - sizeof(Object)) + capacity_;
  }
  std::string SnapshotName() const override { return shared_ ? "SharedArrayBuffer" : "ArrayBuffer"; }

 private:
  uint8_t* data_ = nullptr;
  std::shared_ptr<uint8_t> block_;  // data_'s owner once shared (SharedBlock)
  size_t byte_length_ = 0;
  size_t capacity_ = 0;  // bytes allocated (external memory charged)
  size_t max_byte_length_ = 0;
  bool shared_;
  bool resizable_ = false;
  bool detached_ = false;
};

// What a typed array or DataView looks at: a buffer, a byte offset and a
// length that is fixed or follows the buffer's (a length-tracking view of a
// resizable buffer).
class ArrayBufferView : public Object {
 public:
  ArrayBufferView(CellKind kind, Object* proto, ArrayBufferObject* buffer, size_t byte_offset,
                  std::optional<size_t> fixed_length)
      : Object(kind, proto),
        buffer_(buffer),
        byte_offset_(byte_offset),
        fixed_length_(fixed_length.value_or(0)),
        length_tracking_(!fixed_length.has_value()) {}

  ArrayBufferObject* buffer() const { return buffer_; }
  size_t byte_offset() const { return byte_offset_; }
  bool length_tracking() const { return length_tracking_; }
  // The fixed length (elements for a typed array, bytes for a DataView).
  size_t fixed_length() const { return fixed_length_; }

  void Trace(Visitor& v) const override {
    Object::Trace(v);
    v.Edge(buffer_, EdgeType::kInternal, EdgeName::Str("buffer"));
  }

 protected:
  ArrayBufferObject* buffer_;
  size_t byte_offset_;
  size_t fixed_length_;
  bool length_tracking_;
};

// A typed array (CellKind::kTypedArray).
class TypedArrayObject final : public ArrayBufferView {
 public:
  TypedArrayObject(Object* proto, ElementKind kind, ArrayBufferObject* buffer, size_t byte_offset,
                   std::optional<size_t> length)
      : ArrayBufferView(CellKind::kTypedArray, proto, buffer, byte_offset, length), element_kind_(kind) {}

  ElementKind element_kind() const { return element_kind_; }
  uint32_t element_size() const { return ElementSize(element_kind_); }
  // IsTypedArrayOutOfBounds: detached, or the view no longer fits the buffer.
  bool IsOutOfBounds() const;
  // TypedArrayLength (0 when out of bounds). Inline for a fixed length (a
  // detached buffer has no bytes, so the one bounds test covers it).
  size_t length() const {
    if (!length_tracking_) [[likely]] {
      return byte_offset_ + fixed_length_ * element_size() <= buffer_->byte_length() ? fixed_length_ : 0;
    }
    return TrackedLength();
  }
  size_t byte_length() const { return length() * element_size(); }
  // The element at `index` (< length()).
  uint8_t* element_address(size_t index) const {
    return buffer_->data() + byte_offset_ + index * element_size();
  }
  // IsValidIntegerIndex for an integral index.
  bool IsValidIndex(double index) const {
    return index >= 0 && index < static_cast<double>(length()) && !(index == 0 && std::signbit(index));
  }
  // The element at `index` (< length()); may allocate (a BigInt kind's element).
  Value Get(Runtime& rt, size_t index) const { return LoadElement(rt, element_kind_, element_address(index)); }
  void Set(size_t index, Value numeric) {
    NoteCellWrite(this);
    StoreElement(element_kind_, element_address(index), numeric);
  }

  size_t OwnedBytes() const override {
    return Object::OwnedBytes() + (sizeof(TypedArrayObject) - sizeof(Object));
  }
  std::string SnapshotName() const override { return ElementKindConstructorName(element_kind_); }

 private:
  // length() of a length-tracking view.
  size_t TrackedLength() const;

  ElementKind element_kind_;
};

// A DataView (CellKind::kDataView).
class DataViewObject final : public ArrayBufferView {
 public:
  DataViewObject(Object* proto, ArrayBufferObject* buffer, size_t byte_offset, std::optional<size_t> length)
      : ArrayBufferView(CellKind::kDataView, proto, buffer, byte_offset, length) {}
  // IsViewOutOfBounds.
  bool IsOutOfBounds() const;
  // GetViewByteLength (the view must be in bounds).
  size_t byte_length() const;
  size_t OwnedBytes() const override { return Object::OwnedBytes() + (sizeof(DataViewObject) - sizeof(Object)); }
  std::string SnapshotName() const override { return "DataView"; }
};

// ---- the integer-indexed exotic object (typed-array-ops.cc)

// How a property key reads on a typed array: not numeric (an ordinary key),
// or a canonical numeric index (integral or not, maybe -0).
struct NumericKey {
  bool numeric = false;
  double index = 0;
};
// CanonicalNumericIndexString for a key (index keys are numeric).
NumericKey TypedArrayNumericKey(PropertyKey key);

// TypedArrayGetElement: undefined when the index is not valid.
Value TypedArrayGetElement(Runtime& rt, TypedArrayObject* ta, double index);
// TypedArraySetElement: converts `value` (may run JavaScript), then writes
// it when the index is still valid.
void TypedArraySetElement(Runtime& rt, TypedArrayObject* ta, double index, Value value);
// IsValidIntegerIndex for any numeric key (never allocates).
bool TypedArrayHasElement(const TypedArrayObject* ta, double index);
// The exotic methods for a numeric key; each returns the spec's answer.
bool TypedArrayGetOwn(Runtime& rt, TypedArrayObject* ta, double index, Value* value);
bool TypedArrayDefineOwn(Runtime& rt, TypedArrayObject* ta, double index, const struct PropertyDescriptor& desc);
// The indices 0..length-1 (the own integer keys).
size_t TypedArrayOwnIndexCount(TypedArrayObject* ta);

// Converts a value for storing into an element of `kind` (ToNumber, or
// ToBigInt for the BigInt kinds: a TypeError for a Number). May run
// JavaScript.
Value ToElementValue(Runtime& rt, ElementKind kind, Value value);

}  // namespace jsvm
