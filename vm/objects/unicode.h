// UTF-8 <-> UTF-16 conversion and small character-class helpers shared by the
// lexer and the runtime. JavaScript strings are sequences of UTF-16 code units;
// lone surrogates are kept when converting to UTF-16 and written as U+FFFD when
// converting to UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace jsvm {

// Decodes UTF-8 as the WHATWG decoder does (node reads source files so): each
// maximal ill-formed subpart becomes one U+FFFD.
std::u16string Utf8ToUtf16(std::string_view utf8);
// Encodes UTF-16 code units; lone surrogates become U+FFFD.
std::string Utf16ToUtf8(std::u16string_view utf16);
// Appends code point cp (0..0x10FFFF) as UTF-16.
void AppendCodePoint(std::u16string& out, char32_t cp);

inline bool IsHighSurrogate(char16_t c) { return c >= 0xD800 && c <= 0xDBFF; }
inline bool IsLowSurrogate(char16_t c) { return c >= 0xDC00 && c <= 0xDFFF; }
// The code point at i (a surrogate pair counts once, a lone surrogate is
// itself); *len receives its length in code units.
inline char32_t CodePointAt(std::u16string_view s, size_t i, size_t* len) {
  char16_t c = s[i];
  if (IsHighSurrogate(c) && i + 1 < s.size() && IsLowSurrogate(s[i + 1])) {
    *len = 2;
    return 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
  }
  *len = 1;
  return c;
}

// ECMAScript WhiteSpace and LineTerminator (code units).
bool IsJsWhiteSpace(char32_t c);
inline bool IsJsLineTerminator(char32_t c) {
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}
// IdentifierStartChar (ID_Start, $, _) and IdentifierPartChar (ID_Continue,
// $, ZWNJ, ZWJ), from the tables of unicode-properties.h.
bool IsIdStart(char32_t c);
bool IsIdPart(char32_t c);

}  // namespace jsvm
