// The heap graph and the .heapsnapshot writer on tiny hand-made heaps (node
// and edge counts, the flat field layout DevTools reads, weak edges,
// dominators, retainer paths, stable ids, garbage cycles), and the leak
// report on a compiled program.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/compiler.h"
#include "gc/heap-graph.h"
#include "gc/heap-snapshot.h"
#include "vm/interpreter/interpreter.h"
#include "vm/debug/leak-report.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

// A cell with named property edges, optional weak edges and a fixed size.
class TestCell final : public Cell {
 public:
  TestCell(std::string name, size_t size) : Cell(CellKind::kObject), name_(std::move(name)), size_(size) {}
  void Ref(TestCell* to, const char* name) { refs_.push_back({to, name}); }
  void WeakRef(TestCell* to) { weak_.push_back(to); }
  void Trace(Visitor& v) const override {
    for (auto& [to, name] : refs_) v.Edge(to, EdgeType::kProperty, EdgeName::Str(name));
    for (TestCell* to : weak_) v.Edge(to, EdgeType::kWeak, EdgeName::Str("weak"));
  }
  size_t OwnedBytes() const override { return size_; }
  std::string SnapshotName() const override { return name_; }

 private:
  std::string name_;
  size_t size_;
  std::vector<std::pair<TestCell*, const char*>> refs_;
  std::vector<TestCell*> weak_;
};

// A heap with one root section holding `roots`.
struct TinyHeap {
  Heap heap;
  std::vector<TestCell*> roots;
  TinyHeap() {
    heap.AddRootSection("(Test roots)", [this](Visitor& v) {
      for (TestCell* c : roots) v.Edge(c, EdgeType::kHidden, EdgeName::Index(0));
    });
  }
  TestCell* New(const char* name, size_t size) { return heap.New<TestCell>(name, size); }
};

// a -> b, a -> c, b -> d, c -> d, b -> g; e unreachable; f only weakly reachable.
struct Diamond : TinyHeap {
  TestCell *a, *b, *c, *d, *e, *f, *g;
  Diamond() {
    NoGcScope no_gc(heap);
    a = New("a", 10);
    b = New("b", 20);
    c = New("c", 40);
    d = New("d", 80);
    e = New("e", 160);
    f = New("f", 320);
    g = New("g", 640);
    a->Ref(b, "b");
    a->Ref(c, "c");
    b->Ref(d, "d");
    c->Ref(d, "d");
    b->Ref(g, "g");
    a->WeakRef(f);
    roots.push_back(a);
  }
};

TEST(HeapGraphTest, NodesEdgesAndWeakEdges) {
  Diamond h;
  HeapGraph g = HeapGraph::Build(h.heap, {});
  // root, (GC roots), (Test roots), a, b, c, d, g: e is garbage, f only weakly held.
  ASSERT_EQ(g.nodes().size(), 8u);
  EXPECT_EQ(g.NameOf(HeapGraph::kRoot), "");
  EXPECT_EQ(g.NameOf(HeapGraph::kGcRoots), "(GC roots)");
  EXPECT_EQ(g.NameOf(2), "(Test roots)");
  EXPECT_EQ(g.nodes()[2].type, kSnapshotSynthetic);
  EXPECT_EQ(g.NodeOf(h.e), HeapGraph::kNone);
  EXPECT_EQ(g.NodeOf(h.f), HeapGraph::kNone);
  // root->(GC roots), (GC roots)->section, section->a, a: b c (weak f dropped), b: d g, c: d.
  EXPECT_EQ(g.edges().size(), 8u);
  uint32_t a = g.NodeOf(h.a);
  EXPECT_EQ(g.nodes()[a].edge_count, 2u);
  EXPECT_EQ(g.nodes()[a].self_size, 10u);
  EXPECT_EQ(g.nodes()[a].type, kSnapshotObject);
  // Each node's edges follow the previous node's.
  uint32_t next = 0;
  for (const HeapGraph::Node& n : g.nodes()) {
    EXPECT_EQ(n.first_edge, next);
    next += n.edge_count;
  }
  EXPECT_EQ(g.total_size(), 10u + 20 + 40 + 80 + 640);

  // Once f is strongly reachable too, the weak edge is kept.
  h.c->Ref(h.f, "f");
  HeapGraph g2 = HeapGraph::Build(h.heap, {});
  uint32_t a2 = g2.NodeOf(h.a);
  ASSERT_EQ(g2.nodes()[a2].edge_count, 3u);
  EXPECT_EQ(g2.edges()[g2.nodes()[a2].first_edge + 2].type, EdgeType::kWeak);
  EXPECT_EQ(g2.edges()[g2.nodes()[a2].first_edge + 2].to, g2.NodeOf(h.f));
}

TEST(HeapGraphTest, DominatorsAndRetainedSizes) {
  Diamond h;
  HeapGraph g = HeapGraph::Build(h.heap, {});
  uint32_t a = g.NodeOf(h.a), b = g.NodeOf(h.b), c = g.NodeOf(h.c), d = g.NodeOf(h.d), gg = g.NodeOf(h.g);
  EXPECT_EQ(g.Dominator(d), a);   // two paths to d: only a dominates it
  EXPECT_EQ(g.Dominator(gg), b);
  EXPECT_EQ(g.Dominator(b), a);
  EXPECT_EQ(g.RetainedSize(b), 20u + 640);
  EXPECT_EQ(g.RetainedSize(c), 40u);
  EXPECT_EQ(g.RetainedSize(a), 10u + 20 + 40 + 80 + 640);
  EXPECT_EQ(g.RetainedSize(HeapGraph::kRoot), g.total_size());
  EXPECT_EQ(g.Dominator(HeapGraph::kRoot), HeapGraph::kNone);
}

TEST(HeapGraphTest, ShortestPathsPreferUserRoots) {
  Diamond h;
  HeapGraph g = HeapGraph::Build(h.heap, {});
  // Without a user root: root -> (GC roots) -> (Test roots) -> a -> b -> d.
  std::vector<uint32_t> path = g.PathTo(g.NodeOf(h.d));
  ASSERT_EQ(path.size(), 5u);
  EXPECT_EQ(g.edges()[path.front()].from, HeapGraph::kRoot);
  EXPECT_EQ(g.edges()[path.back()].to, g.NodeOf(h.d));
  EXPECT_EQ(g.Distance(g.NodeOf(h.d)), 5u);

  HeapGraph::Options options;
  options.user_roots.push_back({h.a, "entry"});
  HeapGraph u = HeapGraph::Build(h.heap, options);
  uint32_t a = u.NodeOf(h.a);
  EXPECT_EQ(u.NameOf(a), "entry");  // a user root's name replaces its own
  EXPECT_EQ(u.user_root_nodes(), std::vector<uint32_t>{a});
  path = u.PathTo(u.NodeOf(h.d));
  ASSERT_EQ(path.size(), 3u);  // root -shortcut-> a -> b -> d
  EXPECT_EQ(u.edges()[path[0]].type, EdgeType::kShortcut);
  EXPECT_EQ(u.EdgeName(u.edges()[path[1]]), "b");
  EXPECT_EQ(u.EdgeName(u.edges()[path[2]]), "d");
  EXPECT_TRUE(u.PathTo(HeapGraph::kRoot).empty());
}

TEST(HeapSnapshotTest, FieldLayoutAsDevToolsReadsIt) {
  Diamond h;
  HeapGraph::Options options;
  options.user_roots.push_back({h.a, "entry"});
  HeapGraph g = HeapGraph::Build(h.heap, options);
  std::ostringstream out;
  WriteHeapSnapshot(g, out);
  std::string text = out.str();
  // Keys in the order DevTools' stream loader needs, and no space after "snapshot".
  EXPECT_EQ(text.rfind("{\"snapshot\":{", 0), 0u);
  size_t nodes = text.find("\"nodes\":"), edges = text.find("\"edges\":"), strings = text.find("\"strings\":");
  ASSERT_NE(strings, std::string::npos);
  EXPECT_LT(nodes, edges);
  EXPECT_LT(edges, text.find("\"locations\":"));
  EXPECT_LT(text.find("\"locations\":"), strings);

  nlohmann::json j = nlohmann::json::parse(text);
  const auto& meta = j["snapshot"]["meta"];
  ASSERT_EQ(meta["node_fields"].size(), 7u);
  ASSERT_EQ(meta["edge_fields"].size(), 3u);
  EXPECT_EQ(meta["node_types"][0][9], "synthetic");
  EXPECT_EQ(meta["edge_types"][0][0], "context");
  size_t node_count = j["snapshot"]["node_count"], edge_count = j["snapshot"]["edge_count"];
  EXPECT_EQ(node_count, g.nodes().size());
  EXPECT_EQ(edge_count, g.edges().size());
  const auto& n = j["nodes"];
  const auto& e = j["edges"];
  ASSERT_EQ(n.size(), node_count * 7);
  ASSERT_EQ(e.size(), edge_count * 3);
  EXPECT_EQ(j["strings"][0], "<dummy>");
  size_t total_edges = 0;
  std::set<uint64_t> ids;
  for (size_t i = 0; i < node_count; ++i) {
    total_edges += n[i * 7 + 4].get<size_t>();
    ids.insert(n[i * 7 + 2].get<uint64_t>());
    EXPECT_LT(n[i * 7 + 1].get<size_t>(), j["strings"].size());
  }
  EXPECT_EQ(total_edges, edge_count);
  EXPECT_EQ(ids.size(), node_count);  // unique ids
  EXPECT_EQ(n[0].get<int>(), 9);      // the root is synthetic ...
  EXPECT_EQ(j["strings"][n[1].get<size_t>()], "");  // ... and unnamed
  for (size_t k = 0; k < edge_count; ++k) {
    EXPECT_EQ(e[k * 3 + 2].get<size_t>() % 7, 0u);  // to_node is an offset into nodes
    EXPECT_LT(e[k * 3 + 2].get<size_t>(), n.size());
  }
  // The root's edges: element 1 to (GC roots), shortcut "entry" to a.
  EXPECT_EQ(e[0].get<int>(), 1);
  EXPECT_EQ(e[1].get<int>(), 1);
  EXPECT_EQ(j["strings"][n[e[2].get<size_t>() + 1].get<size_t>()], "(GC roots)");
  EXPECT_EQ(e[3].get<int>(), 5);
  EXPECT_EQ(j["strings"][e[4].get<size_t>()], "entry");
}

TEST(HeapSnapshotTest, StringsAreEscaped) {
  TinyHeap h;
  const std::string odd = "quote \" backslash \\ newline \n tab \t bell \x07 \xc3\xa9";
  h.roots.push_back(h.New(odd.c_str(), 8));
  std::ostringstream out;
  WriteHeapSnapshot(HeapGraph::Build(h.heap, {}), out);
  nlohmann::json j = nlohmann::json::parse(out.str());
  bool found = false;
  for (const auto& s : j["strings"]) found |= s == odd;
  EXPECT_TRUE(found);
}

TEST(HeapSnapshotTest, IdsStayTheSameAcrossSnapshots) {
  Diamond h;
  SnapshotIds ids;
  ids.Attach(h.heap);
  HeapGraph::Options options;
  options.ids = &ids;
  HeapGraph g1 = HeapGraph::Build(h.heap, options);
  HeapGraph g2 = HeapGraph::Build(h.heap, options);
  EXPECT_EQ(g1.nodes()[g1.NodeOf(h.d)].id, g2.nodes()[g2.NodeOf(h.d)].id);
  EXPECT_EQ(g1.nodes()[g1.NodeOf(h.d)].id % 2, 1u);
  EXPECT_GE(g1.nodes()[g1.NodeOf(h.a)].id, SnapshotIds::kFirstCellId);
  uint32_t old_a = g1.nodes()[g1.NodeOf(h.a)].id;
  // a dies; whatever is allocated next gets a new id.
  h.roots.clear();
  h.heap.Collect("test");
  TestCell* fresh = h.New("fresh", 8);
  h.roots.push_back(fresh);
  HeapGraph g3 = HeapGraph::Build(h.heap, options);
  EXPECT_GT(g3.nodes()[g3.NodeOf(fresh)].id, old_a);
}

TEST(GarbageCyclesTest, FindsStronglyConnectedGarbage) {
  TinyHeap h;
  TestCell *x, *y, *z, *w, *live1, *live2;
  {
    NoGcScope no_gc(h.heap);
    x = h.New("x", 100);
    y = h.New("y", 200);
    z = h.New("z", 400);   // points into the cycle, is not on it
    w = h.New("w", 800);   // references itself
    live1 = h.New("live1", 1);
    live2 = h.New("live2", 1);
    x->Ref(y, "a");
    y->Ref(x, "b");
    z->Ref(x, "to_x");
    w->Ref(w, "self");
    live1->Ref(live2, "p");
    live2->Ref(live1, "q");  // a live cycle is no garbage
    h.roots.push_back(live1);
  }
  std::vector<GarbageCycle> cycles;
  h.heap.AddWeakCallback([&] { cycles = FindGarbageCycles(h.heap, [](const Cell*) { return true; }); });
  h.heap.Collect("test");
  ASSERT_EQ(cycles.size(), 2u);
  const GarbageCycle* pair = cycles[0].cells.size() == 2 ? &cycles[0] : &cycles[1];
  const GarbageCycle* self = pair == &cycles[0] ? &cycles[1] : &cycles[0];
  ASSERT_EQ(pair->cells.size(), 2u);
  EXPECT_EQ(pair->bytes, 300u);
  ASSERT_EQ(pair->loop.size(), 2u);
  ASSERT_EQ(pair->names.size(), 2u);
  // loop[i] -names[i]-> loop[i+1], closing back to loop[0].
  if (pair->loop[0] == x) {
    EXPECT_EQ(pair->names[0], "a");
    EXPECT_EQ(pair->names[1], "b");
  } else {
    EXPECT_EQ(pair->loop[0], y);
    EXPECT_EQ(pair->names[0], "b");
    EXPECT_EQ(pair->names[1], "a");
  }
  EXPECT_EQ(pair->types[0], EdgeType::kProperty);
  ASSERT_EQ(self->cells.size(), 1u);
  EXPECT_EQ(self->cells[0], w);
  EXPECT_EQ(self->names, std::vector<std::string>{"self"});
}

// ---- the leak report on a compiled program

// Runs `source` and explains the heap it leaves.
HeapReport ExplainProgram(const std::string& source) {
  Runtime rt;
  rt.stdout_sink() = [](std::string_view) {};
  CompileResult compiled = CompileScript(rt, "leak.js", Utf8ToUtf16(source));
  EXPECT_TRUE(compiled.ok()) << compiled.error;
  rt.interpreter().RunScript(compiled.top);
  rt.heap().Collect("test");
  HeapGraph graph = HeapGraph::Build(rt.heap(), GraphOptionsFor(rt, nullptr));
  return ExplainHeap(graph, nullptr);
}

// The seed's shape: fun's context holds arr (captured by fun1) and n; only
// fun2, whose body is `fun2_body`, survives. Returns fun's context report
// (an empty name when missing) and the number of flagged variables.
ContextReport ContextOfFun(const std::string& fun2_body, size_t* leaks) {
  HeapReport r = ExplainProgram("function fun() { let arr = new Array(100); let n = 1;\n"
                                "  function fun1() { return arr; } return function fun2() { " + fun2_body + " }; }\n"
                                "globalThis.f = fun();\n");
  *leaks = r.leaks.size();
  for (const ContextReport& c : r.contexts) {
    if (c.name == "context of fun") return c;
  }
  return {};
}

TEST(LeakReportTest, SiblingCaptureIsFlagged) {
  size_t leaks = 0;
  ContextReport c = ContextOfFun("return n;", &leaks);
  ASSERT_EQ(c.name, "context of fun");
  ASSERT_EQ(c.holders.size(), 1u);
  EXPECT_EQ(c.holders[0].closure, "fun2");
  EXPECT_TRUE(c.holders[0].direct);
  ASSERT_EQ(c.variables.size(), 2u);
  const ContextVariable& arr = c.variables[0];
  EXPECT_EQ(arr.name, "arr");
  EXPECT_EQ(arr.captured_by, std::vector<std::string>{"fun1"});
  EXPECT_TRUE(arr.used_by.empty());
  EXPECT_TRUE(arr.leak);
  EXPECT_TRUE(arr.dominated);
  EXPECT_EQ(arr.path.Text(), "f (global) -> fun2 -> context of fun -> arr");
  const ContextVariable& n = c.variables[1];
  EXPECT_EQ(n.value, "1");
  EXPECT_EQ(n.used_by, std::vector<std::string>{"fun2"});
  EXPECT_FALSE(n.leak);
  EXPECT_EQ(leaks, 1u);
}

TEST(LeakReportTest, UsedVariableIsNotFlagged) {
  size_t leaks = 0;
  // fun2 reads fun1 (a context variable too), and fun1 reads arr: fun1's
  // closure lives in the same context, so arr is in use.
  ContextReport c = ContextOfFun("return fun1();", &leaks);
  ASSERT_EQ(c.name, "context of fun");
  EXPECT_FALSE(c.variables.empty());
  for (const ContextVariable& v : c.variables) EXPECT_FALSE(v.leak) << v.name;
  EXPECT_EQ(leaks, 0u);
}

// A suspended generator: its saved parameters and registers are named after
// their variables (a parameter, a block-scoped local), a destructured
// parameter has no name, and a captured variable is found in its context.
TEST(LeakReportTest, SuspendedGeneratorNamesWhatItHolds) {
  HeapReport r = ExplainProgram(
      "function* walk(opts, {skip}) {\n"
      "  const seen = [];\n"
      "  const peek = () => seen;\n"
      "  { let inner = {deep: true};\n"
      "    yield inner; }\n"
      "}\n"
      "globalThis.g = walk({verbose: true}, {skip: [1]});\n"
      "g.next();\n");
  ASSERT_EQ(r.suspended.size(), 1u);
  const SuspendedReport& s = r.suspended[0];
  EXPECT_EQ(s.kind, "generator");
  EXPECT_EQ(s.function, "walk");
  EXPECT_EQ(s.at, "yield");
  EXPECT_EQ(s.line, 5u);
  EXPECT_EQ(s.site, "leak.js:5:5");
  EXPECT_EQ(s.path.Text(), "g (global)");
  auto find = [&s](const std::string& name) -> const SuspendedValue* {
    for (const SuspendedValue& v : s.values) {
      if (v.name == name) return &v;
    }
    return nullptr;
  };
  ASSERT_NE(find("opts"), nullptr);
  EXPECT_FALSE(find("opts")->in_context);
  ASSERT_NE(find("inner"), nullptr);
  EXPECT_FALSE(find("inner")->in_context);
  ASSERT_NE(find("seen"), nullptr);
  EXPECT_TRUE(find("seen")->in_context);
  EXPECT_EQ(find("seen")->value, "Array(0)");
  EXPECT_NE(find(""), nullptr);  // the destructured parameter's object: no name
  EXPECT_NE(s.explanation.find("the generator walk is suspended at leak.js:5:5 (a yield)"), std::string::npos)
      << s.explanation;
}

}  // namespace
}  // namespace jsvm
