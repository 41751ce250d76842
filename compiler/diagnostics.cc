#include "compiler/diagnostics.h"

#include "vm/unicode.h"

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
  out += '\n';
  out += Utf16ToUtf8(line);
  out += '\n';
  size_t caret = e.pos.col > 0 ? e.pos.col - 1 : 0;
  for (size_t i = 0; i < caret; ++i) out += i < line.size() && line[i] == '\t' ? '\t' : ' ';
  out += '^';
  return out;
}

}  // namespace jsvm
