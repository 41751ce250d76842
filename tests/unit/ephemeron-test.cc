// Ephemerons in the collector (gc/heap.cc, Visitor::Ephemeron) on tiny
// hand-made heaps: a value is marked only once its key is marked by
// something else, to a fixpoint; the verifier and heap snapshots see the
// entries as V8 shows them (the key weak, the value a hidden edge).
#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "gc/heap-graph.h"
#include "gc/heap.h"

namespace jsvm {
namespace {

// A cell with strong edges and ephemeron entries (key -> value).
class Node final : public Cell {
 public:
  explicit Node(bool* freed) : Cell(CellKind::kObject), freed_(freed) {}
  ~Node() override {
    if (freed_) *freed_ = true;
  }
  void Ref(Node* to) { refs_.push_back(to); }
  void Entry(Node* key, Node* value) { entries_.emplace_back(key, value); }
  void Trace(Visitor& v) const override {
    for (Node* to : refs_) v.Edge(to, EdgeType::kProperty, EdgeName::Str("ref"));
    for (uint32_t i = 0; i < entries_.size(); ++i) {
      v.Edge(entries_[i].first, EdgeType::kWeak, EdgeName::Index(2 * i));
      v.Ephemeron(entries_[i].first, entries_[i].second, EdgeName::Index(2 * i + 1));
    }
  }
  size_t OwnedBytes() const override { return sizeof(Node); }

 private:
  bool* freed_;
  std::vector<Node*> refs_;
  std::vector<std::pair<Node*, Node*>> entries_;
};

struct EphemeronHeap {
  Heap heap;
  std::vector<Node*> roots;
  EphemeronHeap() : heap(Verified()) {
    heap.AddRootSection("(Test roots)", [this](Visitor& v) {
      for (Node* c : roots) v.Edge(c, EdgeType::kHidden, EdgeName::Index(0));
    });
  }
  static HeapOptions Verified() {
    HeapOptions o;
    o.verify = true;  // a dead value of a dead key must not trip the verifier
    return o;
  }
  Node* New(bool* freed = nullptr) { return heap.New<Node>(freed); }
};

TEST(EphemeronTest, AKeyKeptAliveOnlyByItsOwnValueIsCollected) {
  bool key_freed = false, value_freed = false;
  EphemeronHeap h;
  {
    NoGcScope no_gc(h.heap);
    Node* table = h.New();
    Node* key = h.New(&key_freed);
    Node* value = h.New(&value_freed);
    value->Ref(key);  // key -> value -> key
    table->Entry(key, value);
    h.roots.push_back(table);
  }
  h.heap.Collect("test");
  EXPECT_TRUE(key_freed);
  EXPECT_TRUE(value_freed);
}

TEST(EphemeronTest, AValueLivesWhileItsKeyIsReachable) {
  bool value_freed = false;
  EphemeronHeap h;
  {
    NoGcScope no_gc(h.heap);
    Node* table = h.New();
    Node* key = h.New();
    Node* value = h.New(&value_freed);
    table->Entry(key, value);
    h.roots.push_back(table);
    h.roots.push_back(key);
  }
  h.heap.Collect("test");
  EXPECT_FALSE(value_freed);
}

TEST(EphemeronTest, MarkingIteratesToAFixpoint) {
  // Entries listed so that each key is marked only by the value of an entry
  // seen after it: k1 (rooted) -> v1 -> k2 -> v2 -> k3 -> v3, in the table
  // as (k3, v3), (k2, v2), (k1, v1). A second table's entry is keyed by v3.
  bool v3_freed = false, other_freed = false, dead_freed = false;
  EphemeronHeap h;
  {
    NoGcScope no_gc(h.heap);
    Node* table = h.New();
    Node* table2 = h.New();
    Node *k1 = h.New(), *k2 = h.New(), *k3 = h.New();
    Node *v1 = h.New(), *v2 = h.New(), *v3 = h.New(&v3_freed);
    Node* other = h.New(&other_freed);
    Node* dead_key = h.New();
    Node* dead_value = h.New(&dead_freed);
    v1->Ref(k2);
    v2->Ref(k3);
    table->Entry(k3, v3);
    table->Entry(k2, v2);
    table->Entry(k1, v1);
    table->Entry(dead_key, dead_value);
    table2->Entry(v3, other);
    h.roots = {table2, table, k1};
  }
  h.heap.Collect("test");
  EXPECT_FALSE(v3_freed);
  EXPECT_FALSE(other_freed);
  EXPECT_TRUE(dead_freed);
}

TEST(EphemeronTest, SnapshotsShowTheKeyWeakAndTheValueHidden) {
  EphemeronHeap h;
  Node *table, *key, *value;
  {
    NoGcScope no_gc(h.heap);
    table = h.New();
    key = h.New();
    value = h.New();
    table->Entry(key, value);
    h.roots = {table, key};
  }
  HeapGraph g = HeapGraph::Build(h.heap, {});
  uint32_t t = g.NodeOf(table);
  ASSERT_NE(t, HeapGraph::kNone);
  ASSERT_EQ(g.nodes()[t].edge_count, 2u);
  const auto& weak = g.edges()[g.nodes()[t].first_edge];
  const auto& hidden = g.edges()[g.nodes()[t].first_edge + 1];
  EXPECT_EQ(weak.type, EdgeType::kWeak);
  EXPECT_EQ(weak.to, g.NodeOf(key));
  EXPECT_EQ(hidden.type, EdgeType::kHidden);
  EXPECT_EQ(hidden.to, g.NodeOf(value));
}

}  // namespace
}  // namespace jsvm
