// The one JSON string escaper, shared by heap snapshots (gc/heap-snapshot.cc)
// and every JSON the tools write (tools/json-writer.h, the tracers).
//
// It lives in base/, the lowest layer (base <- gc <- vm <- compiler <- tools,
// docs/architecture.md), because gc/ is the lowest user and escaping a string
// is not the collector's business: base/ holds what every layer may use and
// includes nothing of jsvm's own, as V8's src/base/ does.
#pragma once

#include <string>
#include <string_view>

namespace jsvm {

// Appends `text` to `out` as a quoted JSON string (UTF-8 in, UTF-8 out;
// quotes, backslashes and control characters escaped, everything else,
// DEL and non-ASCII included, passed through).
void AppendJsonString(std::string& out, std::string_view text);

}  // namespace jsvm
