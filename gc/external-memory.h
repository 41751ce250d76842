// Memory a cell owns outside the heap (V8's "external memory"): a flattened
// rope's characters, an object's elements and out-of-line slots, a Map's
// table, a function's bytecode. Every such buffer is allocated through this
// file, which charges it to the heap of the running thread, so that it counts
// toward the next collection's trigger, the --max-heap limit and the heap
// statistics the moment it is allocated, and is given back when it is freed.
// Nothing here collects: a C++ caller may hold raw cell pointers across it.
// Each cell's OwnedBytes() reports the same buffers, so a collection, which
// recounts the live heap from OwnedBytes(), agrees with the running count.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#include <string>
#include <unordered_map>
#include <map>
#include <vector>

namespace jsvm {

class Heap;

namespace external_memory {

// The heap external allocations on this thread are charged to (the newest
// live Heap constructed on it; none: not counted).
Heap* CurrentHeap();
void SetCurrentHeap(Heap* heap);

// Reports `delta` bytes allocated (> 0) or freed (< 0) outside the heap on
// behalf of a cell.
void Adjust(std::ptrdiff_t delta);

// malloc / realloc / free that report to Adjust. Allocate and Reallocate
// throw std::bad_alloc when the system has no memory left.
void* Allocate(size_t bytes);
void* Reallocate(void* p, size_t old_bytes, size_t new_bytes);
void Free(void* p, size_t bytes);

}  // namespace external_memory

// A standard allocator whose memory is external memory: a container a cell
// owns uses it, so the container's growth is counted as it happens.
template <class T>
struct ExternalAllocator {
  using value_type = T;
  ExternalAllocator() = default;
  template <class U>
  ExternalAllocator(const ExternalAllocator<U>&) {}  // NOLINT(google-explicit-constructor)
  T* allocate(size_t n) { return static_cast<T*>(external_memory::Allocate(n * sizeof(T))); }
  void deallocate(T* p, size_t n) { external_memory::Free(p, n * sizeof(T)); }
  friend bool operator==(const ExternalAllocator&, const ExternalAllocator&) { return true; }
};

template <class T>
using ExternalVector = std::vector<T, ExternalAllocator<T>>;
using ExternalU16String = std::basic_string<char16_t, std::char_traits<char16_t>, ExternalAllocator<char16_t>>;
template <class K, class V, class Hash, class Eq>
using ExternalUnorderedMap = std::unordered_map<K, V, Hash, Eq, ExternalAllocator<std::pair<const K, V>>>;
template <class K, class V>
using ExternalMap = std::map<K, V, std::less<K>, ExternalAllocator<std::pair<const K, V>>>;

// The bytes a node-based hash table (std::unordered_map) holds: its bucket
// array and one node per element (the value, a link and a cached hash), as
// libstdc++ lays them out; for OwnedBytes().
template <class Table>
size_t HashTableBytes(const Table& t) {
  return t.bucket_count() * sizeof(void*) + t.size() * (sizeof(typename Table::value_type) + 2 * sizeof(void*));
}
// The same for a node-based ordered map (std::map): a value and three links
// and a colour per node.
template <class Tree>
size_t TreeBytes(const Tree& t) {
  return t.size() * (sizeof(typename Tree::value_type) + 4 * sizeof(void*));
}

}  // namespace jsvm
