// `jsvm viz`: the trace viewer as one self-contained HTML page (tools/viewer/:
// its template, CSS and JavaScript, embedded at build time) with a trace
// (docs/trace-format.md) inlined.
#pragma once

#include <string>
#include <string_view>

namespace jsvm {

// The page sources, generated from tools/viewer/ by embed-assets.cmake.
extern const char kViewerHtml[];
extern const char kViewerCss[];
extern const char kViewerJs[];

// The page for one trace: the template with the CSS, the JavaScript, the
// page title and the trace JSON put in its placeholders. Every `<` in the
// JSON (only ever inside strings) becomes `\u003c`, so no `</script>` or
// `<!--` in a traced program's source can end the script block early.
std::string ViewerPage(std::string_view trace_json, std::string_view title);

}  // namespace jsvm
