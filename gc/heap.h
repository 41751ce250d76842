// The garbage-collected heap: allocation, the growth policy that decides when
// to collect, root sections, and statistics. The collector is a precise,
// non-moving mark-sweep (Heap::Mark and Heap::Sweep in heap.cc; the cells'
// blocks and free lists are cell-allocator.{h,cc}): a cell's address never
// changes, so a C++ pointer stays valid as long as something the collector
// sees keeps the cell alive (a root section, or a handle; see
// vm/execution/handles.h).
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "gc/cell-allocator.h"
#include "gc/cell.h"
#include "gc/external-memory.h"

namespace jsvm {

struct HeapOptions {
  size_t max_heap_bytes = 0;             // 0: unlimited
  size_t initial_threshold = 1u << 20;   // first collection after this many bytes, and the least threshold
  // The next collection comes when the heap reaches live * factor; the factor
  // falls from growth_factor for small heaps to large_heap_growth_factor for
  // heaps of large_heap_bytes and more (as V8's heap growing does), so the
  // peak stays near the live size where memory matters most.
  double growth_factor = 2.0;
  double large_heap_growth_factor = 1.5;
  size_t large_heap_bytes = 64u << 20;
  bool stress = false;                   // collect before every allocation
  bool trace = false;                    // print one line per collection (--trace-gc)
#ifdef NDEBUG
  bool verify = false;                   // check every edge after marking (heap-verifier.cc)
#else
  bool verify = true;
#endif
};

struct HeapStats {
  uint64_t collections = 0;
  double total_pause_ms = 0;
  double max_pause_ms = 0;
  size_t peak_heap_bytes = 0;
  size_t live_bytes = 0;       // after the last collection, external memory included
  size_t external_bytes = 0;   // memory cells own outside the heap now (gc/external-memory.h)
  size_t peak_external_bytes = 0;
  size_t live_objects = 0;
  std::array<size_t, static_cast<size_t>(CellKind::kCount)> live_bytes_by_kind{};
  std::array<size_t, static_cast<size_t>(CellKind::kCount)> live_objects_by_kind{};
};

// One finished collection, as an observer sees it.
struct CollectionRecord {
  const char* reason = "";
  size_t before_bytes = 0;    // heap bytes when it started
  size_t after_bytes = 0;     // live bytes after the sweep (the new heap size)
  size_t live_objects = 0;
  size_t freed_objects = 0;
  size_t freed_bytes = 0;
  double pause_ms = 0;
  size_t weak_cleared = 0;       // weak references cleared (WeakMap/WeakSet entries, WeakRefs)
  size_t finalizers_queued = 0;  // FinalizationRegistry cleanups queued as host tasks
};

// Watches allocation and collection (the execution tracer, the leak report's
// allocation sites). Calls are made from inside allocation and sweeping: an
// observer must not allocate on the heap it observes, nor touch a freed cell
// after OnFree returns. Every method does nothing unless overridden.
class HeapObserver {
 public:
  virtual ~HeapObserver() = default;
  // A cell was allocated and constructed (not yet stored anywhere).
  virtual void OnAllocate(Cell* /*cell*/, size_t /*bytes*/) {}
  // A collection is starting; `heap_bytes` is the heap size now.
  virtual void OnCollectStart(const char* /*reason*/, size_t /*heap_bytes*/) {}
  // The sweep is about to destroy `cell`.
  virtual void OnFree(Cell* /*cell*/) {}
  // The collection finished.
  virtual void OnCollectEnd(const CollectionRecord& /*record*/) {}
};

class Heap;

// Keeps the heap from collecting during a scope.
class NoGcScope {
 public:
  explicit NoGcScope(Heap& heap);
  ~NoGcScope();
  NoGcScope(const NoGcScope&) = delete;
  NoGcScope& operator=(const NoGcScope&) = delete;

 private:
  Heap& heap_;
};

class Heap {
 public:
  using RootFn = std::function<void(Visitor&)>;

  explicit Heap(HeapOptions options = {});
  ~Heap();
  Heap(const Heap&) = delete;
  Heap& operator=(const Heap&) = delete;

  // Allocates a T (a Cell subclass) with `extra` bytes of inline storage
  // after it. May collect first; the new cell is not rooted: store it
  // somewhere the collector sees before the next allocation.
  template <class T, class... Args>
  T* NewWithExtra(size_t extra, Args&&... args) {
    void* mem = AllocateRaw(sizeof(T) + extra);
    T* cell;
    {
      // The slot is neither free nor a cell until Register: nothing may
      // sweep while the constructor runs.
      NoGcScope no_gc(*this);
      cell = new (mem) T(std::forward<Args>(args)...);
    }
    Register(cell, sizeof(T) + extra);
    return cell;
  }
  template <class T, class... Args>
  T* New(Args&&... args) { return NewWithExtra<T>(0, std::forward<Args>(args)...); }

  // Named root sections ("(Stack roots)", "(Global handles)", ...). The
  // function reports every root as an edge. Returns the section's index.
  size_t AddRootSection(std::string name, RootFn fn);
  size_t root_section_count() const { return roots_.size(); }
  const std::string& root_section_name(size_t i) const { return roots_[i].name; }
  void TraceRootSection(size_t i, Visitor& v) const { roots_[i].fn(v); }

  // Called after marking and before sweeping, to clear weak references
  // (e.g. the string intern table) to cells that are about to die, or to look
  // at the garbage before it goes. Returns a handle for RemoveWeakCallback.
  size_t AddWeakCallback(std::function<void()> fn) {
    weak_callbacks_.push_back(std::move(fn));
    return weak_callbacks_.size() - 1;
  }
  // Unregisters a callback (its owner is going away before the heap).
  void RemoveWeakCallback(size_t handle) { weak_callbacks_[handle] = nullptr; }

  bool IsMarked(const Cell* c) const { return c->marked_; }

  // Told by a weak callback how many weak references it cleared and how
  // many finalizers it queued in this collection (--trace-gc and the
  // collection record report them).
  void NoteWeakCleared(size_t n) { weak_cleared_ += n; }
  void NoteFinalizersQueued(size_t n) { finalizers_queued_ += n; }

  // Memory a cell owns outside the heap grew or shrank by `bytes`
  // (gc/external-memory.h reports every such buffer here). It counts toward
  // the growth policy and the heap limit at once: when it takes the heap past
  // its threshold or limit, a collection is requested for the next safe point
  // (the next allocation, or CollectIfRequested). Never collects.
  void NoteExternalAllocation(ptrdiff_t bytes);

  // Whether external memory asked for a collection that has not run yet.
  // The interpreter polls it where it may collect (loop back edges).
  const bool* collection_requested() const { return &collection_requested_; }
  // A safe point: runs the collection external memory asked for, then
  // enforces the heap limit (which may end the process; see
  // SetOutOfMemoryHandler).
  void CollectIfRequested();

  // Checks that every edge from a live cell leads to a live cell of this
  // heap; aborts with a message otherwise. Valid between Mark and Sweep.
  void Verify() const;

  // A full mark-sweep now. `reason` appears in --trace-gc output.
  void Collect(const char* reason);

  // Called when the heap is over max_heap_bytes after a full collection. It
  // must not return (the VM prints a fatal error and exits).
  void SetOutOfMemoryHandler(std::function<void(size_t limit_bytes)> fn) { oom_ = std::move(fn); }

  // While > 0, allocation never collects (used while a structure is half built).
  void EnterNoGc() { ++no_gc_depth_; }
  void LeaveNoGc() { --no_gc_depth_; }

  // Adds / removes an observer of allocations and collections (several may
  // watch at once: a tracer and the leak report). Costs one predictable
  // branch per allocation when there is none.
  void AddObserver(HeapObserver* observer) { observers_.push_back(observer); }
  void RemoveObserver(HeapObserver* observer) { std::erase(observers_, observer); }

  // Visits every cell on the heap (live or not yet swept).
  template <class F>
  void ForEachCell(F&& f) const {
    allocator_.ForEach(f);
  }

  size_t heap_bytes() const { return heap_bytes_; }
  // Bytes of memory holding cells (blocks and large chunks), as the OS sees them.
  size_t committed_bytes() const { return allocator_.committed_bytes(); }
  size_t cell_count() const { return cell_count_; }
  const HeapStats& stats() const { return stats_; }
  const HeapOptions& options() const { return options_; }
  void set_stress(bool on) { options_.stress = on; }

 private:
  struct RootSection {
    std::string name;
    RootFn fn;
  };

  void* AllocateRaw(size_t bytes);
  void Register(Cell* cell, size_t bytes);
  void Mark();
  // Frees unmarked cells; returns how many and their bytes.
  void Sweep(size_t* freed_objects, size_t* freed_bytes);
  void CheckLimit(size_t incoming);
  // The threshold for the next collection, given the live bytes after this one.
  size_t NextThreshold(size_t live) const;

  // Makes this heap the one external memory on this thread is charged to
  // while it lives. Declared first, so it is destroyed last: the cells the
  // allocator destroys at teardown find no heap to report to.
  class CurrentHeapScope {
   public:
    explicit CurrentHeapScope(Heap* heap) : previous_(external_memory::CurrentHeap()) {
      external_memory::SetCurrentHeap(heap);
    }
    ~CurrentHeapScope() { external_memory::SetCurrentHeap(previous_); }
    CurrentHeapScope(const CurrentHeapScope&) = delete;
    CurrentHeapScope& operator=(const CurrentHeapScope&) = delete;

   private:
    Heap* previous_;
  };
  CurrentHeapScope current_scope_;
  HeapOptions options_;
  std::vector<RootSection> roots_;
  std::vector<std::function<void()>> weak_callbacks_;
  std::function<void(size_t)> oom_;
  std::vector<HeapObserver*> observers_;
  CellAllocator allocator_;
  size_t cell_count_ = 0;
  size_t heap_bytes_ = 0;   // cells + external storage
  size_t threshold_;        // collect when heap_bytes_ exceeds this
  int no_gc_depth_ = 0;
  bool collecting_ = false;
  bool collection_requested_ = false;
  size_t weak_cleared_ = 0;       // in the collection under way
  size_t finalizers_queued_ = 0;
  HeapStats stats_;
  std::chrono::steady_clock::time_point start_;
};

inline NoGcScope::NoGcScope(Heap& heap) : heap_(heap) { heap_.EnterNoGc(); }
inline NoGcScope::~NoGcScope() { heap_.LeaveNoGc(); }

}  // namespace jsvm
