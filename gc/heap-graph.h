// The heap as a graph, the way Chrome DevTools sees it: one node per live
// cell plus synthetic root nodes, and one edge per reference that the cells'
// Trace functions report (typed and named, see visitor.h). The graph is the
// common ground of the heap snapshot writer (heap-snapshot.h) and of the
// analyses that explain why something is alive: dominators and retained
// sizes, and shortest retainer paths.
//
// Layout, as in V8's snapshots:
//   node 0             synthetic ""            (the root)
//     -element 1->       (GC roots)
//     -shortcut NAME->   each user root (the global object), "user roots" to DevTools
//   node 1             synthetic "(GC roots)"
//     -element i+1->     one synthetic node per Heap root section ("(Stack roots)", ...)
//   then every cell reachable from the sections, in breadth-first order.
// Only cells reachable through non-weak edges are nodes; a weak edge is kept
// when its target is a node anyway. Building reads the heap and allocates
// nothing on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gc/heap.h"

namespace jsvm {

// DevTools' node type indexes (meta.node_types[0] of a .heapsnapshot).
enum SnapshotNodeType : uint8_t {
  kSnapshotHidden = 0,
  kSnapshotArray = 1,
  kSnapshotString = 2,
  kSnapshotObject = 3,
  kSnapshotCode = 4,
  kSnapshotClosure = 5,
  kSnapshotNumber = 7,
  kSnapshotSynthetic = 9,
  kSnapshotSymbol = 12,
};

// DevTools' names of the node and edge types, in index order.
extern const char* const kSnapshotNodeTypeNames[16];
extern const char* const kSnapshotEdgeTypeNames[7];

// True for edge types whose name is a number (element, hidden) rather than a string.
inline bool EdgeNameIsIndex(EdgeType t) { return t == EdgeType::kElement || t == EdgeType::kHidden; }

// The text of a string-named edge: the C string, the key cell's text
// (`<symbol DESC>` for a symbol key), or the index in decimal.
std::string EdgeNameText(EdgeName name);

// Object ids that stay the same across the snapshots of one run, so that
// DevTools' comparison view can match objects (V8's HeapObjectsMap). Ids are
// odd, as V8's are; synthetic nodes use 1, 3, 5, ... and cells get ids from
// kFirstCellId up in order of first appearance. Attach() forgets cells the
// collector frees, so a reused address gets a new id.
class SnapshotIds {
 public:
  static constexpr uint32_t kFirstCellId = 1001;

  SnapshotIds() = default;
  ~SnapshotIds();
  SnapshotIds(const SnapshotIds&) = delete;
  SnapshotIds& operator=(const SnapshotIds&) = delete;

  // Registers a weak callback on `heap` that drops the ids of dead cells.
  void Attach(Heap& heap);
  // The id of `cell`, assigning the next one on first use.
  uint32_t IdFor(const Cell* cell);
  // The id of the i-th synthetic node.
  static uint32_t SyntheticId(uint32_t i) { return 2 * i + 1; }

 private:
  std::unordered_map<const Cell*, uint32_t> ids_;
  uint32_t next_ = kFirstCellId;
  Heap* heap_ = nullptr;
  size_t callback_ = 0;
};

class HeapGraph {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  static constexpr uint32_t kRoot = 0;     // the synthetic root node
  static constexpr uint32_t kGcRoots = 1;  // "(GC roots)"

  struct Node {
    const Cell* cell = nullptr;  // nullptr for synthetic nodes
    uint8_t type = kSnapshotSynthetic;
    uint32_t name = 0;           // index into strings()
    uint32_t id = 0;
    size_t self_size = 0;        // Cell::OwnedBytes(); 0 for synthetic nodes
    uint32_t first_edge = 0;     // this node's edges are [first_edge, first_edge + edge_count)
    uint32_t edge_count = 0;
  };
  struct Edge {
    EdgeType type = EdgeType::kInternal;
    uint32_t name_or_index = 0;  // a string index, or a number for element/hidden edges
    uint32_t from = 0;           // node ordinals
    uint32_t to = 0;
  };
  // A cell the root links to with a shortcut edge (DevTools' "user roots",
  // e.g. the global object). A non-empty `name` also names the node.
  struct UserRoot {
    const Cell* cell = nullptr;
    std::string name;
  };
  struct Options {
    std::vector<UserRoot> user_roots;
    SnapshotIds* ids = nullptr;   // stable ids across snapshots; per-graph ids when null
    size_t max_name_bytes = 1024; // node names (string contents) are cut to this many bytes
  };

  // Walks the heap from its root sections (and the user roots).
  static HeapGraph Build(const Heap& heap, const Options& options);

  const std::vector<Node>& nodes() const { return nodes_; }
  const std::vector<Edge>& edges() const { return edges_; }
  const std::vector<std::string>& strings() const { return strings_; }
  const std::string& NameOf(uint32_t node) const { return strings_[nodes_[node].name]; }
  // The edge's name as text (the decimal index for element/hidden edges).
  std::string EdgeName(const Edge& e) const;
  // The node of `cell`, or kNone when the cell is not reachable.
  uint32_t NodeOf(const Cell* cell) const;
  // Number of synthetic root-section nodes (they follow kGcRoots).
  uint32_t section_count() const { return section_count_; }
  // The user root nodes, in the order of Options::user_roots.
  const std::vector<uint32_t>& user_root_nodes() const { return user_root_nodes_; }
  // Sum of self sizes.
  size_t total_size() const;

  // ---- dominators (DevTools' rules: weak edges and shortcuts other than
  // the root's do not retain). Computed on first use.
  // The immediate dominator of `node` (kNone for the root and unreachable nodes).
  uint32_t Dominator(uint32_t node) const;
  // Self size of `node` plus everything it dominates.
  size_t RetainedSize(uint32_t node) const;

  // ---- shortest retainer paths, DevTools' distances: from the user roots
  // first, then from the (GC roots) for what only the system reaches.
  // The edges from the root to `node`, first edge first (empty for the root
  // or an unreachable node).
  std::vector<uint32_t> PathTo(uint32_t node) const;
  // Edges from the root to node (kNone when unreachable).
  uint32_t Distance(uint32_t node) const;

 private:
  friend class HeapGraphBuilder;
  uint32_t Intern(std::string_view s);
  void ComputeDominators() const;
  void ComputePaths() const;

  std::vector<Node> nodes_;
  std::vector<Edge> edges_;
  std::vector<std::string> strings_;
  std::unordered_map<std::string, uint32_t> string_index_;
  std::unordered_map<const Cell*, uint32_t> node_of_;
  std::vector<uint32_t> user_root_nodes_;
  uint32_t section_count_ = 0;

  mutable std::vector<uint32_t> idom_;
  mutable std::vector<size_t> retained_;
  mutable std::vector<uint32_t> parent_edge_;
  mutable std::vector<uint32_t> distance_;
};

// One strongly connected component of garbage: cells that reference each
// other in a cycle, none of them reachable any more.
struct GarbageCycle {
  std::vector<const Cell*> cells;  // every cell of the component
  // One shortest simple cycle through cells[0]: loop[i] references
  // loop[i + 1] (and the last references the first) through an edge of
  // type types[i] named names[i].
  std::vector<const Cell*> loop;
  std::vector<EdgeType> types;
  std::vector<std::string> names;
  size_t bytes = 0;                // OwnedBytes of all cells
};

// Finds the garbage cycles among the cells `include` accepts: strongly
// connected components (Tarjan) of the unmarked cells over non-weak edges,
// with more than one cell or a cell that references itself. Valid between
// marking and sweeping (call it from a weak callback); reads only.
std::vector<GarbageCycle> FindGarbageCycles(const Heap& heap, const std::function<bool(const Cell*)>& include);

}  // namespace jsvm
