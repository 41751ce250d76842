#include "vm/debug/leak-report.h"

#include <algorithm>
#include <unordered_set>

#include "vm/builtins/builtins.h"
#include "vm/interpreter/interpreter.h"
#include "vm/objects/array-buffer.h"
#include "vm/objects/generator.h"
#include "vm/objects/promise.h"

namespace jsvm {

namespace {

std::string Basename(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// The name a learner knows a function by.
std::string FunctionName(const FunctionInfo* info) {
  if (info->direct_eval) return "(eval code)";
  if (info->flavor == FunctionFlavor::kTopLevel) return "(top level)";
  std::string name = info->SnapshotName();
  return name.empty() ? "(anonymous)" : name;
}

// The source position of a bytecode offset. Code before the first position
// (a prologue, or a block context made before its first statement) is
// placed at the start of the function (`at_entry`) or at the next position.
SourceSite SiteOf(const FunctionInfo* info, uint32_t bytecode_offset, bool at_entry) {
  SourceSite site;
  site.function = FunctionName(info);
  uint32_t source_offset = info->source_start;
  if (!info->SourceOffsetAt(bytecode_offset, &source_offset) && !at_entry) {
    for (const SourcePosition& p : info->positions) {
      if (p.bytecode_offset >= bytecode_offset) {
        source_offset = p.source_offset;
        break;
      }
    }
  }
  if (info->script) {
    site.file = Basename(info->script->file());
    info->script->LineCol(source_offset, &site.line, &site.column);
  }
  return site;
}

// Whether the leaks report treats the cell as part of the program's data.
bool IsUserVisible(const Cell* c) { return IsObjectKind(c->kind()) || c->kind() == CellKind::kContext; }

std::string ScopeWord(ScopeType t) {
  switch (t) {
    case ScopeType::kFunction: return "function";
    case ScopeType::kBlock: return "block";
    case ScopeType::kCatch: return "catch";
    case ScopeType::kScript: return "script";
    case ScopeType::kClass: return "class";
    case ScopeType::kWith: return "with";
    case ScopeType::kEval: return "eval";
    case ScopeType::kModule: return "module";
  }
  return "?";
}

bool IsScriptContext(const Cell* c) {
  if (!c || c->kind() != CellKind::kContext) return false;
  const ScopeInfo* si = static_cast<const Context*>(c)->scope_info();
  return si && si->type() == ScopeType::kScript;
}

std::string ContextName(const Context* ctx, const AllocationSites* sites) {
  const ScopeInfo* si = ctx->scope_info();
  if (!si) return "context";
  switch (si->type()) {
    case ScopeType::kFunction: {
      std::string fn = si->function_name() ? si->function_name()->ToUtf8() : "";
      return "context of " + (fn.empty() ? std::string("(anonymous)") : fn);
    }
    case ScopeType::kScript:
      return "script context";
    default: {
      std::string text = ScopeWord(si->type()) + " context";
      SourceSite site;
      if (sites && sites->Find(ctx, &site)) text += " in " + site.function;
      return text;
    }
  }
}

std::string Quote(const std::string& s) {
  constexpr size_t kMax = 32;
  if (s.size() <= kMax) return "\"" + s + "\"";
  size_t n = kMax;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return "\"" + s.substr(0, n) + "...\"";
}

std::string DescribeValue(Value v, const AllocationSites* sites) {
  if (v.IsCell()) return DescribeCell(v.AsCell(), sites);
  if (v.IsHole()) return "<uninitialized>";
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (v.IsBoolean()) return v.IsTrue() ? "true" : "false";
  if (v.IsNumber()) return NumberForDisplay(v.AsNumber());
  return "?";
}

const char* GeneratorKindWord(GeneratorKind kind) {
  switch (kind) {
    case GeneratorKind::kGenerator: return "generator";
    case GeneratorKind::kAsyncFunction: return "async function";
    case GeneratorKind::kAsyncGenerator: return "async generator";
  }
  return "generator";
}

// Where a suspended generator or async function waits.
SourceSite SuspensionSite(const GeneratorObject* gen) {
  const FunctionInfo* info = gen->function()->info();
  SourceSite site;
  site.function = FunctionName(info);
  if (info->script && gen->suspend_source_offset() != 0) {
    site.file = Basename(info->script->file());
    info->script->LineCol(gen->suspend_source_offset(), &site.line, &site.column);
  }
  return site;
}

// The fields of a generator object that are not its saved variables (V8's names).
bool IsGeneratorField(const std::string& name) {
  return name == "function" || name == "context" || name == "receiver" || name == "input_or_debug_pos" ||
         name == "promise" || name == "queue" || name == "parameters_and_registers";
}

// A root section's edge as a path step: what, in the program, holds the target.
std::string RootStep(const std::string& section, const std::string& edge) {
  if (section == "(Stack roots)") return "(a running function's frame)";
  if (section == "(Handle roots)") return "(a C++ handle)";
  if (section == "(Timers)") return edge.find("callback") != std::string::npos ? "a " + edge : "(a timer's " + edge + ")";
  if (section == "(Microtask queue)") return "a queued microtask";
  return section + " " + edge;
}

// Nodes that a root section references directly (a script context, a
// frame's registers): a path through one of them may start there.
std::vector<bool> RootHeldNodes(const HeapGraph& g) {
  std::vector<bool> held(g.nodes().size(), false);
  for (uint32_t s = HeapGraph::kGcRoots + 1; s <= HeapGraph::kGcRoots + g.section_count(); ++s) {
    const HeapGraph::Node& n = g.nodes()[s];
    for (uint32_t k = n.first_edge; k < n.first_edge + n.edge_count; ++k) held[g.edges()[k].to] = true;
  }
  return held;
}

// "f (global) -> fun2 -> context of fun": the edges of a path in source terms.
// The path starts at the last global object or root-held script context on
// it: `counter (script) -> .inc`, not `makeCounter (global) -> script context
// -> counter (script) -> .inc` (both are roots).
RetainerPath SourcePath(const HeapGraph& g, const std::vector<bool>& root_held, const std::vector<uint32_t>& path,
                        const AllocationSites* sites) {
  RetainerPath p;
  uint32_t global = g.user_root_nodes().empty() ? HeapGraph::kNone : g.user_root_nodes()[0];
  if (!path.empty()) {
    uint32_t target = g.edges()[path.back()].to;
    if (root_held[target] && IsScriptContext(g.nodes()[target].cell)) {
      p.steps.push_back("script context");  // a root itself
      return p;
    }
  }
  size_t start = 0;
  for (size_t i = 0; i < path.size(); ++i) {
    uint32_t from = g.edges()[path[i]].from;
    if (from == global || (root_held[from] && IsScriptContext(g.nodes()[from].cell))) start = i;
  }
  for (size_t i = start; i < path.size(); ++i) {
    uint32_t k = path[i];
    const HeapGraph::Edge& e = g.edges()[k];
    const Cell* from = g.nodes()[e.from].cell;
    const Cell* to = g.nodes()[e.to].cell;
    std::string name = g.EdgeName(e);
    if (e.from == HeapGraph::kRoot || e.from == HeapGraph::kGcRoots) continue;
    if (!from) {  // a root section
      const std::string& section = g.NameOf(e.from);
      if (IsScriptContext(to) || name == "native_context") continue;  // the next step names it
      p.steps.push_back(RootStep(section, name));
    } else if (e.from == global) {
      p.steps.push_back(e.type == EdgeType::kProperty ? name + " (global)" : "global." + name);
    } else if (from->kind() == CellKind::kNativeContext) {
      p.steps.push_back(name == "global_object" ? std::string("global") : "(realm " + name + ")");
    } else if (IsScriptContext(from) && e.type == EdgeType::kContext) {
      p.steps.push_back(name + " (script)");
    } else {
      switch (e.type) {
        case EdgeType::kContext: p.steps.push_back(name); break;
        case EdgeType::kProperty: p.steps.push_back("." + name); break;
        case EdgeType::kElement: p.steps.push_back("[" + name + "]"); break;
        case EdgeType::kInternal:
          if ((name == "context" || name == "previous") && to) {
            p.steps.push_back(DescribeCell(to, sites));
            continue;
          }
          if (to && (to->kind() == CellKind::kPromise || to->kind() == CellKind::kGenerator)) {
            // A promise's reaction (an await) or a resolving function's promise.
            p.steps.push_back(DescribeCell(to, sites));
            continue;
          }
          if (from->kind() == CellKind::kGenerator && !IsGeneratorField(name)) {
            p.steps.push_back(name);  // a saved variable of a suspended function
            break;
          }
          p.steps.push_back("(" + name + ")");
          break;
        case EdgeType::kHidden: p.steps.push_back("[#" + name + "]"); break;
        default: p.steps.push_back("(" + name + ")"); break;
      }
    }
    // A closure reached under another name: f (global) -> fun2.
    if (to && to->kind() == CellKind::kFunction) {
      std::string fn = FunctionName(static_cast<const Function*>(to)->info());
      if (fn != name) p.steps.push_back(fn);
    }
  }
  return p;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

void AddUnique(std::vector<std::string>& list, const std::string& s) {
  if (std::find(list.begin(), list.end(), s) == list.end()) list.push_back(s);
}

// A closure's name with where it was made when it has no name.
std::string ClosureName(const Function* fn, const AllocationSites* sites) {
  std::string name = FunctionName(fn->info());
  SourceSite site;
  if (name == "(anonymous)" && sites && sites->Find(fn, &site)) name += " at " + site.Text();
  return name;
}

}  // namespace

std::string SourceSite::Text() const {
  if (!known()) return "";
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

std::string RetainerPath::Text() const {
  std::string out;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (i) out += " -> ";
    out += steps[i];
  }
  return out;
}

// ---------------------------------------------------------------- AllocationSites

AllocationSites::AllocationSites(Runtime& rt) : rt_(rt) {
  rt_.heap().AddObserver(this);
  callback_ = rt_.heap().AddWeakCallback([this] {
    if (!cleanup_deferred_) ForgetDeadCells();
  });
}

AllocationSites::~AllocationSites() {
  rt_.heap().RemoveObserver(this);
  rt_.heap().RemoveWeakCallback(callback_);
}

void AllocationSites::OnAllocate(Cell* cell, size_t /*bytes*/) {
  if (!IsUserVisible(cell)) return;
  Frame* frame = rt_.interpreter().current_frame();
  if (!frame || !frame->info || !frame->pc) return;
  const auto& code = frame->info->bytecode;
  if (frame->pc < code.data() || frame->pc >= code.data() + code.size()) return;
  sites_[cell] = {frame->info, static_cast<uint32_t>(frame->pc - code.data())};
  // A site names its code: keep that code while the report may be asked
  // for (compiled code otherwise dies with the last closure that uses it).
  if (kept_code_.insert(frame->info).second) rt_.AddPermanentRoot(Value::FromCell(frame->info));
}

bool AllocationSites::Find(const Cell* cell, SourceSite* out) const {
  auto it = sites_.find(cell);
  if (it == sites_.end()) return false;
  // A function context is made on entry to its function.
  bool at_entry = false;
  if (cell->kind() == CellKind::kContext) {
    const ScopeInfo* si = static_cast<const Context*>(cell)->scope_info();
    at_entry = si && si->type() == ScopeType::kFunction;
  }
  *out = SiteOf(it->second.info, it->second.bytecode_offset, at_entry);
  return true;
}

void AllocationSites::ForgetDeadCells() {
  const Heap& heap = rt_.heap();
  for (auto it = sites_.begin(); it != sites_.end();) {
    if (!heap.IsMarked(it->first)) {
      it = sites_.erase(it);
    } else {
      ++it;
    }
  }
}

// ---------------------------------------------------------------- DescribeCell

std::string DescribeCell(const Cell* cell, const AllocationSites* sites, bool details) {
  switch (cell->kind()) {
    case CellKind::kString:
      return details ? Quote(cell->SnapshotName()) : "string";
    case CellKind::kSymbol:
      return "Symbol(" + cell->SnapshotName() + ")";
    case CellKind::kArray:
      if (!details) return "Array";
      return "Array(" + std::to_string(static_cast<const Array*>(cell)->length()) + ")";
    case CellKind::kFunction:
      return "function " + (details ? ClosureName(static_cast<const Function*>(cell), sites)
                                    : FunctionName(static_cast<const Function*>(cell)->info()));
    case CellKind::kNativeFunction:
      return "function " + cell->SnapshotName() + " (native)";
    case CellKind::kContext:
      return ContextName(static_cast<const Context*>(cell), sites);
    case CellKind::kNativeContext:
      return "(global scope)";
    case CellKind::kGenerator: {
      auto* gen = static_cast<const GeneratorObject*>(cell);
      std::string text = std::string(GeneratorKindWord(gen->generator_kind())) + " " +
                         FunctionName(gen->function()->info());
      if (!details) return text;
      if (gen->is_suspended()) {
        SourceSite site = SuspensionSite(gen);
        return text + " (suspended" + (site.known() ? " at line " + std::to_string(site.line) : "") + ")";
      }
      return text + (gen->is_closed() ? " (finished)" : " (running)");
    }
    case CellKind::kPromise: {
      if (!details) return "Promise";
      switch (static_cast<const PromiseObject*>(cell)->state()) {
        case PromiseState::kPending: return "Promise (pending)";
        case PromiseState::kFulfilled: return "Promise (fulfilled)";
        case PromiseState::kRejected: return "Promise (rejected)";
      }
      return "Promise";
    }
    default:
      return cell->SnapshotName();
  }
}

// ---------------------------------------------------------------- CycleRecorder

CycleRecorder::CycleRecorder(Runtime& rt, AllocationSites* sites) : rt_(rt), sites_(sites) {
  if (sites_) sites_->set_cleanup_deferred(true);
  callback_ = rt_.heap().AddWeakCallback([this] { OnCollection(); });
}

CycleRecorder::~CycleRecorder() {
  rt_.heap().RemoveWeakCallback(callback_);
  if (sites_) sites_->set_cleanup_deferred(false);
}

void CycleRecorder::OnCollection() {
  summary_.collections++;
  std::vector<GarbageCycle> cycles = FindGarbageCycles(rt_.heap(), IsUserVisible);
  for (const GarbageCycle& c : cycles) {
    std::string shape;
    for (size_t i = 0; i < c.loop.size(); ++i) {
      shape += DescribeCell(c.loop[i], sites_, false);
      const std::string& n = c.names[i];
      switch (c.types[i]) {
        case EdgeType::kProperty: case EdgeType::kContext: shape += "." + n; break;
        case EdgeType::kElement: shape += "[" + n + "]"; break;
        case EdgeType::kHidden: shape += "[#" + n + "]"; break;
        default: shape += ".[[" + n + "]]"; break;
      }
      shape += " -> ";
    }
    shape += "back";
    std::string key = shape + "|" + std::to_string(c.cells.size());
    auto [it, inserted] = shape_index_.emplace(key, summary_.shapes.size());
    if (inserted) {
      CycleShape s;
      s.shape = shape;
      s.component_size = c.cells.size();
      for (const Cell* cell : c.loop) {
        std::string text = DescribeCell(cell, sites_);
        SourceSite site;
        if (sites_ && sites_->Find(cell, &site)) text += " made at " + site.Text();
        s.example.push_back(text);
      }
      summary_.shapes.push_back(std::move(s));
    }
    CycleShape& s = summary_.shapes[it->second];
    s.count++;
    s.objects += c.cells.size();
    s.bytes += c.bytes;
    summary_.cycles++;
    summary_.objects += c.cells.size();
    summary_.bytes += c.bytes;
  }
  if (sites_) sites_->ForgetDeadCells();
}

// ---------------------------------------------------------------- ExplainHeap

HeapGraph::Options GraphOptionsFor(const Runtime& rt, SnapshotIds* ids) {
  HeapGraph::Options options;
  options.user_roots.push_back({rt.global(), "global"});
  options.ids = ids;
  return options;
}

namespace {

struct Holder {
  const Function* fn;
  bool direct;
};

// The function ids of a function and of every function literal nested in
// it: the code a live closure of `info` can still run (closures of nested
// functions made later see the same outer contexts). All of it is in the
// script of the contexts the closure holds, where function ids are unique.
using NestedMemo = std::unordered_map<const FunctionInfo*, std::unordered_set<uint32_t>>;
const std::unordered_set<uint32_t>& NestedCode(const FunctionInfo* info, NestedMemo& memo) {
  auto it = memo.find(info);
  if (it != memo.end()) return it->second;
  std::unordered_set<uint32_t> ids;
  std::unordered_set<const FunctionInfo*> seen;
  std::vector<const FunctionInfo*> work{info};
  while (!work.empty()) {
    const FunctionInfo* f = work.back();
    work.pop_back();
    if (!seen.insert(f).second) continue;
    ids.insert(f->function_id);
    for (Value c : f->constants) {
      if (c.IsCellOfKind(CellKind::kFunctionInfo)) work.push_back(static_cast<const FunctionInfo*>(c.AsCell()));
    }
  }
  return memo.emplace(info, std::move(ids)).first->second;
}

}  // namespace

namespace {

// Sorts `list` by retained size, largest first (ties in node order), and keeps the first `max`.
void KeepLargest(const HeapGraph& g, std::vector<uint32_t>& list, size_t max) {
  std::sort(list.begin(), list.end(), [&g](uint32_t a, uint32_t b) {
    size_t ra = g.RetainedSize(a), rb = g.RetainedSize(b);
    return ra != rb ? ra > rb : a < b;
  });
  if (list.size() > max) list.resize(max);
}

// What can resume a suspended function, in words, from what references its
// generator object: the awaited promise's reaction, a queued job, or the
// generator object itself (its next/return/throw).
std::string ResumedBy(const HeapGraph& g, uint32_t node, const GeneratorObject* gen) {
  bool by_promise = false, by_job = false;
  for (const HeapGraph::Edge& e : g.edges()) {
    if (e.to != node || e.type == EdgeType::kWeak) continue;
    const Cell* from = g.nodes()[e.from].cell;
    if (from && from->kind() == CellKind::kPromise && g.EdgeName(e) == "continuation") by_promise = true;
    if (!from && g.NameOf(e.from) == "(Microtask queue)") by_job = true;
  }
  if (by_job) return "a queued microtask resumes it";
  if (by_promise) return "it resumes when the promise it awaits settles";
  if (gen->generator_kind() == GeneratorKind::kGenerator) return "it resumes when its generator object's next(), return() or throw() is called";
  if (gen->generator_kind() == GeneratorKind::kAsyncGenerator) return "it resumes when its async generator's next(), return() or throw() is called";
  return "nothing that can resume it is reachable";
}

// The suspended generators and async functions of the graph, with what they hold.
void ExplainSuspended(const HeapGraph& g, const std::vector<bool>& root_held, const AllocationSites* sites,
                      HeapReport& report) {
  const auto& nodes = g.nodes();
  std::vector<uint32_t> gens;
  for (uint32_t n = 0; n < nodes.size(); ++n) {
    const Cell* c = nodes[n].cell;
    if (c && c->kind() == CellKind::kGenerator && static_cast<const GeneratorObject*>(c)->is_suspended()) gens.push_back(n);
  }
  report.suspended_total = gens.size();
  KeepLargest(g, gens, HeapReport::kMaxSuspended);
  for (uint32_t n : gens) {
    auto* gen = static_cast<const GeneratorObject*>(nodes[n].cell);
    const FunctionInfo* info = gen->function()->info();
    SuspendedReport sr;
    sr.node_id = nodes[n].id;
    sr.kind = GeneratorKindWord(gen->generator_kind());
    sr.function = FunctionName(info);
    SourceSite site = SuspensionSite(gen);
    sr.site = site.Text();
    sr.line = site.line;
    // An async generator's suspension is an await unless it stands at a yield.
    sr.at = gen->generator_kind() == GeneratorKind::kGenerator ||
                    (gen->generator_kind() == GeneratorKind::kAsyncGenerator && !gen->awaiting())
                ? "yield"
                : "await";
    sr.self_size = nodes[n].self_size;
    sr.retained_size = g.RetainedSize(n);
    auto add = [&](const std::string& name, bool in_context, Value v, uint32_t owner) {
      if (!v.IsCell() || v.AsCell() == gen) return;
      SuspendedValue sv;
      sv.name = name;
      sv.in_context = in_context;
      sv.value = DescribeValue(v, sites);
      uint32_t vn = g.NodeOf(v.AsCell());
      if (vn != HeapGraph::kNone) {
        sv.retained_size = g.RetainedSize(vn);
        sv.dominated = g.Dominator(vn) == n || g.Dominator(vn) == owner;
      }
      sr.values.push_back(std::move(sv));
    };
    // The saved parameters and registers (the activation's context is
    // saved as one of them too: it is reported by its variables below).
    const ExternalVector<Value>& saved = gen->saved();
    for (size_t i = 0; i < saved.size(); ++i) {
      if (saved[i].IsCellOfKind(CellKind::kContext)) continue;
      String* name = i < info->saved_names.size() ? info->saved_names[i] : nullptr;
      add(name ? name->ToUtf8() : "", false, saved[i], n);
    }
    // The contexts this activation made: from the current one out to the
    // closure's own.
    const Context* outer = gen->function()->context();
    for (Value cv = gen->context(); cv.IsCellOfKind(CellKind::kContext);) {
      auto* ctx = static_cast<const Context*>(cv.AsCell());
      if (ctx == outer) break;
      const ScopeInfo* si = ctx->scope_info();
      uint32_t vars = si ? std::min(si->slot_count(), ctx->var_count()) : 0;
      for (uint32_t i = 0; i < vars; ++i) {
        add(si->name(i)->ToUtf8(), true, ctx->get(Context::kFirstSlot + i), g.NodeOf(ctx));
      }
      if (!ctx->previous()) break;
      cv = Value::FromCell(const_cast<Context*>(ctx->previous()));
    }
    std::stable_sort(sr.values.begin(), sr.values.end(), [](const SuspendedValue& a, const SuspendedValue& b) {
      return a.retained_size > b.retained_size;
    });
    sr.path = SourcePath(g, root_held, g.PathTo(n), sites);
    sr.resumed_by = ResumedBy(g, n, gen);
    std::string text = "the " + sr.kind + " " + sr.function + " is suspended" +
                       (sr.site.empty() ? std::string() : " at " + sr.site) + " (" + (sr.at == "await" ? "an await" : "a yield") + ")";
    std::vector<std::string> held;
    for (const SuspendedValue& v : sr.values) {
      if (held.size() == 3) break;
      held.push_back((v.name.empty() ? std::string("a temporary") : v.name) + " (" + v.value + ")");
    }
    if (!held.empty()) text += " and holds " + JoinNames(held);
    text += "; " + sr.resumed_by;
    if (!sr.path.steps.empty()) text += ", and it is reached by " + sr.path.Text();
    sr.explanation = text + ".";
    report.suspended.push_back(std::move(sr));
  }
}

}  // namespace

HeapReport ExplainHeap(const HeapGraph& g, const AllocationSites* sites) {
  HeapReport report;
  const auto& nodes = g.nodes();
  std::unordered_map<const Context*, std::vector<Holder>> holders;
  std::vector<uint32_t> context_nodes;
  for (uint32_t n = 0; n < nodes.size(); ++n) {
    const Cell* c = nodes[n].cell;
    if (!c) continue;
    report.live_objects++;
    report.live_bytes += nodes[n].self_size;
    switch (c->kind()) {
      case CellKind::kFunction: {
        auto* fn = static_cast<const Function*>(c);
        bool direct = true;
        for (const Context* ctx = fn->context(); ctx; ctx = ctx->previous(), direct = false) {
          holders[ctx].push_back({fn, direct});
        }
        break;
      }
      case CellKind::kContext:
        context_nodes.push_back(n);
        break;
      case CellKind::kArrayBuffer:
        report.array_buffers++;
        report.array_buffer_bytes += static_cast<const ArrayBufferObject*>(c)->byte_length();
        break;
      default:
        break;
    }
  }
  // Contexts a running function uses (a register, or the frame's context
  // chain), and retainers that are neither closures nor inner contexts.
  std::unordered_set<const Context*> frame_held;
  std::unordered_map<const Context*, std::vector<std::string>> other;
  // Cells the host's timers and the microtask queue hold directly.
  std::unordered_map<const Cell*, std::string> host_held;
  for (const HeapGraph::Edge& e : g.edges()) {
    const Cell* to = nodes[e.to].cell;
    if (to && !nodes[e.from].cell && e.type != EdgeType::kWeak) {
      const std::string& section = g.NameOf(e.from);
      if (section == "(Timers)" || section == "(Microtask queue)") {
        std::string what = section == "(Timers)" ? g.EdgeName(e) : "queued microtask";
        host_held.emplace(to, what);
      }
    }
    if (!to || to->kind() != CellKind::kContext || e.type == EdgeType::kWeak) continue;
    auto* ctx = static_cast<const Context*>(to);
    const Cell* from = nodes[e.from].cell;
    if (!from) {
      const std::string& section = g.NameOf(e.from);
      if (section == "(Stack roots)") {
        for (const Context* c = ctx; c; c = c->previous()) frame_held.insert(c);
      } else if (!IsScriptContext(ctx)) {
        AddUnique(other[ctx], section == "(Handle roots)" ? "a C++ handle" : section + " " + g.EdgeName(e));
      }
      continue;
    }
    if (from->kind() == CellKind::kFunction || from->kind() == CellKind::kContext) continue;
    if (from->kind() == CellKind::kGenerator) {  // its context, or a context saved in a register
      AddUnique(other[ctx], "the " + DescribeCell(from, sites));
      continue;
    }
    AddUnique(other[ctx], DescribeCell(from, sites) + " (" + g.EdgeName(e) + ")");
  }

  NestedMemo nested_memo;
  std::vector<bool> root_held = RootHeldNodes(g);
  report.contexts_total = context_nodes.size();
  KeepLargest(g, context_nodes, HeapReport::kMaxContexts);

  for (uint32_t n : context_nodes) {
    auto* ctx = static_cast<const Context*>(nodes[n].cell);
    const ScopeInfo* si = ctx->scope_info();
    ContextReport cr;
    cr.node_id = nodes[n].id;
    cr.name = DescribeCell(ctx, sites);
    cr.scope = si ? ScopeWord(si->type()) : "?";
    SourceSite site;
    if (sites && sites->Find(ctx, &site)) cr.site = site.Text();
    cr.self_size = nodes[n].self_size;
    cr.retained_size = g.RetainedSize(n);
    cr.held_by_frame = frame_held.count(ctx) > 0;
    if (auto it = other.find(ctx); it != other.end()) cr.other_retainers = it->second;
    cr.path = SourcePath(g, root_held, g.PathTo(n), sites);
    const std::vector<Holder>& hs = holders[ctx];
    cr.holder_count = hs.size();
    for (size_t i = 0; i < hs.size() && i < ContextReport::kMaxHolders; ++i) {
      ContextHolder h;
      h.closure = ClosureName(hs[i].fn, sites);
      SourceSite fs;
      if (sites && sites->Find(hs[i].fn, &fs)) h.site = fs.Text();
      h.direct = hs[i].direct;
      if (auto it = host_held.find(hs[i].fn); it != host_held.end()) h.root = it->second;
      h.path = SourcePath(g, root_held, g.PathTo(g.NodeOf(hs[i].fn)), sites);
      cr.holders.push_back(std::move(h));
    }
    uint32_t vars = si ? std::min(si->slot_count(), ctx->var_count()) : 0;
    for (uint32_t i = 0; i < vars; ++i) {
      ContextVariable var;
      var.name = si->name(i)->ToUtf8();
      var.slot = Context::kFirstSlot + i;
      Value value = ctx->get(var.slot);
      var.value = DescribeValue(value, sites);
      var.is_heap = value.IsCell();
      if (var.is_heap) {
        uint32_t vn = g.NodeOf(value.AsCell());
        if (vn != HeapGraph::kNone) {
          var.retained_size = g.RetainedSize(vn);
          var.dominated = g.Dominator(vn) == n;
        }
      }
      std::vector<uint32_t> capturer_ids;
      for (const ScopeInfo::Capturer& cap : si->capturers()) {
        if (cap.index != i) continue;
        std::string name = cap.name ? cap.name->ToUtf8() : "";
        AddUnique(var.captured_by, name.empty() ? "(anonymous)" : name);
        capturer_ids.push_back(cap.function_id);
      }
      for (const Holder& h : hs) {
        const auto& code = NestedCode(h.fn->info(), nested_memo);
        for (uint32_t id : capturer_ids) {
          if (code.count(id)) {
            AddUnique(var.used_by, ClosureName(h.fn, sites));
            break;
          }
        }
      }
      var.leak = si->type() != ScopeType::kScript && var.is_heap && !var.captured_by.empty() &&
                 var.used_by.empty() && !hs.empty() && !cr.held_by_frame && cr.other_retainers.empty();
      if (var.leak) {
        std::vector<std::string> holder_names;
        for (const Holder& h : hs) {
          std::string name = ClosureName(h.fn, sites);
          if (auto it = host_held.find(h.fn); it != host_held.end()) {
            name += " (a " + it->second + (it->second == "setInterval callback" ? ", armed until clearInterval)" : ")");
          }
          AddUnique(holder_names, name);
        }
        bool one_capturer = var.captured_by.size() == 1;
        bool one_holder = holder_names.size() == 1;
        var.explanation = var.name + " is kept alive only because " + JoinNames(var.captured_by) +
                          " captured it, yet " + (one_capturer ? JoinNames(var.captured_by) + " has no" : "none of them has a") +
                          " live closure over this context; " + JoinNames(holder_names) + ", which " +
                          (one_holder ? "holds" : "hold") + " the context, never " + (one_holder ? "uses " : "use ") +
                          var.name + ".";
      }
      var.path = cr.path;
      var.path.steps.push_back(var.name);
      if (var.leak) report.leaks.push_back({report.contexts.size(), cr.variables.size()});
      cr.variables.push_back(std::move(var));
    }
    report.contexts.push_back(std::move(cr));
  }
  ExplainSuspended(g, root_held, sites, report);
  return report;
}

}  // namespace jsvm
