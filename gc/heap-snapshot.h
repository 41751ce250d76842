// Heap snapshots in Chrome DevTools' .heapsnapshot format (the format V8's
// v8.writeHeapSnapshot() writes and the Memory panel loads), made from a
// HeapGraph (heap-graph.h), i.e. from the cells' own Trace functions.
//
// The file is V8's layout: compact JSON, keys in the order DevTools' stream
// loader expects (snapshot, nodes, edges, trace_function_infos, trace_tree,
// samples, locations, strings), one node or edge per line, every number an
// unsigned integer. The output is a function of the graph alone, so the same
// heap always gives the same bytes.
#pragma once

#include <ostream>
#include <string>

#include "gc/heap-graph.h"

namespace jsvm {

// Writes `graph` as a .heapsnapshot document.
void WriteHeapSnapshot(const HeapGraph& graph, std::ostream& out);

// Writes `graph` to the file `path`. Returns false (and sets *error) when the
// file cannot be written.
bool WriteHeapSnapshotFile(const HeapGraph& graph, const std::string& path, std::string* error);

}  // namespace jsvm
