// Parse errors and how they are shown to a user.
#pragma once

#include <string>
#include <string_view>

#include "compiler/ast.h"

namespace jsvm {

// The error constructor a parse failure maps to at run time.
enum class ParseErrorKind {
  kSyntaxError,
  kRangeError,  // the program nests too deeply for the parser
};

// The first error found in a program.
struct ParseError {
  ParseErrorKind kind = ParseErrorKind::kSyntaxError;
  std::string message;  // V8's wording where there is one
  SourcePos pos;        // where the offending token starts
  bool unterminated = false;  // the input ends inside the offending token (a comment, template literal)
};

// The name of the error constructor for `kind` ("SyntaxError", "RangeError").
const char* ParseErrorKindName(ParseErrorKind kind);

// The most columns of a source line an error shows (a longer line is cut to
// a window around the error).
inline constexpr size_t kMaxErrorLineWidth = 120;

// Formats `e` for a terminal as three lines (no trailing newline):
//   FILE:LINE:COL: SyntaxError: message
//   <the source line holding the error, tabs kept>
//   <a space for each column before COL (a tab where the line has one)>^
// LINE and COL are 1-based and COL counts UTF-16 code units. A line longer
// than kMaxErrorLineWidth is shown as the kMaxErrorLineWidth code units
// around COL, with "..." where it was cut.
std::string FormatParseError(std::string_view file, std::u16string_view source,
                             const ParseError& e);

}  // namespace jsvm
