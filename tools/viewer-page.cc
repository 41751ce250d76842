#include "tools/viewer-page.h"

#include <utility>
#include <vector>

namespace jsvm {
namespace {

// `text` made safe for HTML element content.
std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      default: out += c;
    }
  }
  return out;
}

// The template with each `{{name}}` replaced by its value; only the template
// is scanned, never a value put in.
std::string Fill(std::string_view page, const std::vector<std::pair<std::string_view, std::string_view>>& values) {
  std::string out;
  size_t pos = 0;
  while (pos < page.size()) {
    size_t open = page.find("{{", pos);
    size_t close = open == std::string_view::npos ? open : page.find("}}", open);
    if (close == std::string_view::npos) break;
    std::string_view name = page.substr(open + 2, close - open - 2);
    out.append(page.substr(pos, open - pos));
    bool known = false;
    for (const auto& [key, value] : values) {
      if (key == name) {
        out.append(value);
        known = true;
      }
    }
    if (!known) out.append(page.substr(open, close + 2 - open));
    pos = close + 2;
  }
  if (pos < page.size()) out.append(page.substr(pos));
  return out;
}

}  // namespace

std::string ViewerPage(std::string_view trace_json, std::string_view title) {
  std::string json;
  json.reserve(trace_json.size() + trace_json.size() / 64);
  for (char c : trace_json) {
    if (c == '<') {
      json += "\\u003c";
    } else {
      json += c;
    }
  }
  std::string safe_title = EscapeHtml(title);
  return Fill(kViewerHtml, {{"title", safe_title}, {"css", kViewerCss}, {"js", kViewerJs}, {"trace", json}});
}

}  // namespace jsvm
