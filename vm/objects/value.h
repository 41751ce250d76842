// A JavaScript value in 64 bits (NaN-boxing).
//
//   double         any IEEE double; NaN is canonicalised, so its bits are below kIntTag
//   int32          0xFFF9'0000'xxxx'xxxx   (a "small integer": same JS value as the double)
//   special        0xFFFA'0000'0000'000k   undefined, null, false, true, the hole, empty
//   cell pointer   0xFFFC'pppp'pppp'pppp   (48-bit address of a Cell)
//
// Numbers are JS numbers whichever way they are stored: Value::Number()
// stores integral values in int32 form (except -0), so `1` and `1.0` have one
// representation and identity comparisons of numbers work on bits after
// normalisation.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

#include "gc/cell.h"

namespace jsvm {

class String;
class Symbol;
class Object;
class BigInt;

class Value {
 public:
  static constexpr uint64_t kIntTag = 0xFFF9'0000'0000'0000ull;
  static constexpr uint64_t kSpecialTag = 0xFFFA'0000'0000'0000ull;
  static constexpr uint64_t kCellTag = 0xFFFC'0000'0000'0000ull;
  static constexpr uint64_t kTagMask = 0xFFFF'0000'0000'0000ull;
  static constexpr uint64_t kCanonicalNaN = 0x7FF8'0000'0000'0000ull;

  enum Special : uint64_t { kUndefined = 0, kNull, kFalse, kTrue, kHole, kEmpty };

  constexpr Value() : bits_(kSpecialTag | kUndefined) {}

  static constexpr Value Undefined() { return FromBits(kSpecialTag | kUndefined); }
  static constexpr Value Null() { return FromBits(kSpecialTag | kNull); }
  static constexpr Value Boolean(bool b) { return FromBits(kSpecialTag | (b ? kTrue : kFalse)); }
  static constexpr Value True() { return Boolean(true); }
  static constexpr Value False() { return Boolean(false); }
  // The TDZ marker of uninitialised let/const and the marker of array holes.
  static constexpr Value Hole() { return FromBits(kSpecialTag | kHole); }
  // "No value" inside the engine (never visible to JavaScript).
  static constexpr Value Empty() { return FromBits(kSpecialTag | kEmpty); }
  static constexpr Value Int(int32_t i) { return FromBits(kIntTag | static_cast<uint32_t>(i)); }
  static Value Double(double d) {
    uint64_t b;
    std::memcpy(&b, &d, 8);
    if (d != d) b = kCanonicalNaN;
    return FromBits(b);
  }
  // A number, in int32 form when it is an integer that fits (not -0).
  static Value Number(double d) {
    if (d >= -2147483648.0 && d <= 2147483647.0) {
      auto i = static_cast<int32_t>(d);
      if (static_cast<double>(i) == d && !(i == 0 && std::signbit(d))) return Int(i);
    }
    return Double(d);
  }
  static Value FromCell(const Cell* c) {
    return FromBits(kCellTag | reinterpret_cast<uint64_t>(c));
  }
  static constexpr Value FromBits(uint64_t b) { Value v; v.bits_ = b; return v; }

  uint64_t bits() const { return bits_; }

  bool IsDouble() const { return bits_ < kIntTag; }
  bool IsInt() const { return (bits_ & kTagMask) == kIntTag; }
  bool IsNumber() const { return bits_ < kSpecialTag; }
  bool IsCell() const { return (bits_ & kTagMask) == kCellTag; }
  bool IsUndefined() const { return bits_ == (kSpecialTag | kUndefined); }
  bool IsNull() const { return bits_ == (kSpecialTag | kNull); }
  bool IsNullish() const { return IsUndefined() || IsNull(); }
  bool IsBoolean() const { return (bits_ | 1) == (kSpecialTag | kTrue); }
  bool IsTrue() const { return bits_ == (kSpecialTag | kTrue); }
  bool IsFalse() const { return bits_ == (kSpecialTag | kFalse); }
  bool IsHole() const { return bits_ == (kSpecialTag | kHole); }
  bool IsEmpty() const { return bits_ == (kSpecialTag | kEmpty); }

  int32_t AsInt() const { return static_cast<int32_t>(static_cast<uint32_t>(bits_)); }
  double AsDouble() const { double d; std::memcpy(&d, &bits_, 8); return d; }
  double AsNumber() const { return IsInt() ? AsInt() : AsDouble(); }
  bool AsBoolean() const { return IsTrue(); }
  Cell* AsCell() const { return reinterpret_cast<Cell*>(bits_ & ~kTagMask); }

  bool IsCellOfKind(CellKind k) const { return IsCell() && AsCell()->kind() == k; }
  bool IsString() const { return IsCellOfKind(CellKind::kString); }
  bool IsSymbol() const { return IsCellOfKind(CellKind::kSymbol); }
  bool IsBigInt() const { return IsCellOfKind(CellKind::kBigInt); }
  // Objects are every cell kind that JavaScript sees as an object.
  bool IsObject() const;
  String* AsString() const { return reinterpret_cast<String*>(AsCell()); }
  Symbol* AsSymbol() const { return reinterpret_cast<Symbol*>(AsCell()); }
  Object* AsObject() const { return reinterpret_cast<Object*>(AsCell()); }
  BigInt* AsBigInt() const { return reinterpret_cast<BigInt*>(AsCell()); }

  // Bit identity (same double bits, same cell, same special).
  bool operator==(const Value& o) const { return bits_ == o.bits_; }
  bool operator!=(const Value& o) const { return bits_ != o.bits_; }

 private:
  uint64_t bits_;
};

static_assert(sizeof(Value) == 8);

inline bool IsObjectKind(CellKind k) {
  switch (k) {
    case CellKind::kObject: case CellKind::kArray: case CellKind::kFunction:
    case CellKind::kNativeFunction: case CellKind::kBoundFunction: case CellKind::kArguments:
    case CellKind::kError: case CellKind::kPrimitiveWrapper: case CellKind::kMap:
    case CellKind::kSet: case CellKind::kIterator: case CellKind::kGenerator: case CellKind::kPromise:
    case CellKind::kArrayBuffer: case CellKind::kTypedArray: case CellKind::kDataView:
    case CellKind::kProxy:
    case CellKind::kRegExp: case CellKind::kModuleNamespace:
      return true;
    default:
      return false;
  }
}

inline bool Value::IsObject() const { return IsCell() && IsObjectKind(AsCell()->kind()); }

// Reports v as an edge when it refers to a cell.
inline void TraceValue(Visitor& v, Value value, EdgeType type, EdgeName name) {
  if (value.IsCell()) v.Edge(value.AsCell(), type, name);
}

}  // namespace jsvm
