// Strings and symbols, and the property keys made from them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gc/cell.h"
#include "vm/objects/value.h"

namespace jsvm {

// An immutable sequence of UTF-16 code units. A flat string stores them
// inline after the header. A concatenation of at least kMinConsLength units is
// a rope (V8's ConsString): it points at its two halves and is flattened into a
// buffer of external memory the first time its characters are read, after which the
// halves are dropped. So `s += word` in a loop costs a small cell per step, not
// a copy of s. Interned strings (property names, literals) are flat and unique
// per content, so pointer equality is content equality among them.
class String final : public Cell {
 public:
  // Shorter concatenations are copied, as in V8 (ConsString::kMinLength).
  static constexpr uint32_t kMinConsLength = 13;

  // What a rope keeps after its header (Heap::NewWithExtra's extra bytes).
  struct ConsParts {
    String* first;
    String* second;
    char16_t* flat;  // external memory once flattened; first and second are then null
  };

  // A flat string of `length` code units, written through mutable_data().
  explicit String(uint32_t length) : Cell(CellKind::kString), interned_(false), cons_(false), length_(length) {}
  // A rope of first + second, allocated with sizeof(ConsParts) extra bytes.
  String(String* first, String* second)
      : Cell(CellKind::kString), interned_(false), cons_(true), length_(first->length_ + second->length_) {
    *cons_parts() = ConsParts{first, second, nullptr};
  }
  ~String() override;

  uint32_t length() const { return length_; }
  // The code units; reading a rope's flattens it (allocates external memory, never collects).
  const char16_t* data() const { return cons_ ? FlattenCons() : inline_chars(); }
  // Only for a flat string being filled in right after allocation.
  char16_t* mutable_data() { return const_cast<char16_t*>(inline_chars()); }
  std::u16string_view view() const { return {data(), length_}; }
  char16_t at(uint32_t i) const { return data()[i]; }
  std::string ToUtf8() const;
  // Whether this is a rope not flattened yet.
  bool IsUnflattenedCons() const { return cons_ && cons_parts()->flat == nullptr; }

  bool interned() const { return interned_; }
  void set_interned(bool b) { interned_ = b; }
  uint32_t Hash() const;
  // Whether the string is a canonical array index ("0".."4294967294"); if so,
  // *index receives it. Cached.
  bool AsArrayIndex(uint32_t* index) const;

  void Trace(Visitor&) const override;
  size_t OwnedBytes() const override;
  // Ropes appear as V8 shows them: "(concatenated string)" nodes with
  // internal edges "first" and "second".
  uint8_t SnapshotType() const override { return IsUnflattenedCons() ? 10 : 2; }
  std::string SnapshotName() const override;

  static uint32_t HashOf(std::u16string_view s);

 private:
  const char16_t* inline_chars() const { return reinterpret_cast<const char16_t*>(this + 1); }
  ConsParts* cons_parts() const { return reinterpret_cast<ConsParts*>(const_cast<String*>(this) + 1); }
  const char16_t* FlattenCons() const;

  // The flags sit in the cell header's spare bytes: the header is 24 bytes.
  bool interned_ : 1;
  bool cons_ : 1;
  mutable int8_t index_state_ = -1;  // -1 unknown, 0 not an index, 1 index
  uint32_t length_;
  mutable uint32_t hash_ = 0;
  mutable uint32_t index_ = 0;
};

static_assert(sizeof(String) == 24, "a string's header is the cell header and 8 more bytes");

// What a private symbol stands for. Private symbols are the run-time values
// of a class's private names (`#x`, one per evaluation of the class, kept in
// the class scope's context): never seen by JavaScript, never in a key list,
// never forwarded to a proxy's traps.
enum class PrivateKind : uint8_t {
  kNone,      // an ordinary symbol
  kField,     // #x of a private field: an own property of each instance
  kBrand,     // a class's private brand: an own property of its instances
  kMethod,    // #m(): the method, reached after a brand check
  kAccessor,  // get #a / set #a: the accessor functions, after a brand check
};

// A unique symbol with an optional description.
class Symbol final : public Cell {
 public:
  explicit Symbol(Value description) : Cell(CellKind::kSymbol), description_(description) {}
  Value description() const { return description_; }
  void Trace(Visitor& v) const override {
    TraceValue(v, description_, EdgeType::kInternal, EdgeName::Str("description"));
    TraceValue(v, brand_, EdgeType::kInternal, EdgeName::Str("brand"));
    TraceValue(v, getter_, EdgeType::kInternal, EdgeName::Str(private_kind_ == PrivateKind::kMethod ? "method" : "getter"));
    TraceValue(v, setter_, EdgeType::kInternal, EdgeName::Str("setter"));
  }

  PrivateKind private_kind() const { return private_kind_; }
  bool is_private() const { return private_kind_ != PrivateKind::kNone; }
  void set_private_kind(PrivateKind kind) { private_kind_ = kind; }
  // kMethod / kAccessor: what a brand check looks for: the class's brand
  // symbol (instance members) or the class constructor itself (static ones).
  Value brand() const { return brand_; }
  void set_brand(Value brand) { brand_ = brand; }
  // kMethod: the method; kAccessor: the getter and the setter (undefined when absent).
  Value getter() const { return getter_; }
  Value setter() const { return setter_; }
  void set_getter(Value v) { getter_ = v; }
  void set_setter(Value v) { setter_ = v; }
  size_t OwnedBytes() const override { return sizeof(Symbol); }
  uint8_t SnapshotType() const override { return 12; /* symbol */ }
  // The description (`Symbol.iterator`), or "symbol" as V8 names symbols without one.
  std::string SnapshotName() const override {
    return description_.IsString() ? description_.AsString()->ToUtf8() : "symbol";
  }

 private:
  Value description_;
  Value brand_;
  Value getter_;
  Value setter_;
  PrivateKind private_kind_ = PrivateKind::kNone;
};

// A property key: an array index, or an interned string, or a symbol.
class PropertyKey {
 public:
  static constexpr uint32_t kMaxIndex = 0xFFFFFFFEu;

  PropertyKey() = default;
  static PropertyKey Index(uint32_t i) { PropertyKey k; k.index_ = i; return k; }
  // `name` must be an interned String that is not an array index, or a Symbol.
  static PropertyKey Named(Cell* name) { PropertyKey k; k.cell_ = name; return k; }

  bool IsIndex() const { return cell_ == nullptr; }
  bool IsSymbol() const { return cell_ && cell_->kind() == CellKind::kSymbol; }
  bool IsString() const { return cell_ && cell_->kind() == CellKind::kString; }
  uint32_t index() const { return index_; }
  Cell* cell() const { return cell_; }
  String* string() const { return static_cast<String*>(cell_); }
  bool operator==(const PropertyKey& o) const { return cell_ == o.cell_ && index_ == o.index_; }

 private:
  Cell* cell_ = nullptr;
  uint32_t index_ = 0;
};

}  // namespace jsvm
