#include "gc/heap-snapshot.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "base/json-string.h"

namespace jsvm {

namespace {

constexpr int kNodeFields = 7;  // type, name, id, self_size, edge_count, trace_node_id, detachedness

void WriteMeta(const HeapGraph& graph, std::string& out) {
  auto list = [&out](const char* const* names, size_t n) {
    out += '[';
    for (size_t i = 0; i < n; ++i) {
      if (i) out += ',';
      AppendJsonString(out, names[i]);
    }
    out += ']';
  };
  out += "{\"snapshot\":{\"meta\":{";
  out += "\"node_fields\":[\"type\",\"name\",\"id\",\"self_size\",\"edge_count\",\"trace_node_id\",\"detachedness\"],";
  out += "\"node_types\":[";
  list(kSnapshotNodeTypeNames, std::size(kSnapshotNodeTypeNames));
  out += ",\"string\",\"number\",\"number\",\"number\",\"number\",\"number\"],";
  out += "\"edge_fields\":[\"type\",\"name_or_index\",\"to_node\"],";
  out += "\"edge_types\":[";
  list(kSnapshotEdgeTypeNames, std::size(kSnapshotEdgeTypeNames));
  out += ",\"string_or_number\",\"node\"],";
  out += "\"trace_function_info_fields\":[\"function_id\",\"name\",\"script_name\",\"script_id\",\"line\",\"column\"],";
  out += "\"trace_node_fields\":[\"id\",\"function_info_index\",\"count\",\"size\",\"children\"],";
  out += "\"sample_fields\":[\"timestamp_us\",\"last_assigned_id\"],";
  out += "\"location_fields\":[\"object_index\",\"script_id\",\"line\",\"column\"]},";
  out += "\"node_count\":" + std::to_string(graph.nodes().size());
  out += ",\"edge_count\":" + std::to_string(graph.edges().size());
  out += ",\"trace_function_count\":0},\n";
}

}  // namespace

void WriteHeapSnapshot(const HeapGraph& graph, std::ostream& out) {
  std::string buf;
  auto flush = [&](bool force) {
    if (force || buf.size() > (1u << 16)) {
      out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
      buf.clear();
    }
  };
  // One JSON array, one row per item, as V8 lays them out.
  auto rows = [&](const auto& items, const char* separator, auto&& row) {
    bool first = true;
    for (const auto& item : items) {
      if (!first) buf += separator;
      first = false;
      row(item);
      flush(false);
    }
  };
  WriteMeta(graph, buf);
  buf += "\"nodes\":[";
  rows(graph.nodes(), "\n,", [&](const HeapGraph::Node& n) {
    // Self sizes are below 4 GB in any heap this VM can hold; clamp anyway
    // so that every value stays an unsigned 32-bit integer.
    uint64_t size = n.self_size > UINT32_MAX ? UINT32_MAX : n.self_size;
    buf += std::to_string(n.type) + ',' + std::to_string(n.name) + ',' + std::to_string(n.id) + ',' +
           std::to_string(size) + ',' + std::to_string(n.edge_count) + ",0,0";
  });
  buf += "],\n\"edges\":[";
  rows(graph.edges(), "\n,", [&](const HeapGraph::Edge& e) {
    buf += std::to_string(static_cast<int>(e.type)) + ',' + std::to_string(e.name_or_index) + ',' +
           std::to_string(static_cast<uint64_t>(e.to) * kNodeFields);
  });
  buf += "],\n\"trace_function_infos\":[],\n\"trace_tree\":[],\n\"samples\":[],\n\"locations\":[],\n\"strings\":[";
  rows(graph.strings(), ",\n", [&](const std::string& str) { AppendJsonString(buf, str); });
  buf += "]}\n";
  flush(true);
}

bool WriteHeapSnapshotFile(const HeapGraph& graph, const std::string& path, std::string* error) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    *error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  WriteHeapSnapshot(graph, file);
  file.close();
  if (!file) {
    *error = "error while writing " + path;
    return false;
  }
  return true;
}

}  // namespace jsvm
