#include "tools/dispatch-stats.h"

#include <algorithm>
#include <numeric>

#include <nlohmann/json.hpp>

#include "vm/interpreter/bytecodes.h"

namespace jsvm {

namespace {

struct Row {
  uint64_t count;
  size_t index;
};

// The `top` largest non-zero entries of v, largest first (ties by index).
std::vector<Row> Largest(const std::vector<uint64_t>& v, size_t top) {
  std::vector<Row> rows;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i]) rows.push_back({v[i], i});
  }
  auto by_count = [](const Row& a, const Row& b) { return a.count != b.count ? a.count > b.count : a.index < b.index; };
  size_t n = std::min(top, rows.size());
  std::partial_sort(rows.begin(), rows.begin() + static_cast<ptrdiff_t>(n), rows.end(), by_count);
  rows.resize(n);
  return rows;
}

const char* Name(size_t i) { return BytecodeName(static_cast<Bytecode>(i)); }

}  // namespace

void PrintDispatchStats(std::FILE* out, const std::vector<uint64_t>& counts, const std::vector<uint64_t>& pairs,
                        size_t top) {
  uint64_t total = std::accumulate(counts.begin(), counts.end(), uint64_t{0});
  uint64_t pair_total = std::accumulate(pairs.begin(), pairs.end(), uint64_t{0});
  std::fprintf(out, "dispatch statistics: %llu bytecodes executed, %zu distinct\n",
               static_cast<unsigned long long>(total),
               static_cast<size_t>(std::count_if(counts.begin(), counts.end(), [](uint64_t c) { return c != 0; })));
  std::fprintf(out, "\n%-34s %14s %7s\n", "bytecode", "count", "%");
  for (const Row& r : Largest(counts, top)) {
    std::fprintf(out, "%-34s %14llu %6.2f%%\n", Name(r.index), static_cast<unsigned long long>(r.count),
                 total ? 100.0 * static_cast<double>(r.count) / static_cast<double>(total) : 0.0);
  }
  std::fprintf(out, "\n%-50s %14s %7s\n", "pair (superinstruction candidates)", "count", "%");
  size_t n = static_cast<size_t>(kBytecodeCount);
  for (const Row& r : Largest(pairs, top)) {
    std::string pair = std::string(Name(r.index / n)) + " -> " + Name(r.index % n);
    std::fprintf(out, "%-50s %14llu %6.2f%%\n", pair.c_str(), static_cast<unsigned long long>(r.count),
                 pair_total ? 100.0 * static_cast<double>(r.count) / static_cast<double>(pair_total) : 0.0);
  }
}

std::string DispatchCountersJson(const std::vector<uint64_t>& pairs) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  size_t n = static_cast<size_t>(kBytecodeCount);
  for (size_t from = 0; from < n; ++from) {
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (size_t to = 0; to < n; ++to) {
      if (uint64_t c = pairs[from * n + to]) row[Name(to)] = c;
    }
    if (!row.empty()) j[Name(from)] = std::move(row);
  }
  return j.dump(2) + "\n";
}

}  // namespace jsvm
