// An object's dense indexed elements: a growable array of Values in one
// malloc'd block that starts with its size and capacity, so that the object
// holds a single pointer (null while it has no elements) where a std::vector
// would take three words. Most objects have no elements; for those that do,
// the size is read once per access, right beside the values.
//
// The interface is the part of std::vector the VM uses; iterators are Value
// pointers. Holes are Value::Hole(), as in Object.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <vector>

#include "vm/value.h"

namespace jsvm {

class DenseElements {
 public:
  static_assert(std::is_trivially_copyable_v<Value>, "elements are moved with memcpy and realloc");

  DenseElements() = default;
  ~DenseElements() { std::free(block_); }
  DenseElements(const DenseElements&) = delete;
  DenseElements& operator=(const DenseElements&) = delete;
  DenseElements& operator=(const std::vector<Value>& values) {
    resize(0);
    insert(end(), values.data(), values.data() + values.size());
    return *this;
  }

  uint32_t size() const { return block_ ? block_->size : 0; }
  uint32_t capacity() const { return block_ ? block_->capacity : 0; }
  bool empty() const { return size() == 0; }

  Value* data() { return block_ ? block_->values() : nullptr; }
  const Value* data() const { return block_ ? block_->values() : nullptr; }
  Value* begin() { return data(); }
  Value* end() { return data() + size(); }
  const Value* begin() const { return data(); }
  const Value* end() const { return data() + size(); }
  Value& operator[](size_t i) { return block_->values()[i]; }
  const Value& operator[](size_t i) const { return block_->values()[i]; }
  Value& front() { return block_->values()[0]; }
  Value& back() { return block_->values()[block_->size - 1]; }

  void push_back(Value v) {
    uint32_t n = size();
    if (n == capacity()) Grow(n + 1);
    block_->values()[n] = v;
    block_->size = n + 1;
  }
  void pop_back() { --block_->size; }

  // New elements (past the old size) are `fill`.
  void resize(size_t n, Value fill = Value::Hole()) {
    uint32_t old = size();
    if (n > capacity()) Grow(n);
    if (!block_) return;  // n == 0
    for (size_t i = old; i < n; ++i) block_->values()[i] = fill;
    block_->size = static_cast<uint32_t>(n);
  }
  void reserve(size_t n) {
    if (n > capacity()) SetCapacity(n);
  }
  void shrink_to_fit() {
    if (size() == 0) {
      std::free(block_);
      block_ = nullptr;
    } else if (size() < capacity()) {
      SetCapacity(size());
    }
  }

  Value* erase(Value* pos) { return erase(pos, pos + 1); }
  Value* erase(Value* first, Value* last) {
    size_t at = first - begin(), count = last - first;
    if (count == 0) return first;
    std::memmove(static_cast<void*>(first), last, (end() - last) * sizeof(Value));
    block_->size -= static_cast<uint32_t>(count);
    return begin() + at;
  }
  // Inserts [first, last), which must not point into these elements.
  Value* insert(Value* pos, const Value* first, const Value* last) {
    size_t at = pos - begin(), count = last - first;
    if (count == 0) return pos;
    uint32_t n = size();
    if (n + count > capacity()) Grow(n + count);
    Value* p = block_->values() + at;
    std::memmove(static_cast<void*>(p + count), p, (n - at) * sizeof(Value));
    std::memcpy(static_cast<void*>(p), first, count * sizeof(Value));
    block_->size = static_cast<uint32_t>(n + count);
    return p;
  }

 private:
  // The block's header; `capacity` values follow it.
  struct Block {
    uint32_t size;
    uint32_t capacity;
    Value* values() { return reinterpret_cast<Value*>(this + 1); }
  };
  static_assert(sizeof(Block) % alignof(Value) == 0);

  // Room for at least `needed` (amortised doubling, from 4).
  void Grow(size_t needed) {
    size_t cap = capacity() < 4 ? 4 : capacity() * 2;
    SetCapacity(cap < needed ? needed : cap);
  }
  void SetCapacity(size_t cap) {
    uint32_t n = size();
    auto* b = static_cast<Block*>(std::realloc(block_, sizeof(Block) + cap * sizeof(Value)));
    if (!b) throw std::bad_alloc();
    b->size = n;
    b->capacity = static_cast<uint32_t>(cap);
    block_ = b;
  }

  Block* block_ = nullptr;
};

}  // namespace jsvm
