#include "vm/objects/unicode.h"

#include "vm/objects/unicode-properties.h"

namespace jsvm {

void AppendCodePoint(std::u16string& out, char32_t cp) {
  if (cp < 0x10000) {
    out.push_back(static_cast<char16_t>(cp));
  } else {
    cp -= 0x10000;
    out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
    out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
  }
}

// The WHATWG Encoding Standard's UTF-8 decoder (what node uses for source
// files): each maximal subpart of an ill-formed sequence gives one U+FFFD, a
// byte that cannot continue the sequence is decoded again on its own, and
// overlongs, surrogates (ED A0..BF) and code points past U+10FFFF are invalid.
std::u16string Utf8ToUtf16(std::string_view s) {
  std::u16string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    ++i;
    if (c < 0x80) {
      out.push_back(c);
      continue;
    }
    int needed;
    char32_t cp;
    unsigned char lower = 0x80, upper = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      needed = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      if (c == 0xE0) lower = 0xA0;
      if (c == 0xED) upper = 0x9F;
      needed = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      if (c == 0xF0) lower = 0x90;
      if (c == 0xF4) upper = 0x8F;
      needed = 3;
      cp = c & 0x07;
    } else {
      out.push_back(0xFFFD);
      continue;
    }
    bool ok = true;
    for (; needed > 0; --needed) {
      unsigned char cc = i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
      if (i >= s.size() || cc < lower || cc > upper) {
        ok = false;  // cc (if any) is decoded again as the start of what follows
        break;
      }
      cp = (cp << 6) | (cc & 0x3F);
      lower = 0x80;
      upper = 0xBF;
      ++i;
    }
    if (ok) AppendCodePoint(out, cp);
    else out.push_back(0xFFFD);
  }
  return out;
}

std::string Utf16ToUtf8(std::u16string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char32_t cp = s[i];
    if (IsHighSurrogate(s[i]) && i + 1 < s.size() && IsLowSurrogate(s[i + 1])) {
      cp = 0x10000 + ((cp - 0xD800) << 10) + (s[i + 1] - 0xDC00);
      ++i;
    } else if (IsHighSurrogate(s[i]) || IsLowSurrogate(s[i])) {
      cp = 0xFFFD;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

bool IsJsWhiteSpace(char32_t c) {
  switch (c) {
    case 0x09: case 0x0B: case 0x0C: case 0x20: case 0xA0: case 0xFEFF:
    case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
    case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A:
    case 0x202F: case 0x205F: case 0x3000:
      return true;
    default:
      return false;
  }
}

bool IsIdStart(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
  return IsUnicodeIdStart(c);
}

bool IsIdPart(char32_t c) {
  if (c < 0x80) return IsIdStart(c) || (c >= '0' && c <= '9');
  return IsUnicodeIdContinue(c) || c == 0x200C || c == 0x200D;
}

}  // namespace jsvm
