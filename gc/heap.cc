#include "gc/heap.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace jsvm {

const char* CellKindName(CellKind kind) {
  static const char* const kNames[] = {
#define CELL_KIND(name, text) text,
#include "gc/cell-kinds.def"
#undef CELL_KIND
  };
  auto i = static_cast<size_t>(kind);
  return i < static_cast<size_t>(CellKind::kCount) ? kNames[i] : "?";
}

Heap::Heap(HeapOptions options)
    : current_scope_(this), options_(options), threshold_(options.initial_threshold),
      start_(std::chrono::steady_clock::now()) {}

Heap::~Heap() {
  // The allocator destroys the cells next; what they free is not counted.
  if (external_memory::CurrentHeap() == this) external_memory::SetCurrentHeap(nullptr);
}

size_t Heap::AddRootSection(std::string name, RootFn fn) {
  roots_.push_back({std::move(name), std::move(fn)});
  return roots_.size() - 1;
}

void* Heap::AllocateRaw(size_t bytes) {
  if (no_gc_depth_ == 0 && !collecting_ &&
      (options_.stress || heap_bytes_ + bytes > threshold_)) {
    Collect(options_.stress ? "stress" : collection_requested_ ? "external memory" : "allocation failure");
  }
  CheckLimit(bytes);
  return allocator_.Allocate(bytes);
}

void Heap::Register(Cell* cell, size_t bytes) {
  allocator_.Commit(cell, bytes);
  ++cell_count_;
  heap_bytes_ += bytes;
  if (heap_bytes_ > stats_.peak_heap_bytes) stats_.peak_heap_bytes = heap_bytes_;
  for (HeapObserver* o : observers_) o->OnAllocate(cell, bytes);
}

namespace {
// x + delta, never below zero.
size_t AddClamped(size_t x, ptrdiff_t delta) {
  return delta < 0 && static_cast<size_t>(-delta) > x ? 0 : x + delta;
}
}  // namespace

void Heap::NoteExternalAllocation(ptrdiff_t bytes) {
  heap_bytes_ = AddClamped(heap_bytes_, bytes);
  stats_.external_bytes = AddClamped(stats_.external_bytes, bytes);
  if (bytes <= 0 || collecting_) return;
  if (heap_bytes_ > stats_.peak_heap_bytes) stats_.peak_heap_bytes = heap_bytes_;
  if (stats_.external_bytes > stats_.peak_external_bytes) stats_.peak_external_bytes = stats_.external_bytes;
  if (heap_bytes_ > threshold_ || (options_.max_heap_bytes != 0 && heap_bytes_ > options_.max_heap_bytes)) {
    collection_requested_ = true;
  }
}

void Heap::CollectIfRequested() {
  if (!collection_requested_ || no_gc_depth_ != 0 || collecting_) return;
  collection_requested_ = false;
  if (heap_bytes_ > threshold_) Collect("external memory");
  CheckLimit(0);
}

void Heap::CheckLimit(size_t incoming) {
  if (options_.max_heap_bytes == 0 || heap_bytes_ + incoming <= options_.max_heap_bytes) return;
  if (no_gc_depth_ == 0 && !collecting_) Collect("heap limit");
  if (heap_bytes_ + incoming > options_.max_heap_bytes) {
    if (oom_) oom_(options_.max_heap_bytes);
    std::fprintf(stderr, "FatalError: JavaScript heap out of memory (limit %zu MB)\n",
                 options_.max_heap_bytes >> 20);
    std::fflush(nullptr);
    std::_Exit(134);
  }
}

namespace {

// Marks with an explicit stack, so deep structures cannot overflow the C++ stack.
class MarkingVisitor final : public Visitor {
 public:
  MarkingVisitor(const Heap& heap, std::vector<Cell*>& stack) : heap_(heap), stack_(stack) {}
  void Edge(Cell* target, EdgeType type, EdgeName) override {
    // Most edges lead to cells marked already (names, prototypes): skip them
    // here rather than push and pop them.
    if (type == EdgeType::kWeak || heap_.IsMarked(target)) return;
    stack_.push_back(target);
  }
  void Ephemeron(Cell* key, Cell* value, EdgeName name) override {
    if (heap_.IsMarked(value)) return;
    if (heap_.IsMarked(key)) {
      Edge(value, EdgeType::kHidden, name);
    } else {
      pending_.emplace_back(key, value);
    }
  }
  // The ephemerons whose keys were not marked when they were seen.
  std::vector<std::pair<Cell*, Cell*>>& pending() { return pending_; }

 private:
  const Heap& heap_;
  std::vector<Cell*>& stack_;
  std::vector<std::pair<Cell*, Cell*>> pending_;
};

}  // namespace

void Heap::Mark() {
  std::vector<Cell*> stack;
  MarkingVisitor visitor(*this, stack);
  auto drain = [&] {
    while (!stack.empty()) {
      Cell* c = stack.back();
      stack.pop_back();
      if (c->marked_) continue;
      c->marked_ = true;
      c->Trace(visitor);
    }
  };
  for (const RootSection& section : roots_) section.fn(visitor);
  drain();
  // Ephemerons to a fixpoint: a value whose key got marked is marked (and
  // what it reaches, which may mark more keys); the rest stay unmarked.
  std::vector<std::pair<Cell*, Cell*>> waiting;
  for (;;) {
    waiting.clear();
    waiting.swap(visitor.pending());
    bool progress = false;
    for (auto [key, value] : waiting) {
      if (value->marked_) continue;
      if (key->marked_) {
        stack.push_back(value);
        progress = true;
      } else {
        visitor.pending().emplace_back(key, value);
      }
    }
    if (!progress) break;
    drain();
  }
  visitor.pending().clear();
}

void Heap::Sweep(size_t* freed_objects, size_t* freed_bytes_out) {
  stats_.live_bytes_by_kind.fill(0);
  stats_.live_objects_by_kind.fill(0);
  size_t live_objects = 0;
  size_t freed_bytes = 0;
  size_t freed = 0;
  allocator_.Sweep(
      [&](Cell* c) {
        if (!c->marked_) return false;
        c->marked_ = false;
        ++live_objects;
        auto k = static_cast<size_t>(c->kind());
        stats_.live_objects_by_kind[k]++;
        stats_.live_bytes_by_kind[k] += c->OwnedBytes();
        return true;
      },
      [&](Cell* c) {
        freed_bytes += c->OwnedBytes();
        ++freed;
        for (HeapObserver* o : observers_) o->OnFree(c);
        --cell_count_;
      });
  heap_bytes_ = freed_bytes > heap_bytes_ ? 0 : heap_bytes_ - freed_bytes;
  stats_.live_objects = live_objects;
  *freed_objects = freed;
  *freed_bytes_out = freed_bytes;
}

size_t Heap::NextThreshold(size_t live) const {
  // Linear from growth_factor at a quarter of large_heap_bytes down to
  // large_heap_growth_factor at large_heap_bytes.
  double small = options_.growth_factor, large = options_.large_heap_growth_factor;
  size_t large_bytes = options_.large_heap_bytes;
  double lo = static_cast<double>(large_bytes) / 4, hi = static_cast<double>(large_bytes);
  double x = static_cast<double>(live);
  double factor = x <= lo ? small : x >= hi ? large : small + (large - small) * (x - lo) / (hi - lo);
  auto next = static_cast<size_t>(x * factor);
  return next < options_.initial_threshold ? options_.initial_threshold : next;
}

void Heap::Collect(const char* reason) {
  if (collecting_) return;
  collecting_ = true;
  collection_requested_ = false;
  auto t0 = std::chrono::steady_clock::now();
  size_t before = heap_bytes_;
  size_t committed_before = threshold_;
  for (HeapObserver* o : observers_) o->OnCollectStart(reason, before);
  weak_cleared_ = finalizers_queued_ = 0;
  Mark();
  if (options_.verify) Verify();
  for (auto& cb : weak_callbacks_) {
    if (cb) cb();
  }
  size_t freed_objects = 0, freed_bytes = 0;
  Sweep(&freed_objects, &freed_bytes);
  // Recount the live heap from the survivors' OwnedBytes(), which include the
  // external memory each owns (the running count may have drifted where a
  // container's allocator rounds sizes its owner only estimates).
  size_t live = 0;
  for (size_t k = 0; k < stats_.live_bytes_by_kind.size(); ++k) live += stats_.live_bytes_by_kind[k];
  heap_bytes_ = live;
  stats_.live_bytes = live;
  auto t1 = std::chrono::steady_clock::now();
  double pause = std::chrono::duration<double, std::milli>(t1 - t0).count();
  stats_.collections++;
  stats_.total_pause_ms += pause;
  if (pause > stats_.max_pause_ms) stats_.max_pause_ms = pause;
  threshold_ = NextThreshold(live);
  // Keep the empty blocks the heap may fill again before the next collection.
  allocator_.TrimCache(threshold_ > live ? threshold_ - live : 0);
  if (options_.trace) {
    double since = std::chrono::duration<double, std::milli>(t1 - start_).count();
    constexpr double kMB = 1024.0 * 1024.0;
    std::string weak;
    if (weak_cleared_ || finalizers_queued_) {
      weak = " weak refs cleared: " + std::to_string(weak_cleared_) +
             ", finalizers queued: " + std::to_string(finalizers_queued_) + ";";
    }
    std::fprintf(stderr, "[%d:%p] %8.0f ms: Mark-Sweep %.1f (%.1f) -> %.1f (%.1f) MB, %.2f / 0.00 ms  %s;%s\n",
                 static_cast<int>(getpid()), static_cast<const void*>(this), since, before / kMB,
                 committed_before / kMB, live / kMB, threshold_ / kMB, pause, reason, weak.c_str());
  }
  if (!observers_.empty()) {
    CollectionRecord record;
    record.reason = reason;
    record.before_bytes = before;
    record.after_bytes = live;
    record.live_objects = stats_.live_objects;
    record.freed_objects = freed_objects;
    record.freed_bytes = freed_bytes;
    record.pause_ms = pause;
    record.weak_cleared = weak_cleared_;
    record.finalizers_queued = finalizers_queued_;
    for (HeapObserver* o : observers_) o->OnCollectEnd(record);
  }
  collecting_ = false;
}

}  // namespace jsvm
