#include "gc/external-memory.h"

#include "gc/heap.h"

namespace jsvm::external_memory {

namespace {
thread_local Heap* current_heap = nullptr;
}  // namespace

Heap* CurrentHeap() { return current_heap; }
void SetCurrentHeap(Heap* heap) { current_heap = heap; }

void Adjust(std::ptrdiff_t delta) {
  if (current_heap) current_heap->NoteExternalAllocation(delta);
}

void* Allocate(size_t bytes) {
  void* p = std::malloc(bytes ? bytes : 1);
  if (!p) throw std::bad_alloc();
  Adjust(static_cast<std::ptrdiff_t>(bytes));
  return p;
}

void* Reallocate(void* p, size_t old_bytes, size_t new_bytes) {
  void* q = std::realloc(p, new_bytes ? new_bytes : 1);
  if (!q) throw std::bad_alloc();
  Adjust(static_cast<std::ptrdiff_t>(new_bytes) - static_cast<std::ptrdiff_t>(old_bytes));
  return q;
}

void Free(void* p, size_t bytes) {
  if (!p) return;
  std::free(p);
  Adjust(-static_cast<std::ptrdiff_t>(bytes));
}

}  // namespace jsvm::external_memory
