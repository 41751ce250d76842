#include "tools/heap-tools.h"

#include <cstdio>
#include <filesystem>
#include <sstream>
#include <unordered_map>

#include "gc/heap-snapshot.h"
#include "vm/builtins/builtins.h"

namespace jsvm {

namespace {

std::string Thousands(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Bytes(uint64_t n) {
  char buf[32];
  if (n < 1024) return std::to_string(n) + " B";
  if (n < 1024 * 1024) {
    std::snprintf(buf, sizeof buf, "%.1f KB", n / 1024.0);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f MB", n / (1024.0 * 1024.0));
  }
  return buf;
}

std::string Join(const std::vector<std::string>& list, const char* sep = ", ") {
  std::string out;
  for (size_t i = 0; i < list.size(); ++i) {
    if (i) out += sep;
    out += list[i];
  }
  return out;
}

// A path for the text report: long chains lose their middle.
std::string ShortPath(const RetainerPath& p) {
  constexpr size_t kHead = 4, kTail = 4;
  if (p.steps.size() <= kHead + kTail + 2) return p.Text();
  std::vector<std::string> steps(p.steps.begin(), p.steps.begin() + kHead);
  steps.push_back("... " + std::to_string(p.steps.size() - kHead - kTail) + " more steps ...");
  steps.insert(steps.end(), p.steps.end() - kTail, p.steps.end());
  return Join(steps, " -> ");
}

std::string Plural(uint64_t n, const char* one, const char* many) {
  return Thousands(n) + " " + (n == 1 ? one : many);
}

// What a variable's value costs, in words.
std::string Retains(const ContextVariable& v) {
  if (!v.is_heap) return "";
  if (v.dominated) return "retains " + Bytes(v.retained_size);
  return "also held elsewhere (" + Bytes(v.retained_size) + " not exclusive to this context)";
}

void CyclesText(const CycleSummary& c, std::ostringstream& out) {
  out << "Garbage cycles that reference counting would leak, freed by mark-sweep:\n";
  if (c.cycles == 0) {
    out << "  none in " << Plural(c.collections, "collection", "collections") << ".\n";
    return;
  }
  out << "  " << Plural(c.cycles, "cycle", "cycles") << " (" << Plural(c.objects, "object", "objects") << ", "
      << Bytes(c.bytes) << ") in " << Plural(c.collections, "collection", "collections") << ":\n";
  constexpr size_t kShown = 8;
  for (size_t i = 0; i < c.shapes.size() && i < kShown; ++i) {
    const CycleShape& s = c.shapes[i];
    out << "    " << Thousands(s.count) << " x " << s.shape << "  (" << Plural(s.component_size, "object", "objects")
        << " in each; first: " << Join(s.example) << ")\n";
  }
  if (c.shapes.size() > kShown) out << "    ... and " << (c.shapes.size() - kShown) << " more shapes\n";
}

}  // namespace

std::string FormatLeakReportText(const HeapReport& r, const std::string& script) {
  std::ostringstream out;
  out << "== jsvm leaks: " << script << ", " << (r.label == "exit" ? std::string("at exit") : "at __snapshot(\"" + r.label + "\")")
      << " ==\n";
  out << "Live heap: " << Plural(r.live_objects, "object", "objects") << ", " << Bytes(r.live_bytes)
      << " (after a full collection).\n";
  if (r.array_buffers > 0) {
    out << "Array buffers: " << Thousands(r.array_buffers) << " holding " << Bytes(r.array_buffer_bytes)
        << " of backing stores (external memory).\n";
  }
  out << "\n";

  // Leaks of the same variable in contexts of the same function, captured
  // and held by the same functions, are one finding: shown once, counted.
  struct Group {
    size_t first;
    size_t count = 0;
  };
  std::vector<std::string> keys;
  std::unordered_map<std::string, Group> groups;
  for (size_t i = 0; i < r.leaks.size(); ++i) {
    const ContextReport& c = r.contexts[r.leaks[i].first];
    const ContextVariable& v = c.variables[r.leaks[i].second];
    std::string key = c.name + "|" + v.name + "|" + Join(v.captured_by) + "|";
    for (const ContextHolder& h : c.holders) key += h.closure + ",";
    auto [it, inserted] = groups.emplace(key, Group{i});
    if (inserted) keys.push_back(key);
    it->second.count++;
  }
  out << "Possible leaks: " << (r.leaks.empty() ? "none" : Thousands(r.leaks.size())) << "\n";
  for (const std::string& key : keys) {
    const Group& g = groups.at(key);
    auto [ci, vi] = r.leaks[g.first];
    const ContextReport& c = r.contexts[ci];
    const ContextVariable& v = c.variables[vi];
    out << "  " << v.name << " in " << c.name << ": " << v.value << ", " << Retains(v) << "\n";
    out << "    " << ShortPath(v.path) << ": " << Bytes(v.retained_size) << "\n";
    out << "    " << v.explanation << "\n";
    if (g.count > 1) {
      out << "    (and the same in " << (g.count - 1) << " more " << (g.count == 2 ? "context" : "contexts")
          << " like it; --json lists each)\n";
    }
  }
  out << "\n";

  constexpr size_t kShownSuspended = 25;
  out << "Suspended generators and async functions: " << Thousands(r.suspended_total) << "\n";
  for (size_t i = 0; i < r.suspended.size() && i < kShownSuspended; ++i) {
    const SuspendedReport& s = r.suspended[i];
    out << "  " << s.kind << " " << s.function << ", suspended at " << (s.at == "await" ? "an await" : "a yield")
        << (s.site.empty() ? "" : " (" + s.site + ")") << "\n";
    out << "    retained size " << Bytes(s.retained_size) << ", self " << Bytes(s.self_size) << "\n";
    if (!s.path.steps.empty()) out << "    reached by: " << ShortPath(s.path) << "\n";
    out << "    " << s.resumed_by << "\n";
    for (const SuspendedValue& v : s.values) {
      out << "      " << (v.name.empty() ? std::string("(a temporary)") : v.name) << " = " << v.value;
      if (v.in_context) out << " (in its context)";
      if (v.dominated) {
        out << "  retains " << Bytes(v.retained_size);
      } else {
        out << "  also held elsewhere (" << Bytes(v.retained_size) << " not exclusive to it)";
      }
      out << "\n";
    }
    out << "    " << s.explanation << "\n";
  }
  if (r.suspended_total > kShownSuspended) {
    out << "  ... and " << (r.suspended_total - kShownSuspended) << " more (see --json)\n";
  }
  out << "\n";

  constexpr size_t kShownContexts = 25;
  out << "Live contexts of user code: " << Thousands(r.contexts_total) << "\n";
  for (size_t i = 0; i < r.contexts.size() && i < kShownContexts; ++i) {
    const ContextReport& c = r.contexts[i];
    out << "  " << c.name << " (" << c.scope << " scope" << (c.site.empty() ? "" : ", made at " + c.site) << ")\n";
    out << "    retained size " << Bytes(c.retained_size) << " (what freeing it would free), self " << Bytes(c.self_size)
        << "\n";
    if (!c.path.steps.empty()) out << "    reached by: " << ShortPath(c.path) << "\n";
    if (c.scope == "script") {
      // Every top-level function holds the script context; the runtime holds it anyway.
      out << "    held by the program: top-level let/const/class live as long as the script ("
          << Plural(c.holder_count, "closure", "closures") << " also hold it)\n";
    } else {
      for (const ContextHolder& h : c.holders) {
        out << "    held by: " << h.closure << (h.direct ? " (its own context" : " (an outer context of it")
            << (h.site.empty() ? "" : "; closure made at " + h.site) << (h.root.empty() ? "" : "; a " + h.root) << ")";
        if (!h.path.steps.empty()) out << ", reached by " << ShortPath(h.path);
        out << "\n";
      }
      if (c.holder_count > c.holders.size()) {
        out << "    ... and " << (c.holder_count - c.holders.size()) << " more closures\n";
      }
    }
    if (c.held_by_frame) out << "    in use by a running function\n";
    for (const std::string& o : c.other_retainers) out << "    also held by: " << o << "\n";
    out << "    variables:\n";
    for (const ContextVariable& v : c.variables) {
      out << "      " << v.name << " = " << v.value;
      std::string retains = Retains(v);
      if (!retains.empty()) out << "  " << retains;
      if (!v.captured_by.empty()) out << "; captured by " << Join(v.captured_by);
      if (!v.used_by.empty()) out << "; used by live " << Join(v.used_by);
      if (v.leak) out << "  [LEAK]";
      out << "\n";
    }
  }
  if (r.contexts_total > kShownContexts) {
    out << "  ... and " << (r.contexts_total - kShownContexts) << " more (see --json)\n";
  }
  out << "\n";
  CyclesText(r.cycles, out);
  return out.str();
}

nlohmann::ordered_json LeakReportJson(const HeapReport& r, const std::string& snapshot_file) {
  using json = nlohmann::ordered_json;
  auto path_json = [](const RetainerPath& p) { return json{{"steps", p.steps}, {"text", p.Text()}}; };
  json j;
  j["label"] = r.label;
  j["snapshot_file"] = snapshot_file.empty() ? json(nullptr) : json(snapshot_file);
  j["live_objects"] = r.live_objects;
  j["live_bytes"] = r.live_bytes;
  j["array_buffers"] = r.array_buffers;
  j["array_buffer_bytes"] = r.array_buffer_bytes;
  json leaks = json::array();
  for (auto [ci, vi] : r.leaks) {
    const ContextReport& c = r.contexts[ci];
    const ContextVariable& v = c.variables[vi];
    json holders = json::array();
    for (const ContextHolder& h : c.holders) holders.push_back(h.closure);
    leaks.push_back({{"variable", v.name}, {"context", c.name}, {"context_id", c.node_id},
                     {"captured_by", v.captured_by}, {"held_by", holders}, {"value", v.value},
                     {"retained_size", v.retained_size}, {"dominated", v.dominated},
                     {"path", path_json(v.path)}, {"explanation", v.explanation}});
  }
  j["leaks"] = leaks;
  json contexts = json::array();
  for (const ContextReport& c : r.contexts) {
    json jc;
    jc["id"] = c.node_id;
    jc["name"] = c.name;
    jc["scope"] = c.scope;
    jc["site"] = c.site.empty() ? json(nullptr) : json(c.site);
    jc["self_size"] = c.self_size;
    jc["retained_size"] = c.retained_size;
    jc["path"] = path_json(c.path);
    json holders = json::array();
    for (const ContextHolder& h : c.holders) {
      holders.push_back({{"closure", h.closure}, {"site", h.site.empty() ? json(nullptr) : json(h.site)},
                         {"direct", h.direct}, {"root", h.root.empty() ? json(nullptr) : json(h.root)},
                         {"path", path_json(h.path)}});
    }
    jc["holders"] = holders;
    jc["holder_count"] = c.holder_count;
    jc["held_by_frame"] = c.held_by_frame;
    jc["other_retainers"] = c.other_retainers;
    json vars = json::array();
    for (const ContextVariable& v : c.variables) {
      vars.push_back({{"name", v.name}, {"slot", v.slot}, {"value", v.value}, {"is_heap", v.is_heap},
                      {"retained_size", v.retained_size}, {"dominated", v.dominated},
                      {"captured_by", v.captured_by}, {"used_by", v.used_by}, {"leak", v.leak},
                      {"explanation", v.leak ? json(v.explanation) : json(nullptr)}, {"path", path_json(v.path)}});
    }
    jc["variables"] = vars;
    contexts.push_back(std::move(jc));
  }
  j["contexts_total"] = r.contexts_total;
  j["contexts"] = contexts;
  json suspended = json::array();
  for (const SuspendedReport& s : r.suspended) {
    json values = json::array();
    for (const SuspendedValue& v : s.values) {
      values.push_back({{"name", v.name.empty() ? json(nullptr) : json(v.name)}, {"in_context", v.in_context},
                        {"value", v.value}, {"retained_size", v.retained_size}, {"dominated", v.dominated}});
    }
    suspended.push_back({{"id", s.node_id}, {"kind", s.kind}, {"function", s.function},
                         {"site", s.site.empty() ? json(nullptr) : json(s.site)}, {"line", s.line}, {"at", s.at},
                         {"self_size", s.self_size}, {"retained_size", s.retained_size}, {"values", values},
                         {"path", path_json(s.path)}, {"resumed_by", s.resumed_by}, {"explanation", s.explanation}});
  }
  j["suspended_total"] = r.suspended_total;
  j["suspended"] = suspended;
  json shapes = json::array();
  for (const CycleShape& s : r.cycles.shapes) {
    shapes.push_back({{"shape", s.shape}, {"objects_per_cycle", s.component_size}, {"count", s.count},
                      {"objects", s.objects}, {"bytes", s.bytes}, {"example", s.example}});
  }
  j["cycles"] = {{"collections", r.cycles.collections}, {"cycles", r.cycles.cycles}, {"objects", r.cycles.objects},
                 {"bytes", r.cycles.bytes}, {"shapes", shapes}};
  return j;
}

std::string SanitizeSnapshotLabel(const std::string& label) {
  std::string out;
  for (char ch : label) {
    bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    char c = alnum || ch == '-' || ch == '_' || ch == '.' ? ch : '_';
    bool separator = c == '_' || c == '.';
    // No leading separators (no hidden files) and no runs of them (no "..").
    if (separator && (out.empty() || out.back() == '_' || out.back() == '.')) continue;
    out += c;
    if (out.size() >= 48) break;
  }
  while (!out.empty() && (out.back() == '_' || out.back() == '.')) out.pop_back();
  return out.empty() ? "snapshot" : out;
}

// ---------------------------------------------------------------- HeapTools

HeapTools::HeapTools(Runtime& rt, std::string script_file, HeapToolOptions options)
    : rt_(rt), script_(std::filesystem::path(script_file).filename().string()), options_(std::move(options)) {
  ids_.Attach(rt_.heap());
  if (options_.explain) {
    sites_ = std::make_unique<AllocationSites>(rt_);
    cycles_ = std::make_unique<CycleRecorder>(rt_, sites_.get());
  }
  SetSnapshotHook(rt_, [this](Runtime&, const std::string& label) { return OnSnapshot(label); });
}

HeapTools::~HeapTools() {
  SetSnapshotHook(rt_, nullptr);
  cycles_.reset();
  sites_.reset();
}

Value HeapTools::OnSnapshot(const std::string& label) {
  std::string path;
  if (!options_.snapshot_dir.empty()) {
    char number[16];
    std::snprintf(number, sizeof number, "%03d-", ++snapshot_count_);
    path = (std::filesystem::path(options_.snapshot_dir) / (number + SanitizeSnapshotLabel(label) + ".heapsnapshot"))
               .string();
  } else if (!options_.explain) {
    return Value::Undefined();  // nothing asked for: __snapshot records nothing
  }
  if (!Capture(label.empty() ? "snapshot" : label, path) || path.empty()) return Value::Undefined();
  return StringValueUtf8(rt_, path);
}

bool HeapTools::Capture(const std::string& label, const std::string& path) {
  rt_.FlushStdout();
  // A full collection first, so that the report's cycle count includes the
  // garbage made so far (the graph itself only ever holds reachable cells).
  if (options_.explain) rt_.heap().Collect("leaks report");
  HeapGraph graph = HeapGraph::Build(rt_.heap(), GraphOptionsFor(rt_, &ids_));
  bool ok = true;
  if (!path.empty()) {
    std::error_code ec;
    std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    std::string error;
    if (!WriteHeapSnapshotFile(graph, path, &error)) {
      std::fprintf(stderr, "jsvm: %s\n", error.c_str());
      ok = ok_ = false;
    }
  }
  if (options_.explain) {
    HeapReport report = ExplainHeap(graph, sites_.get());
    report.label = label;
    if (cycles_) report.cycles = cycles_->summary();
    if (options_.json) {
      json_reports_.push_back(LeakReportJson(report, ok ? path : ""));
    } else {
      std::string text = FormatLeakReportText(report, script_);
      if (!ok || path.empty()) {
        std::fputs(text.c_str(), options_.out);
      } else {
        std::fprintf(options_.out, "%s(snapshot written to %s)\n", text.c_str(), path.c_str());
      }
      std::fputs("\n", options_.out);
      std::fflush(options_.out);
    }
  }
  return ok;
}

bool HeapTools::Finish() {
  if (options_.explain || !options_.snapshot_file.empty()) Capture("exit", options_.snapshot_file);
  if (options_.explain && options_.json) {
    nlohmann::ordered_json doc;
    doc["version"] = 1;
    doc["script"] = script_;
    doc["reports"] = json_reports_;
    std::fprintf(options_.out, "%s\n", doc.dump(2).c_str());
    std::fflush(options_.out);
  }
  return ok_;
}

}  // namespace jsvm
