// Strings and symbols, and the property keys made from them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "gc/cell.h"
#include "vm/value.h"

namespace jsvm {

// An immutable sequence of UTF-16 code units stored inline after the cell.
// Interned strings (property names, literals) are unique per content, so
// pointer equality is content equality among them.
class String final : public Cell {
 public:
  explicit String(uint32_t length) : Cell(CellKind::kString), length_(length) {}

  uint32_t length() const { return length_; }
  const char16_t* data() const { return reinterpret_cast<const char16_t*>(this + 1); }
  char16_t* mutable_data() { return reinterpret_cast<char16_t*>(this + 1); }
  std::u16string_view view() const { return {data(), length_}; }
  char16_t at(uint32_t i) const { return data()[i]; }
  std::string ToUtf8() const;

  bool interned() const { return interned_; }
  void set_interned(bool b) { interned_ = b; }
  uint32_t Hash() const;
  // Whether the string is a canonical array index ("0".."4294967294"); if so,
  // *index receives it. Cached.
  bool AsArrayIndex(uint32_t* index) const;

  void Trace(Visitor&) const override {}
  size_t OwnedBytes() const override { return sizeof(String) + length_ * sizeof(char16_t); }
  uint8_t SnapshotType() const override { return 2; /* string */ }
  std::string SnapshotName() const override { return ToUtf8(); }

  static uint32_t HashOf(std::u16string_view s);

 private:
  uint32_t length_;
  mutable uint32_t hash_ = 0;
  mutable int8_t index_state_ = -1;  // -1 unknown, 0 not an index, 1 index
  bool interned_ = false;
  mutable uint32_t index_ = 0;
};

// A unique symbol with an optional description.
class Symbol final : public Cell {
 public:
  explicit Symbol(Value description) : Cell(CellKind::kSymbol), description_(description) {}
  Value description() const { return description_; }
  void Trace(Visitor& v) const override {
    TraceValue(v, description_, EdgeType::kInternal, EdgeName::Str("description"));
  }
  size_t OwnedBytes() const override { return sizeof(Symbol); }
  uint8_t SnapshotType() const override { return 12; /* symbol */ }
  // The description (`Symbol.iterator`), or "symbol" as V8 names symbols without one.
  std::string SnapshotName() const override {
    return description_.IsString() ? description_.AsString()->ToUtf8() : "symbol";
  }

 private:
  Value description_;
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
