// An object's dense indexed elements: a growable array of Values in one
// block of external memory (gc/external-memory.h) that starts with its size and capacity, so that the object
// holds a single pointer (null while it has no elements) where a std::vector
// would take three words. Most objects have no elements; for those that do,
// the size is read once per access, right beside the values.
//
// The interface is the part of std::vector the VM uses; iterators are Value
// pointers. Holes are Value::Hole(), as in Object.
//
// Copy on write (V8's COW elements of array literals): ShareFrom makes two
// element lists use one block, counted in the block. Every non-const member
// first gives this list a block of its own (Unshare), so a write never shows
// through another list; reads through a const reference share. Readers of a
// non-const list that care use std::as_const (Object::elements()).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <type_traits>
#include <vector>

#include "gc/external-memory.h"
#include "vm/objects/value.h"

namespace jsvm {

class DenseElements {
 public:
  static_assert(std::is_trivially_copyable_v<Value>, "elements are moved with memcpy and realloc");

  DenseElements() = default;
  ~DenseElements() { Release(); }
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
  // The bytes of the block this list accounts for: a shared block is split
  // among the lists sharing it.
  size_t owned_bytes() const { return block_ ? BlockBytes(block_->capacity) / block_->refs : 0; }
  bool shared() const { return block_ && block_->refs > 1; }

  // Makes this list share `other`'s block (copy on write). This list must be empty.
  void ShareFrom(const DenseElements& other) {
    Release();
    block_ = other.block_;
    if (block_) ++block_->refs;
  }

  Value* data() {
    Unshare();
    return block_ ? block_->values() : nullptr;
  }
  const Value* data() const { return block_ ? block_->values() : nullptr; }
  Value* begin() { return data(); }
  Value* end() { return data() + size(); }
  const Value* begin() const { return data(); }
  const Value* end() const { return data() + size(); }
  Value& operator[](size_t i) {
    Unshare();
    return block_->values()[i];
  }
  const Value& operator[](size_t i) const { return block_->values()[i]; }
  Value& front() { return (*this)[0]; }
  Value& back() { return (*this)[block_->size - 1]; }

  void push_back(Value v) {
    Unshare();
    uint32_t n = size();
    if (n == capacity()) Grow(n + 1);
    block_->values()[n] = v;
    block_->size = n + 1;
  }
  void pop_back() {
    Unshare();
    --block_->size;
  }

  // New elements (past the old size) are `fill`.
  void resize(size_t n, Value fill = Value::Hole()) {
    Unshare();
    uint32_t old = size();
    if (n > capacity()) Grow(n);
    if (!block_) return;  // n == 0
    for (size_t i = old; i < n; ++i) block_->values()[i] = fill;
    block_->size = static_cast<uint32_t>(n);
  }
  void reserve(size_t n) {
    Unshare();
    if (n > capacity()) SetCapacity(n);
  }
  void shrink_to_fit() {
    Unshare();
    if (size() == 0) {
      external_memory::Free(block_, BlockBytes(block_->capacity));
      block_ = nullptr;
    } else if (size() < capacity()) {
      SetCapacity(size());
    }
  }

  Value* erase(Value* pos) { return erase(pos, pos + 1); }
  // (first and last come from begin() or end(), which unshared the list.)
  Value* erase(Value* first, Value* last) {
    size_t at = first - begin(), count = last - first;
    if (count == 0) return first;
    std::memmove(static_cast<void*>(first), last, (end() - last) * sizeof(Value));
    block_->size -= static_cast<uint32_t>(count);
    return begin() + at;
  }
  // Inserts [first, last), which must not point into these elements; pos
  // comes from begin() or end().
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
    uint32_t refs;  // the lists using this block (more than one: copy on write)
    uint32_t unused;
    Value* values() { return reinterpret_cast<Value*>(this + 1); }
  };
  static_assert(sizeof(Block) % alignof(Value) == 0);
  static size_t BlockBytes(size_t capacity) { return sizeof(Block) + capacity * sizeof(Value); }

  void Unshare() {
    if (block_ && block_->refs > 1) [[unlikely]] CopyBlock();
  }
  // Gives this list a copy of its shared block, with no spare capacity.
  void CopyBlock() {
    Block* shared = block_;
    auto* b = static_cast<Block*>(external_memory::Allocate(BlockBytes(shared->size)));
    b->size = b->capacity = shared->size;
    b->refs = 1;
    std::memcpy(static_cast<void*>(b->values()), shared->values(), shared->size * sizeof(Value));
    --shared->refs;
    block_ = b;
  }
  void Release() {
    if (block_ && --block_->refs == 0) external_memory::Free(block_, BlockBytes(block_->capacity));
    block_ = nullptr;
  }

  // Room for at least `needed` (amortised doubling, from 4).
  void Grow(size_t needed) {
    size_t cap = capacity() < 4 ? 4 : capacity() * 2;
    SetCapacity(cap < needed ? needed : cap);
  }
  void SetCapacity(size_t cap) {
    uint32_t n = size();
    auto* b = static_cast<Block*>(
        external_memory::Reallocate(block_, block_ ? BlockBytes(block_->capacity) : 0, BlockBytes(cap)));
    b->size = n;
    b->capacity = static_cast<uint32_t>(cap);
    b->refs = 1;
    block_ = b;
  }

  Block* block_ = nullptr;
};

}  // namespace jsvm
