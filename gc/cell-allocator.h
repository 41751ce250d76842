// Where cells live: a segregated-fit allocator. Small cells (up to
// kMaxSmallBytes) come from 256 KiB blocks, each divided into equal slots of
// one size class (16-byte steps); large cells get their own malloc'd chunk.
// The allocator knows which slots hold a constructed cell (a bit per 16-byte
// granule, set by Commit), so the sweep walks blocks instead of a list of
// cells, and the Cell header needs no link. A block left empty by a sweep is
// kept for reuse only as far as the heap will need it before the next
// collection (TrimCache); the rest goes back to the OS, so RSS falls when the
// live heap shrinks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "gc/cell.h"

#if defined(__has_include)
#if __has_include(<sanitizer/asan_interface.h>)
#include <sanitizer/asan_interface.h>
#endif
#endif
#ifndef ASAN_POISON_MEMORY_REGION
#define ASAN_POISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#endif

namespace jsvm {

class CellAllocator {
 public:
  static constexpr size_t kBlockSize = 256 * 1024;
  static constexpr size_t kGranule = 16;
  static constexpr size_t kMaxSmallBytes = 512;
  static constexpr size_t kClassCount = kMaxSmallBytes / kGranule;

  CellAllocator() = default;
  ~CellAllocator();  // destroys every cell still allocated
  CellAllocator(const CellAllocator&) = delete;
  CellAllocator& operator=(const CellAllocator&) = delete;

  // Memory for a cell of `bytes`, 16-byte aligned. It is not a cell until
  // Commit; nothing may sweep in between.
  void* Allocate(size_t bytes) {
    if (bytes > kMaxSmallBytes) return AllocateLarge(bytes);
    SizeClass& c = classes_[ClassOf(bytes)];
    Block* b = c.current;
    if (b && b->free) return PopFree(b);
    if (b && b->bump < b->end) {
      char* p = b->bump;
      b->bump += b->slot_size;
      Unpoison(p, b->slot_size);
      return p;
    }
    return Refill(c, ClassOf(bytes));
  }
  // `cell`, of `bytes`, is constructed: from now on the sweep sees it.
  void Commit(Cell* cell, size_t bytes) {
    if (bytes > kMaxSmallBytes) {
      large_.push_back(cell);
      return;
    }
    Block* b = BlockOf(cell);
    size_t g = b->GranuleOf(cell);
    b->cells[g / 64] |= uint64_t{1} << (g % 64);
  }

  // Calls f(cell) for every committed cell, small ones block by block.
  template <class F>
  void ForEach(F&& f) const {
    for (const SizeClass& c : classes_) {
      for (Block* b = c.blocks; b; b = b->next) ForEachInBlock(b, f);
    }
    for (Cell* c : large_) f(c);
  }

  // For every committed cell: if `is_live(cell)` keep it, else call
  // `on_free(cell)` and then destroy and free it. Rebuilds the free lists and
  // releases blocks left empty.
  template <class Live, class Dead>
  void Sweep(Live&& is_live, Dead&& on_free) {
    for (size_t k = 0; k < kClassCount; ++k) {
      SizeClass& c = classes_[k];
      Block** link = &c.blocks;
      while (Block* b = *link) {
        size_t live = 0;
        void* free = nullptr;
        size_t step = b->slot_size / kGranule;
        size_t n = b->GranuleOf(b->bump);
        for (size_t g = n; g >= step;) {  // downwards: the free list ends up in address order
          g -= step;
          char* p = b->slots() + g * kGranule;
          uint64_t bit = uint64_t{1} << (g % 64);
          if (b->cells[g / 64] & bit) {
            auto* cell = reinterpret_cast<Cell*>(p);
            if (is_live(cell)) {
              ++live;
              continue;
            }
            on_free(cell);
            cell->~Cell();
            b->cells[g / 64] &= ~bit;
          }
          PushFree(p, b->slot_size, &free);
        }
        b->free = free;
        if (live == 0) {
          *link = b->next;
          ReleaseBlock(b);
        } else {
          link = &b->next;
        }
      }
      c.current = c.blocks;
    }
    size_t kept = 0;
    for (Cell* cell : large_) {
      if (is_live(cell)) {
        large_[kept++] = cell;
      } else {
        on_free(cell);
        FreeLarge(cell);
      }
    }
    large_.resize(kept);
  }

  // Returns empty blocks to the OS until at most `keep_bytes` of them stay cached.
  void TrimCache(size_t keep_bytes);

  // Bytes taken from the system for cells: blocks plus large chunks' requests.
  size_t committed_bytes() const { return (block_count_ + cache_.size()) * kBlockSize + large_bytes_; }
  size_t block_count() const { return block_count_; }

 private:
  struct Block {
    Block* next;        // the next block of this size class
    void* free;         // free slots below bump, in address order
    char* bump;         // slots from here to end were never handed out
    char* end;          // the end of the last whole slot
    size_t slot_size;
    // A bit per granule: set where a committed cell starts.
    uint64_t cells[kBlockSize / kGranule / 64];
    char* slots() { return reinterpret_cast<char*>(this) + kHeaderBytes; }
    size_t GranuleOf(const void* p) {
      return static_cast<size_t>(static_cast<const char*>(p) - slots()) / kGranule;
    }
  };
  static constexpr size_t kHeaderBytes = (sizeof(Block) + kGranule - 1) / kGranule * kGranule;

  struct SizeClass {
    Block* blocks = nullptr;   // every block of this class
    Block* current = nullptr;  // allocating from here; earlier blocks are full
  };

  template <class F>
  static void ForEachInBlock(Block* b, F&& f) {
    size_t step = b->slot_size / kGranule;
    for (size_t g = 0, n = b->GranuleOf(b->bump); g < n; g += step) {
      if (b->cells[g / 64] >> (g % 64) & 1) f(reinterpret_cast<Cell*>(b->slots() + g * kGranule));
    }
  }
  static size_t ClassOf(size_t bytes) { return bytes == 0 ? 0 : (bytes - 1) / kGranule; }
  static Block* BlockOf(const void* p) {
    return reinterpret_cast<Block*>(reinterpret_cast<uintptr_t>(p) & ~(kBlockSize - 1));
  }

  void* PopFree(Block* b) {
    void* p = b->free;
    Unpoison(p, b->slot_size);
    b->free = *static_cast<void**>(p);
    return p;
  }
  static void PushFree(void* p, size_t size, void** list) {
    Unpoison(p, size);
    *static_cast<void**>(p) = *list;
    *list = p;
    Poison(p, size);
  }
  // Poisons (under AddressSanitizer) memory that holds no cell, so that a
  // stale pointer into a free slot is reported.
  static void Poison(void* p, size_t size) { ASAN_POISON_MEMORY_REGION(p, size); }
  static void Unpoison(void* p, size_t size) { ASAN_UNPOISON_MEMORY_REGION(p, size); }

  void* Refill(SizeClass& c, size_t k);
  Block* NewBlock(size_t slot_size);
  void ReleaseBlock(Block* b);
  void* AllocateLarge(size_t bytes);
  void FreeLarge(Cell* cell);

  SizeClass classes_[kClassCount];
  std::vector<Cell*> large_;
  std::vector<Block*> cache_;  // empty blocks kept for reuse
  // Address space mapped for blocks not handed out yet: blocks are carved
  // from kReserveBlocks-block regions, one mmap (and at most two trimming
  // munmaps) per region rather than per block. Untouched pages cost no memory.
  static constexpr size_t kReserveBlocks = 16;
  char* reserve_next_ = nullptr;
  char* reserve_end_ = nullptr;
  size_t block_count_ = 0;
  size_t large_bytes_ = 0;
};

}  // namespace jsvm
