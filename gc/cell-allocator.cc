#include "gc/cell-allocator.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <new>

namespace jsvm {

namespace {

// What a large cell's chunk starts with, before the cell (keeps it 16-aligned).
struct alignas(16) LargeHeader {
  size_t bytes;
};

}  // namespace

CellAllocator::~CellAllocator() {
  for (SizeClass& c : classes_) {
    while (Block* b = c.blocks) {
      c.blocks = b->next;
      ForEachInBlock(b, [](Cell* cell) { cell->~Cell(); });
      b->next = nullptr;
      std::fill(std::begin(b->cells), std::end(b->cells), 0);
      cache_.push_back(b);
    }
  }
  for (Cell* cell : large_) FreeLarge(cell);
  TrimCache(0);
  if (reserve_next_ != reserve_end_) munmap(reserve_next_, reserve_end_ - reserve_next_);
}

void* CellAllocator::Refill(SizeClass& c, size_t k) {
  for (Block* b = c.current ? c.current->next : c.blocks; b; b = b->next) {
    if (b->free || b->bump < b->end) {
      c.current = b;
      return Allocate(k * kGranule + kGranule);
    }
  }
  Block* b = NewBlock((k + 1) * kGranule);
  if (c.current) {
    b->next = c.current->next;
    c.current->next = b;
  } else {
    b->next = c.blocks;
    c.blocks = b;
  }
  c.current = b;
  return Allocate(b->slot_size);
}

CellAllocator::Block* CellAllocator::NewBlock(size_t slot_size) {
  void* mem;
  if (!cache_.empty()) {
    mem = cache_.back();
    cache_.pop_back();
  } else {
    if (reserve_next_ == reserve_end_) {
      // Map one block more than the region and trim it to kBlockSize-aligned
      // blocks, so that a cell's block is its address rounded down.
      constexpr size_t kRegion = kReserveBlocks * kBlockSize;
      void* raw = mmap(nullptr, kRegion + kBlockSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (raw == MAP_FAILED) throw std::bad_alloc();
      auto start = reinterpret_cast<uintptr_t>(raw);
      uintptr_t aligned = (start + kBlockSize - 1) & ~(kBlockSize - 1);
      if (aligned > start) munmap(raw, aligned - start);
      if (uintptr_t tail = start + kRegion + kBlockSize - (aligned + kRegion)) {
        munmap(reinterpret_cast<void*>(aligned + kRegion), tail);
      }
      reserve_next_ = reinterpret_cast<char*>(aligned);
      reserve_end_ = reserve_next_ + kRegion;
    }
    mem = reserve_next_;
    reserve_next_ += kBlockSize;
  }
  Unpoison(mem, kHeaderBytes);
  auto* b = new (mem) Block{};
  b->slot_size = slot_size;
  b->bump = b->slots();
  b->end = b->slots() + (kBlockSize - kHeaderBytes) / slot_size * slot_size;
  Poison(b->slots(), kBlockSize - kHeaderBytes);
  ++block_count_;
  return b;
}

void CellAllocator::ReleaseBlock(Block* b) {
  --block_count_;
  cache_.push_back(b);
}

void CellAllocator::TrimCache(size_t keep_bytes) {
  while (cache_.size() * kBlockSize > keep_bytes) {
    Block* b = cache_.back();
    cache_.pop_back();
    Unpoison(b, kBlockSize);
    munmap(b, kBlockSize);
  }
}

void* CellAllocator::AllocateLarge(size_t bytes) {
  void* mem = std::malloc(sizeof(LargeHeader) + bytes);
  if (!mem) throw std::bad_alloc();
  static_cast<LargeHeader*>(mem)->bytes = bytes;
  large_bytes_ += bytes;
  return static_cast<LargeHeader*>(mem) + 1;
}

void CellAllocator::FreeLarge(Cell* cell) {
  cell->~Cell();
  LargeHeader* h = reinterpret_cast<LargeHeader*>(cell) - 1;
  large_bytes_ -= h->bytes;
  std::free(h);
}

}  // namespace jsvm
