// Leak explanations: why is this alive? Built on the heap graph
// (gc/heap-graph.h) plus what only the VM knows: which contexts belong to
// which functions, which closures hold them, and which inner functions'
// code references each context variable (FunctionInfo::captures, from scope
// analysis).
//
// Three parts:
// - AllocationSites: where each object and context was created (function
//   and source position), recorded only while a report is wanted.
// - CycleRecorder: at every collection, before the sweep, the garbage that
//   plain reference counting could never free: strongly connected components
//   of dead objects and contexts (gc/heap-graph.h FindGarbageCycles).
// - ExplainHeap: every live context of user code, its variables and
//   retained sizes, the closures that hold it, who captured each variable,
//   the "held only because a sibling closure captured it" pattern, and the
//   shortest path from a root in source terms; and every suspended
//   generator or async function with where it waits, what it holds and
//   what can resume it (a pending promise, a timer, the microtask queue).
//   docs/heap-snapshots.md shows the report and its JSON form.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "gc/heap-graph.h"
#include "vm/execution/runtime.h"

namespace jsvm {

// A source position with the function it is in.
struct SourceSite {
  std::string function;  // "fun", "(anonymous)", "(top level)"
  std::string file;      // the script's file name without directories
  uint32_t line = 0;     // 1-based; 0 when unknown
  uint32_t column = 0;   // 1-based
  bool known() const { return line != 0; }
  // "file:line:col", or "" when unknown.
  std::string Text() const;
};

// Records where objects and contexts are allocated: the function running
// and the source position of its current bytecode. Attached to the heap for
// its lifetime; dead cells are forgotten at each collection.
class AllocationSites final : public HeapObserver {
 public:
  explicit AllocationSites(Runtime& rt);
  ~AllocationSites() override;
  AllocationSites(const AllocationSites&) = delete;
  AllocationSites& operator=(const AllocationSites&) = delete;

  void OnAllocate(Cell* cell, size_t bytes) override;
  // The site of `cell`; false when it was made outside JavaScript code (the
  // realm) or before recording started.
  bool Find(const Cell* cell, SourceSite* out) const;
  // Forgets the cells the collector is about to free (valid between marking
  // and sweeping). Runs at every collection, unless a CycleRecorder, which
  // needs the sites of dead cells first, has taken the job over.
  void ForgetDeadCells();
  void set_cleanup_deferred(bool b) { cleanup_deferred_ = b; }

 private:
  struct Raw {
    const FunctionInfo* info;
    uint32_t bytecode_offset;
  };
  Runtime& rt_;
  std::unordered_map<const Cell*, Raw> sites_;
  std::unordered_set<const FunctionInfo*> kept_code_;  // rooted: sites_ points into it
  size_t callback_;
  bool cleanup_deferred_ = false;
};

// The short name of a cell in source terms: "function fun2", "Array(3)",
// "Object", "context of fun", "block context in f", "\"text\"". Without
// `details`, a class-like name that does not vary per object ("Array").
std::string DescribeCell(const Cell* cell, const AllocationSites* sites, bool details = true);

// One kind of garbage cycle, by shape.
struct CycleShape {
  std::string shape;       // "Object.a -> Object.a -> back"
  size_t component_size;   // objects in each strongly connected component
  uint64_t count = 0;      // cycles of this shape freed so far
  uint64_t objects = 0;
  uint64_t bytes = 0;
  std::vector<std::string> example;  // the first one's objects with their allocation sites
};

// Totals of the cycles found so far.
struct CycleSummary {
  uint64_t collections = 0;  // collections observed
  uint64_t cycles = 0;
  uint64_t objects = 0;
  uint64_t bytes = 0;
  std::vector<CycleShape> shapes;  // in order of first appearance
};

// Finds, at each collection before the sweep, the cycles of dead objects and
// contexts. Costs nothing unless constructed.
class CycleRecorder {
 public:
  // `sites` (may be null) gives the examples their allocation sites.
  CycleRecorder(Runtime& rt, AllocationSites* sites);
  ~CycleRecorder();
  CycleRecorder(const CycleRecorder&) = delete;
  CycleRecorder& operator=(const CycleRecorder&) = delete;

  const CycleSummary& summary() const { return summary_; }

 private:
  void OnCollection();
  Runtime& rt_;
  AllocationSites* sites_;
  size_t callback_;
  CycleSummary summary_;
  std::unordered_map<std::string, size_t> shape_index_;
};

// A retainer path: from a root to a node, step by step, in source terms
// ("f (global)", "fun2", "context of fun", "arr").
struct RetainerPath {
  std::vector<std::string> steps;
  std::string Text() const;  // steps joined by " -> "
};

// A closure that keeps a context alive.
struct ContextHolder {
  std::string closure;   // "fun2"
  std::string site;      // where the closure was made ("" when unknown)
  bool direct = false;   // the context is the closure's own (not an outer one)
  std::string root;      // what roots the closure itself: "setInterval callback", "queued microtask", or ""
  RetainerPath path;     // how a root reaches the closure
};

// One variable (context slot) of a live context.
struct ContextVariable {
  std::string name;
  uint32_t slot = 0;
  std::string value;              // short description of the value
  bool is_heap = false;           // the value is a heap cell (it can retain memory)
  size_t retained_size = 0;       // the value's retained size (dominator tree)
  bool dominated = false;         // only this context keeps the value: freeing it frees retained_size
  std::vector<std::string> captured_by;  // functions whose code references the variable
  std::vector<std::string> used_by;      // holders whose code can still read it
  bool leak = false;              // held only because a function with no live closure here captured it
  std::string explanation;        // one sentence, for leaks
  RetainerPath path;              // root -> ... -> the context -> the variable
};

// A live context of user code.
struct ContextReport {
  static constexpr size_t kMaxHolders = 20;
  uint32_t node_id = 0;          // the node id in a snapshot taken at the same point
  std::string name;              // "context of fun"
  std::string scope;             // "function", "block", "catch", "script", "class", "with", "eval"
  std::string site;              // where it was created
  size_t self_size = 0;
  size_t retained_size = 0;
  std::vector<ContextHolder> holders;  // the first kMaxHolders
  size_t holder_count = 0;             // all of them
  bool held_by_frame = false;    // a running function uses it (a register or its frame's context)
  std::vector<std::string> other_retainers;  // retainers that are neither closures nor contexts
  std::vector<ContextVariable> variables;
  RetainerPath path;
};

// A value that a suspended function keeps: a saved parameter or register,
// or a variable of a context its activation made.
struct SuspendedValue {
  std::string name;              // the variable; "" for a temporary (no name recorded)
  bool in_context = false;       // a context variable (captured by an inner function)
  std::string value;             // short description
  size_t retained_size = 0;      // the value's retained size
  bool dominated = false;        // only the suspended function keeps it
};

// A suspended generator, async function or async generator (a
// GeneratorObject waiting at a yield or an await).
struct SuspendedReport {
  uint32_t node_id = 0;          // the generator object's node id
  std::string kind;              // "generator", "async function", "async generator"
  std::string function;          // "load"
  std::string site;              // where it is suspended, "file:line:col" ("" when unknown)
  uint32_t line = 0;             // of the suspension (0 when unknown)
  std::string at;                // "await" or "yield"
  size_t self_size = 0;
  size_t retained_size = 0;
  std::vector<SuspendedValue> values;  // heap values, largest retained size first
  RetainerPath path;             // how a root reaches the generator object
  std::string resumed_by;        // what can resume it, in words
  std::string explanation;       // one sentence
};

// The report at one point of the run.
struct HeapReport {
  std::string label;              // the __snapshot label, or "exit"
  size_t live_objects = 0;        // cells in the graph
  size_t live_bytes = 0;
  // Live ArrayBuffers and SharedArrayBuffers, and the bytes of their backing
  // stores (external memory, part of live_bytes; V8's JSArrayBufferData).
  size_t array_buffers = 0;
  size_t array_buffer_bytes = 0;
  static constexpr size_t kMaxContexts = 200;
  std::vector<ContextReport> contexts;  // the kMaxContexts largest (retained size), largest first
  size_t contexts_total = 0;            // live contexts of user code
  static constexpr size_t kMaxSuspended = 100;
  std::vector<SuspendedReport> suspended;  // the kMaxSuspended largest (retained size), largest first
  size_t suspended_total = 0;              // live suspended generators and async functions
  CycleSummary cycles;            // cycles freed so far (empty without a recorder)
  // The flagged variables: (index into contexts, index into its variables).
  std::vector<std::pair<size_t, size_t>> leaks;
};

// Explains `graph` (built with GraphOptionsFor, so that the global object is
// the user root). `sites` may be null. Reads only; allocates nothing on the
// JavaScript heap.
HeapReport ExplainHeap(const HeapGraph& graph, const AllocationSites* sites);

// The graph options for rt: the global object as the user root "global".
HeapGraph::Options GraphOptionsFor(const Runtime& rt, SnapshotIds* ids);

}  // namespace jsvm
