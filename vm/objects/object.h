// JavaScript objects: named properties in insertion order, indexed
// properties in dense elements (with a sparse overflow), and the prototype.
//
// This is the raw storage layer: nothing here runs getters, setters or other
// JavaScript, and nothing allocates heap cells. The semantic operations
// ([[Get]], [[Set]], [[DefineOwnProperty]], exotic objects) are in
// object-ops.h.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "gc/cell.h"
#include "gc/external-memory.h"
#include "vm/objects/dense-elements.h"
#include "vm/objects/shape.h"
#include "vm/objects/string.h"
#include "vm/objects/value.h"
#include "vm/objects/write-observer.h"

namespace jsvm {

class Runtime;

// Property attributes.
enum PropertyAttr : uint8_t {
  kAttrWritable = 1,
  kAttrEnumerable = 2,
  kAttrConfigurable = 4,
  kAttrAccessor = 8,  // value is an Accessor cell; kAttrWritable is meaningless
};
constexpr uint8_t kAttrDefault = kAttrWritable | kAttrEnumerable | kAttrConfigurable;
// Built-in methods and prototype links: writable, configurable, not enumerable.
constexpr uint8_t kAttrHidden = kAttrWritable | kAttrConfigurable;
constexpr uint8_t kAttrNone = 0;

// A getter/setter pair (either may be undefined).
class Accessor final : public Cell {
 public:
  Accessor(Value getter, Value setter) : Cell(CellKind::kAccessor), getter(getter), setter(setter) {}
  Value getter;
  Value setter;
  void Trace(Visitor& v) const override {
    TraceValue(v, getter, EdgeType::kInternal, EdgeName::Str("getter"));
    TraceValue(v, setter, EdgeType::kInternal, EdgeName::Str("setter"));
  }
  size_t OwnedBytes() const override { return sizeof(Accessor); }
  uint8_t SnapshotType() const override { return 0; /* hidden */ }
  std::string SnapshotName() const override { return "system / AccessorPair"; }
};

// An indexed property stored outside the dense elements.
struct PropertyEntry {
  PropertyKey key;
  Value value;
  uint8_t attrs = kAttrDefault;
};

// Elements too far past the dense part, or with attributes of their own, by index.
using SparseElements = ExternalMap<uint32_t, PropertyEntry>;

class Object : public Cell {
 public:
  Object(CellKind kind, Object* proto) : Cell(kind), proto_(proto) {}
  ~Object() override;

  Object* proto() const { return proto_; }
  void set_proto(Object* p) {
    NoteCellWrite(this);
    proto_ = p;
  }
  bool extensible() const { return extensible_; }
  void set_extensible(bool b) { extensible_ = b; }
  // [[IsHTMLDDA]] (Annex B.3.6, V8's undetectable objects; only
  // $262.IsHTMLDDA has it): typeof says "undefined", ToBoolean false, and
  // == null and == undefined hold.
  bool undetectable() const { return undetectable_; }
  void set_undetectable() { undetectable_ = true; }
  // Objects whose class is "Array" for Array.isArray, JSON and inspect.
  bool IsArray() const { return kind() == CellKind::kArray; }
  bool IsCallable() const;

  // ---- named properties (string and symbol keys), in insertion order: the
  // keys and attributes live in the shape (shape.h), the values in slots.
  Shape* shape() const { return shape_; }
  uint32_t named_count() const { return shape_ ? shape_->size() : 0; }
  // Slot of `key`, or -1.
  int FindNamed(Cell* key) const { return shape_ ? shape_->Find(key) : -1; }
  PropertyKey named_key(int i) const { return PropertyKey::Named(shape_->entry(i).key); }
  uint8_t named_attrs(int i) const { return shape_->entry(i).attrs; }
  Value named_value(int i) const { return slots_[i]; }
  void set_named_value(int i, Value v) {
    NoteCellWrite(this);
    slots_[i] = v;
  }
  // Changes the attributes of slot i (the object moves to a dictionary shape).
  void SetNamedAttrs(Runtime& rt, int i, uint8_t attrs);
  // Appends a new named property (the key must not exist). Never collects.
  void AddNamed(Runtime& rt, Cell* key, Value value, uint8_t attrs);
  // Adds a property whose transition is known (an inline cache's store):
  // `next` is shape() plus one entry.
  void AddNamedWithShape(Runtime& rt, Shape* next, Value value);
  void RemoveNamed(Runtime& rt, int i);

  // ---- indexed properties
  // Finds index `i`; returns false when absent. `*value` and `*attrs` are set.
  bool FindIndexed(uint32_t i, Value* value, uint8_t* attrs) const;
  // Stores index i (creating it), with attrs.
  void PutIndexed(Runtime& rt, uint32_t i, Value value, uint8_t attrs);
  bool RemoveIndexed(Runtime& rt, uint32_t i);
  // Every present index, ascending.
  void CollectIndices(std::vector<uint32_t>* out) const;
  // For writing (the tracer hears of it: see write-observer.h).
  DenseElements& dense() {
    NoteCellWrite(this);
    return dense_;
  }
  // Gives the dense part room for n elements, as holes (V8 preallocates the
  // backing store of `new Array(n)` for small n).
  void ReserveDenseHoles(Runtime& rt, uint32_t n);
  // Gives the dense part room for n elements (its size unchanged).
  void ReserveDense(Runtime& rt, uint32_t n);
  const DenseElements& dense() const { return dense_; }
  // The elements for reading: never unshares copy-on-write elements, as a
  // non-const dense() does on any access that could write.
  const DenseElements& elements() const { return dense_; }
  bool has_sparse() const { return sparse_ != nullptr && !sparse_->empty(); }
  SparseElements* sparse() const { return sparse_.get(); }
  // Removes every index >= len (array length truncation); returns false when a
  // non-configurable element stopped it, setting *new_len to what remains.
  bool TruncateIndexed(Runtime& rt, uint32_t len, uint32_t* new_len);

  void Trace(Visitor& v) const override;
  size_t OwnedBytes() const override;
  uint8_t SnapshotType() const override;
  std::string SnapshotName() const override;

  // Room for this many named properties inside the object, after the fields
  // of its class (`object_size`: its sizeof). Only for a cell allocated with
  // n * sizeof(Value) extra bytes (Runtime::NewObject, arguments objects),
  // before any property is added.
  void InitInlineSlots(uint8_t n, size_t object_size = sizeof(Object)) {
    slots_ = reinterpret_cast<Value*>(reinterpret_cast<char*>(this) + object_size);
    slot_capacity_ = inline_capacity_ = n;
  }
  // Gives an object without named properties all of them at once: `shape`
  // (not a dictionary; at most the inline slots) and its slots' values.
  void InitNamed(Shape* shape, std::initializer_list<Value> values) {
    NoteCellWrite(this);
    shape_ = shape;
    std::copy(values.begin(), values.end(), slots_);
  }
  void InitNamedUndefined(Shape* shape) {
    NoteCellWrite(this);
    shape_ = shape;
    std::fill(slots_, slots_ + shape->size(), Value::Undefined());
  }

  // Whether the slots have moved out of the object into a malloc'd array.
  bool slots_out_of_line() const { return slot_capacity_ > inline_capacity_; }

 protected:
  void TraceProperties(Visitor& v) const;

 private:
  void ToDictionary(Runtime& rt);
  void DictionaryAdd(Runtime& rt, Cell* key, uint8_t attrs);
  void GrowSlots(Runtime& rt);

  // The small fields first: they fill the spare bytes of the cell header,
  // and the object is 56 bytes before its inline slots.
  uint8_t inline_capacity_ = 0;
  bool extensible_ : 1 = true;
  bool undetectable_ : 1 = false;
  uint32_t slot_capacity_ = 0;
  Object* proto_;
  Shape* shape_ = nullptr;  // nullptr: no named properties
  // Named property values, in slot order: the object's inline slots (plain
  // objects are allocated with room for a few after them, as V8's in-object
  // properties) until they run out, then an array in external memory.
  Value* slots_ = nullptr;
  DenseElements dense_;  // holes are Value::Hole()
  std::unique_ptr<SparseElements> sparse_;
};

static_assert(sizeof(Object) == 56, "an object is the cell header, four pointers and its elements' pointer");

// An Array: an Object whose length is kept in step with its indices.
class Array final : public Object {
 public:
  explicit Array(Object* proto) : Object(CellKind::kArray, proto) {}
  uint32_t length() const { return length_; }
  void set_length_raw(uint32_t n) {
    NoteCellWrite(this);
    length_ = n;
  }
  bool length_writable() const { return length_writable_; }
  void set_length_writable(bool b) { length_writable_ = b; }
  std::string SnapshotName() const override { return "Array"; }

 private:
  uint32_t length_ = 0;
  bool length_writable_ = true;
};

// Boolean, Number, String and Symbol objects ([[BooleanData]] etc.).
class PrimitiveWrapper final : public Object {
 public:
  PrimitiveWrapper(Object* proto, Value primitive)
      : Object(CellKind::kPrimitiveWrapper, proto), primitive_(primitive) {}
  Value primitive() const { return primitive_; }
  void Trace(Visitor& v) const override {
    Object::Trace(v);
    TraceValue(v, primitive_, EdgeType::kInternal, EdgeName::Str("value"));
  }

 private:
  Value primitive_;
};

// Error objects: ordinary objects with [[ErrorData]].
class ErrorObject final : public Object {
 public:
  explicit ErrorObject(Object* proto) : Object(CellKind::kError, proto) {}
};

// Boxes one value (used for shared mutable state, e.g. iterator records).
class Box final : public Cell {
 public:
  explicit Box(Value v) : Cell(CellKind::kBox), value(v) {}
  Value value;
  void Trace(Visitor& v) const override { TraceValue(v, value, EdgeType::kInternal, EdgeName::Str("value")); }
  size_t OwnedBytes() const override { return sizeof(Box); }
};

}  // namespace jsvm
