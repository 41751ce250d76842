#include "gc/heap-graph.h"

#include <algorithm>
#include <deque>
#include <unordered_set>

namespace jsvm {

const char* const kSnapshotNodeTypeNames[16] = {
    "hidden", "array", "string", "object", "code", "closure", "regexp", "number",
    "native", "synthetic", "concatenated string", "sliced string", "symbol", "bigint",
    "object shape", "wasm object"};
const char* const kSnapshotEdgeTypeNames[7] = {"context", "element", "property", "internal",
                                               "hidden", "shortcut", "weak"};

std::string EdgeNameText(EdgeName name) {
  if (name.cstr) return name.cstr;
  if (name.cell) {
    if (name.cell->SnapshotType() == kSnapshotString) return name.cell->SnapshotName();
    return "<symbol " + name.cell->SnapshotName() + ">";
  }
  return std::to_string(name.index);
}

// ---------------------------------------------------------------- SnapshotIds

SnapshotIds::~SnapshotIds() {
  if (heap_) heap_->RemoveWeakCallback(callback_);
}

void SnapshotIds::Attach(Heap& heap) {
  if (heap_) return;
  heap_ = &heap;
  callback_ = heap.AddWeakCallback([this] {
    for (auto it = ids_.begin(); it != ids_.end();) {
      if (!heap_->IsMarked(it->first)) {
        it = ids_.erase(it);
      } else {
        ++it;
      }
    }
  });
}

uint32_t SnapshotIds::IdFor(const Cell* cell) {
  auto [it, inserted] = ids_.emplace(cell, next_);
  if (inserted) next_ += 2;
  return it->second;
}

// ---------------------------------------------------------------- building

namespace {

// Cuts s to at most `max` bytes without splitting a UTF-8 sequence.
std::string CutUtf8(std::string s, size_t max) {
  if (s.size() <= max) return s;
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  s.resize(n);
  return s;
}

}  // namespace

// Breadth-first: a node's ordinal is its discovery order and nodes are
// expanded in ordinal order, so each node's edges are appended contiguously.
class HeapGraphBuilder final : public Visitor {
 public:
  HeapGraphBuilder(HeapGraph& g, SnapshotIds& ids, size_t max_name) : g_(g), ids_(ids), max_name_(max_name) {}

  bool WantsNames() const override { return true; }

  void Edge(Cell* target, EdgeType type, EdgeName name) override {
    HeapGraph::Edge e;
    e.type = type;
    e.from = from_;
    if (EdgeNameIsIndex(type)) {
      // Element and hidden edges are numbered; a hidden edge given a name is
      // numbered by its position among its node's edges, as V8 does.
      e.name_or_index = name.cstr || name.cell ? position_ : name.index;
    } else {
      e.name_or_index = g_.Intern(EdgeNameText(name));
    }
    ++position_;
    if (type == EdgeType::kWeak) {
      auto it = g_.node_of_.find(target);
      if (it == g_.node_of_.end()) {
        // Kept only if something else makes the target a node.
        e.to = HeapGraph::kNone;
        pending_weak_.emplace(g_.edges_.size(), target);
      } else {
        e.to = it->second;
      }
    } else {
      e.to = NodeFor(target);
    }
    g_.edges_.push_back(e);
  }

  uint32_t NodeFor(const Cell* cell, const std::string* name = nullptr) {
    auto it = g_.node_of_.find(cell);
    if (it != g_.node_of_.end()) return it->second;
    HeapGraph::Node n;
    n.cell = cell;
    n.type = cell->SnapshotType();
    n.name = g_.Intern(name && !name->empty() ? *name : CutUtf8(cell->SnapshotName(), max_name_));
    n.id = ids_.IdFor(cell);
    n.self_size = cell->OwnedBytes();
    uint32_t ordinal = static_cast<uint32_t>(g_.nodes_.size());
    g_.nodes_.push_back(n);
    g_.node_of_.emplace(cell, ordinal);
    return ordinal;
  }

  uint32_t Synthetic(const std::string& name) {
    HeapGraph::Node n;
    n.type = kSnapshotSynthetic;
    n.name = g_.Intern(name);
    n.id = SnapshotIds::SyntheticId(static_cast<uint32_t>(g_.nodes_.size()));
    g_.nodes_.push_back(n);
    return static_cast<uint32_t>(g_.nodes_.size() - 1);
  }

  void Begin(uint32_t node) {
    from_ = node;
    position_ = 0;
    g_.nodes_[node].first_edge = static_cast<uint32_t>(g_.edges_.size());
  }
  void End(uint32_t node) {
    g_.nodes_[node].edge_count = static_cast<uint32_t>(g_.edges_.size()) - g_.nodes_[node].first_edge;
  }
  void AddSyntheticEdge(EdgeType type, uint32_t name_or_index, uint32_t to) {
    HeapGraph::Edge e;
    e.type = type;
    e.name_or_index = name_or_index;
    e.from = from_;
    e.to = to;
    g_.edges_.push_back(e);
    ++position_;
  }

  // Resolves the weak edges whose targets became nodes later; drops the rest.
  void FinishWeakEdges() {
    if (pending_weak_.empty()) return;
    for (auto& [index, cell] : pending_weak_) {
      auto it = g_.node_of_.find(cell);
      if (it != g_.node_of_.end()) g_.edges_[index].to = it->second;
    }
    std::vector<HeapGraph::Edge> kept;
    kept.reserve(g_.edges_.size());
    for (HeapGraph::Node& n : g_.nodes_) {
      uint32_t first = static_cast<uint32_t>(kept.size());
      for (uint32_t i = n.first_edge; i < n.first_edge + n.edge_count; ++i) {
        if (g_.edges_[i].to != HeapGraph::kNone) kept.push_back(g_.edges_[i]);
      }
      n.first_edge = first;
      n.edge_count = static_cast<uint32_t>(kept.size()) - first;
    }
    g_.edges_ = std::move(kept);
  }

 private:
  HeapGraph& g_;
  SnapshotIds& ids_;
  size_t max_name_;
  uint32_t from_ = 0;
  uint32_t position_ = 0;
  std::unordered_map<size_t, const Cell*> pending_weak_;
};

HeapGraph HeapGraph::Build(const Heap& heap, const Options& options) {
  HeapGraph g;
  g.strings_.push_back("<dummy>");
  g.string_index_.emplace("<dummy>", 0);
  SnapshotIds local_ids;
  SnapshotIds& ids = options.ids ? *options.ids : local_ids;
  HeapGraphBuilder b(g, ids, options.max_name_bytes);

  uint32_t root = b.Synthetic("");
  uint32_t gc_roots = b.Synthetic("(GC roots)");
  g.section_count_ = static_cast<uint32_t>(heap.root_section_count());
  for (size_t i = 0; i < heap.root_section_count(); ++i) b.Synthetic(heap.root_section_name(i));

  b.Begin(root);
  b.AddSyntheticEdge(EdgeType::kElement, 1, gc_roots);
  for (const UserRoot& r : options.user_roots) {
    if (!r.cell) continue;
    uint32_t n = b.NodeFor(r.cell, &r.name);
    g.user_root_nodes_.push_back(n);
    std::string label = r.name.empty() ? std::to_string(g.user_root_nodes_.size()) : r.name;
    b.AddSyntheticEdge(EdgeType::kShortcut, g.Intern(label), n);
  }
  b.End(root);

  b.Begin(gc_roots);
  for (uint32_t i = 0; i < g.section_count_; ++i) b.AddSyntheticEdge(EdgeType::kElement, i + 1, gc_roots + 1 + i);
  b.End(gc_roots);

  for (uint32_t i = 0; i < g.section_count_; ++i) {
    uint32_t node = gc_roots + 1 + i;
    b.Begin(node);
    heap.TraceRootSection(i, b);
    b.End(node);
  }
  // Cells, in discovery order; nodes_ grows while this runs.
  for (uint32_t node = gc_roots + 1 + g.section_count_; node < g.nodes_.size(); ++node) {
    b.Begin(node);
    g.nodes_[node].cell->Trace(b);
    b.End(node);
  }
  b.FinishWeakEdges();
  return g;
}

uint32_t HeapGraph::Intern(std::string_view s) {
  auto it = string_index_.find(std::string(s));
  if (it != string_index_.end()) return it->second;
  uint32_t index = static_cast<uint32_t>(strings_.size());
  strings_.emplace_back(s);
  string_index_.emplace(strings_.back(), index);
  return index;
}

std::string HeapGraph::EdgeName(const Edge& e) const {
  return EdgeNameIsIndex(e.type) ? std::to_string(e.name_or_index) : strings_[e.name_or_index];
}

uint32_t HeapGraph::NodeOf(const Cell* cell) const {
  auto it = node_of_.find(cell);
  return it == node_of_.end() ? kNone : it->second;
}

size_t HeapGraph::total_size() const {
  size_t total = 0;
  for (const Node& n : nodes_) total += n.self_size;
  return total;
}

// ---------------------------------------------------------------- dominators

namespace {

// Whether an edge retains its target for dominators and retained sizes
// (DevTools: weak edges never do; shortcuts only from the root).
bool Retains(const HeapGraph::Edge& e) {
  if (e.type == EdgeType::kWeak) return false;
  if (e.type == EdgeType::kShortcut && e.from != HeapGraph::kRoot) return false;
  return true;
}

}  // namespace

// Cooper, Harvey and Kennedy's iterative algorithm ("A Simple, Fast
// Dominance Algorithm") over a reverse postorder from the root.
void HeapGraph::ComputeDominators() const {
  if (!idom_.empty()) return;
  size_t n = nodes_.size();
  // Reverse postorder by an explicit-stack DFS.
  std::vector<uint32_t> order;  // postorder
  order.reserve(n);
  std::vector<uint8_t> state(n, 0);  // 0 new, 1 on stack, 2 done
  std::vector<std::pair<uint32_t, uint32_t>> stack;  // node, next edge
  stack.push_back({kRoot, nodes_[kRoot].first_edge});
  state[kRoot] = 1;
  while (!stack.empty()) {
    auto& [node, next] = stack.back();
    const Node& nd = nodes_[node];
    if (next < nd.first_edge + nd.edge_count) {
      const Edge& e = edges_[next++];
      if (Retains(e) && state[e.to] == 0) {
        state[e.to] = 1;
        stack.push_back({e.to, nodes_[e.to].first_edge});
      }
      continue;
    }
    state[node] = 2;
    order.push_back(node);
    stack.pop_back();
  }
  std::vector<uint32_t> rpo_index(n, kNone);
  for (size_t i = 0; i < order.size(); ++i) rpo_index[order[i]] = static_cast<uint32_t>(order.size() - 1 - i);
  // Predecessors over retaining edges.
  std::vector<uint32_t> pred_start(n + 1, 0);
  for (const Edge& e : edges_) {
    if (Retains(e)) pred_start[e.to + 1]++;
  }
  for (size_t i = 0; i < n; ++i) pred_start[i + 1] += pred_start[i];
  std::vector<uint32_t> preds(pred_start[n]);
  std::vector<uint32_t> fill(pred_start.begin(), pred_start.end() - 1);
  for (const Edge& e : edges_) {
    if (Retains(e)) preds[fill[e.to]++] = e.from;
  }
  std::vector<uint32_t> idom(n, kNone);
  idom[kRoot] = kRoot;
  auto intersect = [&](uint32_t a, uint32_t b) {
    while (a != b) {
      while (rpo_index[a] > rpo_index[b]) a = idom[a];
      while (rpo_index[b] > rpo_index[a]) b = idom[b];
    }
    return a;
  };
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = order.size(); i-- > 0;) {  // reverse postorder
      uint32_t b = order[i];
      if (b == kRoot) continue;
      uint32_t new_idom = kNone;
      for (uint32_t k = pred_start[b]; k < pred_start[b + 1]; ++k) {
        uint32_t p = preds[k];
        if (idom[p] == kNone || rpo_index[p] == kNone) continue;
        new_idom = new_idom == kNone ? p : intersect(p, new_idom);
      }
      if (new_idom != idom[b]) {
        idom[b] = new_idom;
        changed = true;
      }
    }
  }
  idom[kRoot] = kNone;
  retained_.assign(n, 0);
  for (size_t i = 0; i < n; ++i) retained_[i] = nodes_[i].self_size;
  // Postorder visits a node after everything it dominates.
  for (uint32_t node : order) {
    if (idom[node] != kNone) retained_[idom[node]] += retained_[node];
  }
  idom_ = std::move(idom);
}

uint32_t HeapGraph::Dominator(uint32_t node) const {
  ComputeDominators();
  return idom_[node];
}

size_t HeapGraph::RetainedSize(uint32_t node) const {
  ComputeDominators();
  return retained_[node];
}

// ---------------------------------------------------------------- paths

void HeapGraph::ComputePaths() const {
  if (!distance_.empty()) return;
  size_t n = nodes_.size();
  distance_.assign(n, kNone);
  parent_edge_.assign(n, kNone);
  std::deque<uint32_t> queue;
  distance_[kRoot] = 0;
  auto bfs = [&]() {
    while (!queue.empty()) {
      uint32_t node = queue.front();
      queue.pop_front();
      const Node& nd = nodes_[node];
      for (uint32_t k = nd.first_edge; k < nd.first_edge + nd.edge_count; ++k) {
        const Edge& e = edges_[k];
        if (e.type == EdgeType::kWeak || distance_[e.to] != kNone) continue;
        distance_[e.to] = distance_[node] + 1;
        parent_edge_[e.to] = k;
        queue.push_back(e.to);
      }
    }
  };
  // User roots first (what the program itself reaches) ...
  const Node& root = nodes_[kRoot];
  for (uint32_t k = root.first_edge; k < root.first_edge + root.edge_count; ++k) {
    const Edge& e = edges_[k];
    if (nodes_[e.to].type == kSnapshotSynthetic || distance_[e.to] != kNone) continue;
    distance_[e.to] = 1;
    parent_edge_[e.to] = k;
    queue.push_back(e.to);
  }
  bfs();
  // ... then whatever only the system roots reach.
  for (uint32_t k = root.first_edge; k < root.first_edge + root.edge_count; ++k) {
    const Edge& e = edges_[k];
    if (distance_[e.to] != kNone) continue;
    distance_[e.to] = 1;
    parent_edge_[e.to] = k;
    queue.push_back(e.to);
  }
  bfs();
}

std::vector<uint32_t> HeapGraph::PathTo(uint32_t node) const {
  ComputePaths();
  std::vector<uint32_t> path;
  if (node >= nodes_.size() || distance_[node] == kNone) return path;
  for (uint32_t cur = node; cur != kRoot;) {
    uint32_t e = parent_edge_[cur];
    path.push_back(e);
    cur = edges_[e].from;
  }
  std::reverse(path.begin(), path.end());
  return path;
}

uint32_t HeapGraph::Distance(uint32_t node) const {
  ComputePaths();
  return node < nodes_.size() ? distance_[node] : kNone;
}

// ---------------------------------------------------------------- garbage cycles

namespace {

// Collects the non-weak edges of one cell to candidate cells.
class SuccessorVisitor final : public Visitor {
 public:
  SuccessorVisitor(const std::unordered_map<const Cell*, uint32_t>& index) : index_(index) {}
  bool WantsNames() const override { return want_names_; }
  void Edge(Cell* target, EdgeType type, EdgeName name) override {
    if (type == EdgeType::kWeak) return;
    auto it = index_.find(target);
    if (it == index_.end()) return;
    out.push_back(it->second);
    if (want_names_) {
      names.push_back(EdgeNameText(name));
      types.push_back(type);
    }
  }
  void set_want_names(bool b) { want_names_ = b; }
  std::vector<uint32_t> out;
  std::vector<std::string> names;
  std::vector<EdgeType> types;

 private:
  const std::unordered_map<const Cell*, uint32_t>& index_;
  bool want_names_ = false;
};

}  // namespace

std::vector<GarbageCycle> FindGarbageCycles(const Heap& heap, const std::function<bool(const Cell*)>& include) {
  std::vector<const Cell*> cells;
  std::unordered_map<const Cell*, uint32_t> index;
  heap.ForEachCell([&](const Cell* c) {
    if (heap.IsMarked(c) || !include(c)) return;
    index.emplace(c, static_cast<uint32_t>(cells.size()));
    cells.push_back(c);
  });
  size_t n = cells.size();
  // Successor lists (CSR).
  std::vector<uint32_t> succ_start(n + 1, 0);
  std::vector<uint32_t> succ;
  SuccessorVisitor sv(index);
  for (size_t i = 0; i < n; ++i) {
    sv.out.clear();
    cells[i]->Trace(sv);
    succ.insert(succ.end(), sv.out.begin(), sv.out.end());
    succ_start[i + 1] = static_cast<uint32_t>(succ.size());
  }
  // Tarjan's algorithm with an explicit call stack.
  constexpr uint32_t kUnvisited = UINT32_MAX;
  std::vector<uint32_t> order(n, kUnvisited), low(n, 0);
  std::vector<uint8_t> on_stack(n, 0);
  std::vector<uint32_t> scc_stack;
  std::vector<std::pair<uint32_t, uint32_t>> call;  // node, next successor position
  std::vector<std::vector<uint32_t>> components;
  uint32_t counter = 0;
  for (uint32_t start = 0; start < n; ++start) {
    if (order[start] != kUnvisited) continue;
    call.push_back({start, succ_start[start]});
    order[start] = low[start] = counter++;
    scc_stack.push_back(start);
    on_stack[start] = 1;
    while (!call.empty()) {
      auto& [v, next] = call.back();
      if (next < succ_start[v + 1]) {
        uint32_t w = succ[next++];
        if (order[w] == kUnvisited) {
          order[w] = low[w] = counter++;
          scc_stack.push_back(w);
          on_stack[w] = 1;
          call.push_back({w, succ_start[w]});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], order[w]);
        }
        continue;
      }
      uint32_t done = v;
      call.pop_back();
      if (!call.empty()) low[call.back().first] = std::min(low[call.back().first], low[done]);
      if (low[done] != order[done]) continue;
      std::vector<uint32_t> component;
      uint32_t w;
      do {
        w = scc_stack.back();
        scc_stack.pop_back();
        on_stack[w] = 0;
        component.push_back(w);
      } while (w != done);
      bool cyclic = component.size() > 1;
      if (!cyclic) {
        for (uint32_t k = succ_start[done]; k < succ_start[done + 1]; ++k) cyclic |= succ[k] == done;
      }
      if (cyclic) components.push_back(std::move(component));
    }
  }
  // Describe each component: a shortest cycle through its first cell in heap order.
  std::vector<GarbageCycle> result;
  sv.set_want_names(true);
  for (auto& component : components) {
    std::sort(component.begin(), component.end());
    std::unordered_set<uint32_t> members(component.begin(), component.end());
    GarbageCycle cycle;
    for (uint32_t c : component) {
      cycle.cells.push_back(cells[c]);
      cycle.bytes += cells[c]->OwnedBytes();
    }
    uint32_t first = component[0];
    // BFS inside the component from `first` back to `first`.
    struct Step {
      uint32_t from;
      EdgeType type;
      std::string name;
    };
    std::unordered_map<uint32_t, Step> parent;  // node -> the edge BFS reached it by
    std::deque<uint32_t> queue{first};
    bool closed = false;
    Step closing{};
    while (!queue.empty() && !closed) {
      uint32_t v = queue.front();
      queue.pop_front();
      sv.out.clear();
      sv.names.clear();
      sv.types.clear();
      cells[v]->Trace(sv);
      for (size_t k = 0; k < sv.out.size(); ++k) {
        uint32_t w = sv.out[k];
        if (!members.count(w)) continue;
        if (w == first) {
          closed = true;
          closing = {v, sv.types[k], sv.names[k]};
          break;
        }
        if (parent.count(w)) continue;
        parent.emplace(w, Step{v, sv.types[k], sv.names[k]});
        queue.push_back(w);
      }
    }
    // Walk back from the closing edge: first -> ... -> closing.first -> first.
    std::vector<uint32_t> loop;
    uint32_t cur = closing.from;
    cycle.types.push_back(closing.type);
    cycle.names.push_back(closing.name);
    while (cur != first) {
      loop.push_back(cur);
      const Step& p = parent.at(cur);
      cycle.types.push_back(p.type);
      cycle.names.push_back(p.name);
      cur = p.from;
    }
    loop.push_back(first);
    std::reverse(loop.begin(), loop.end());
    std::reverse(cycle.types.begin(), cycle.types.end());
    std::reverse(cycle.names.begin(), cycle.names.end());
    for (uint32_t c : loop) cycle.loop.push_back(cells[c]);
    result.push_back(std::move(cycle));
  }
  return result;
}

}  // namespace jsvm
