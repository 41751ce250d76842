// The heap verifier: after marking, every reference from a live cell must
// point at a cell this heap allocated, that is live too (a rooting bug shows
// up here as an edge to a dead or foreign cell). On in debug builds and
// under --gc-stress in any build (HeapOptions::verify).
#include <cstdio>
#include <cstdlib>
#include <unordered_set>

#include "gc/heap.h"

namespace jsvm {

namespace {

class VerifyingVisitor final : public Visitor {
 public:
  VerifyingVisitor(const Heap& heap, const std::unordered_set<const Cell*>& cells) : heap_(heap), cells_(cells) {}
  void Edge(Cell* target, EdgeType type, EdgeName) override {
    if (!cells_.count(target)) Fail("an edge to a cell that is not on the heap", target);
    if (type != EdgeType::kWeak && !heap_.IsMarked(target)) Fail("a strong edge to a dead cell", target);
    if (static_cast<size_t>(target->kind()) >= static_cast<size_t>(CellKind::kCount)) {
      Fail("a cell with an invalid kind", target);
    }
  }
  // A dead key's value may be dead too: its entry goes with the weak callbacks.
  void Ephemeron(Cell* key, Cell* value, EdgeName name) override {
    if (heap_.IsMarked(key)) Edge(value, EdgeType::kHidden, name);
  }
  const Cell* from = nullptr;

 private:
  [[noreturn]] void Fail(const char* what, const Cell* target) {
    std::fprintf(stderr, "heap verification failed: %s (%p, from %s cell %p)\n", what,
                 static_cast<const void*>(target), from ? CellKindName(from->kind()) : "a root",
                 static_cast<const void*>(from));
    std::abort();
  }
  const Heap& heap_;
  const std::unordered_set<const Cell*>& cells_;
};

}  // namespace

void Heap::Verify() const {
  std::unordered_set<const Cell*> cells;
  cells.reserve(cell_count_);
  ForEachCell([&](const Cell* c) { cells.insert(c); });
  VerifyingVisitor visitor(*this, cells);
  for (const RootSection& section : roots_) section.fn(visitor);
  ForEachCell([&](const Cell* c) {
    if (!c->marked_) return;
    visitor.from = c;
    c->Trace(visitor);
  });
}

}  // namespace jsvm
