#include "compiler/diagnostics.h"

#include <algorithm>

#include "vm/objects/unicode.h"

namespace jsvm {

const char* ParseErrorKindName(ParseErrorKind kind) {
  return kind == ParseErrorKind::kRangeError ? "RangeError" : "SyntaxError";
}

std::string FormatParseError(std::string_view file, std::u16string_view source,
                             const ParseError& e) {
  std::string out;
  out.append(file);
  out += ':' + std::to_string(e.pos.line) + ':' + std::to_string(e.pos.col) + ": ";
  out += ParseErrorKindName(e.kind);
  out += ": ";
  out += e.message;

  // The line holding the error: from after the previous line terminator to
  // before the next one.
  size_t offset = e.pos.offset < source.size() ? e.pos.offset : source.size();
  size_t begin = offset;
  while (begin > 0 && !IsJsLineTerminator(source[begin - 1])) --begin;
  size_t end = offset;
  while (end < source.size() && !IsJsLineTerminator(source[end])) ++end;
  std::u16string_view line = source.substr(begin, end - begin);
  size_t caret = e.pos.col > 0 ? e.pos.col - 1 : 0;
  // A long line (a minified or generated script) is shown as a window around
  // the error, "..." marking each side that was cut, so that an error in a
  // 5 MB line prints a few hundred bytes, not the line and as many spaces.
  std::string before, after;
  if (line.size() > kMaxErrorLineWidth) {
    size_t from = caret > kMaxErrorLineWidth / 2 ? caret - kMaxErrorLineWidth / 2 : 0;
    size_t to = std::min(line.size(), from + kMaxErrorLineWidth);
    if (to == line.size()) from = to - kMaxErrorLineWidth;
    if (from > 0 && IsLowSurrogate(line[from])) ++from;  // keep surrogate pairs whole
    if (to < line.size() && IsLowSurrogate(line[to])) ++to;
    if (from > 0) before = "...";
    if (to < line.size()) after = "...";
    line = line.substr(from, to - from);
    caret = caret - from + before.size();
  }
  out += '\n';
  out += before;
  out += Utf16ToUtf8(line);
  out += after;
  out += '\n';
  for (size_t i = 0; i < caret; ++i) {
    bool tab = i >= before.size() && i - before.size() < line.size() && line[i - before.size()] == '\t';
    out += tab ? '\t' : ' ';
  }
  out += '^';
  return out;
}

}  // namespace jsvm
