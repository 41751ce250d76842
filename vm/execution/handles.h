// Rooting for C++ code. The collector is non-moving, so a raw pointer stays
// valid while the cell is alive; a cell is alive only while the collector can
// see it. C++ code that holds a heap value across anything that may allocate
// (and so collect) keeps it in a Rooted or RootedVector, which link
// themselves into the runtime's root list for their lifetime (LIFO, on the C++
// stack).
#pragma once

#include <type_traits>
#include <vector>

#include "vm/objects/value.h"

namespace jsvm {

class Runtime;

class RootedBase {
 public:
  RootedBase(Runtime& rt, bool is_vector);
  ~RootedBase();
  RootedBase(const RootedBase&) = delete;
  RootedBase& operator=(const RootedBase&) = delete;

 protected:
  friend class Runtime;
  Runtime& rt_;
  RootedBase* prev_;
  bool is_vector_;
  Value value_;                      // single roots
  std::vector<Value> values_;        // vector roots
};

// One rooted value or cell pointer: Rooted<Value>, Rooted<Object*>, ...
template <class T>
class Rooted : public RootedBase {
 public:
  Rooted(Runtime& rt, T init) : RootedBase(rt, false) { set(init); }
  T get() const { return Unwrap(value_); }
  void set(T v) { value_ = Wrap(v); }
  Rooted& operator=(T v) { set(v); return *this; }
  operator T() const { return get(); }
  T operator->() const { return get(); }
  Value value() const { return value_; }

 private:
  friend class Runtime;
  static Value Wrap(Value v) { return v; }
  static Value Wrap(const Cell* c) { return c ? Value::FromCell(c) : Value::Empty(); }
  static T Unwrap(Value v) {
    if constexpr (std::is_same_v<T, Value>) {
      return v;
    } else {
      return v.IsCell() ? reinterpret_cast<T>(v.AsCell()) : nullptr;
    }
  }
};

// A growable rooted list of values (arguments being collected, key lists).
class RootedVector : public RootedBase {
 public:
  explicit RootedVector(Runtime& rt) : RootedBase(rt, true) {}
  std::vector<Value>& values() { return values_; }
  const std::vector<Value>& values() const { return values_; }
  void push_back(Value v) { values_.push_back(v); }
  size_t size() const { return values_.size(); }
  Value& operator[](size_t i) { return values_[i]; }
  Value* data() { return values_.data(); }
};

}  // namespace jsvm
