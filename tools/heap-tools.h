// The command line's heap tools: `--heap-snapshot=FILE`, `--snapshot-dir=DIR`
// with `__snapshot("label")`, and the leak reports of `jsvm leaks` /
// `jsvm run --explain-retained` (text, or JSON with --json). The formats are
// described in docs/heap-snapshots.md.
#pragma once

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "gc/heap-graph.h"
#include "vm/debug/leak-report.h"
#include "vm/execution/runtime.h"

namespace jsvm {

struct HeapToolOptions {
  std::string snapshot_file;  // a snapshot at exit ("" for none)
  std::string snapshot_dir;   // where __snapshot writes numbered snapshots ("" : __snapshot writes none)
  bool explain = false;       // a leak report at exit and at each __snapshot
  bool json = false;          // the reports as one JSON document, printed at exit
  FILE* out = stderr;         // where reports go
};

// A leak report as text for a learner (the points of docs/heap-snapshots.md).
std::string FormatLeakReportText(const HeapReport& report, const std::string& script);
// The same facts as JSON (schema in docs/heap-snapshots.md).
nlohmann::ordered_json LeakReportJson(const HeapReport& report, const std::string& snapshot_file);
// A __snapshot label made safe as a file name: letters, digits, '-', '_'
// and '.', other characters as '_', no separator ('_' or '.') at either end
// or twice in a row (so no "..", no hidden file), at most 48 bytes,
// "snapshot" when nothing is left.
std::string SanitizeSnapshotLabel(const std::string& label);

// Installs the __snapshot hook and, for reports, the allocation-site and
// garbage-cycle recorders, for the lifetime of the object (create it after
// the Runtime, destroy it before).
class HeapTools {
 public:
  HeapTools(Runtime& rt, std::string script_file, HeapToolOptions options);
  ~HeapTools();
  HeapTools(const HeapTools&) = delete;
  HeapTools& operator=(const HeapTools&) = delete;

  // At the end of the run: the exit snapshot and report, and the JSON
  // document. Returns false when a file could not be written.
  bool Finish();

 private:
  // __snapshot(label): returns the snapshot's path, or undefined.
  Value OnSnapshot(const std::string& label);
  // Builds the graph once for both the file and the report; "" path: no file.
  bool Capture(const std::string& label, const std::string& path);

  Runtime& rt_;
  std::string script_;
  HeapToolOptions options_;
  SnapshotIds ids_;
  std::unique_ptr<AllocationSites> sites_;
  std::unique_ptr<CycleRecorder> cycles_;
  nlohmann::ordered_json json_reports_ = nlohmann::ordered_json::array();
  int snapshot_count_ = 0;
  bool ok_ = true;
};

}  // namespace jsvm
