// `jsvm run --dispatch-stats`: what the dispatch loop executed, for finding
// superinstruction candidates. The table goes to stderr; the JSON file has
// the shape of V8's --trace-ignition-dispatches-output-file:
//   { "Ldar": { "Star": 1200, ... }, ... }   (from bytecode -> to bytecode -> dispatches)
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace jsvm {

// Prints the executed-bytecode counts and the most frequent pairs.
void PrintDispatchStats(std::FILE* out, const std::vector<uint64_t>& counts, const std::vector<uint64_t>& pairs,
                        size_t top);
// V8's dispatch-counter JSON (pairs only, zero counts left out).
std::string DispatchCountersJson(const std::vector<uint64_t>& pairs);

}  // namespace jsvm
