#include "compiler/lexer.h"

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "vm/objects/bigint.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

constexpr const char* kTokenTexts[] = {
#define T(name, text, precedence) text,
#define K(name, text, precedence) text,
#include "compiler/token.def"
};

constexpr int kTokenPrecedences[] = {
#define T(name, text, precedence) precedence,
#define K(name, text, precedence) precedence,
#include "compiler/token.def"
};

struct Keyword {
  const char* text;
  TokenKind kind;
};

constexpr Keyword kKeywords[] = {
#define K(name, text, precedence) {text, TokenKind::name},
#include "compiler/token.def"
};

constexpr const char* kInvalidToken = "Invalid or unexpected token";
constexpr const char* kInvalidUnicodeEscape = "Invalid Unicode escape sequence";
constexpr const char* kInvalidHexEscape = "Invalid hexadecimal escape sequence";
constexpr const char* kUndefinedCodePoint = "Undefined Unicode code-point";

bool IsDecimalDigit(int32_t c) { return c >= '0' && c <= '9'; }
bool IsAsciiIdStart(int32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '$' || c == '_';
}
bool IsAsciiIdPart(int32_t c) { return IsAsciiIdStart(c) || IsDecimalDigit(c); }
bool IsSurrogate(char32_t c) { return c >= 0xD800 && c <= 0xDFFF; }
// Identifier characters beyond ASCII: vm/objects/unicode.h's approximation, with the
// corrections that matter in practice (never a lone surrogate; ZWNJ/ZWJ only
// continue identifiers; the Latin-1 letters below U+00C0; Other_ID_Continue;
// U+2E2F VERTICAL TILDE is Pattern_Syntax).
bool IsLatin1Letter(char32_t c) { return c == 0xAA || c == 0xB5 || c == 0xBA; }
bool IsOtherIdContinue(char32_t c) {
  return c == 0xB7 || c == 0x387 || (c >= 0x1369 && c <= 0x1371) || c == 0x19DA;
}
bool IsUnicodeIdStart(char32_t c) {
  if (IsSurrogate(c) || c == 0x200C || c == 0x200D || c == 0x2E2F) return false;
  return IsLatin1Letter(c) || IsIdStart(c);
}
bool IsUnicodeIdPart(char32_t c) {
  if (IsSurrogate(c) || c == 0x2E2F) return false;
  return IsLatin1Letter(c) || IsOtherIdContinue(c) || IsIdPart(c);
}

int HexValue(int32_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int DigitValue(int32_t c, int radix) {
  int v = HexValue(c);
  return v >= 0 && v < radix ? v : -1;
}

// Looks up a reserved word spelled by `name` (kIdentifier when it is none).
TokenKind LookupKeyword(const char16_t* name, size_t length) {
  if (length < 2 || length > 10 || name[0] < 'a' || name[0] > 'z') return TokenKind::kIdentifier;
  // Keywords bucketed by first letter, built once.
  struct Buckets {
    uint8_t first[27] = {};
    uint8_t order[sizeof(kKeywords) / sizeof(kKeywords[0])] = {};
    Buckets() {
      size_t n = 0;
      for (char letter = 'a'; letter <= 'z'; ++letter) {
        first[letter - 'a'] = static_cast<uint8_t>(n);
        for (size_t i = 0; i < std::size(kKeywords); ++i) {
          if (kKeywords[i].text[0] == letter) order[n++] = static_cast<uint8_t>(i);
        }
      }
      first[26] = static_cast<uint8_t>(n);
    }
  };
  static const Buckets buckets;
  int letter = name[0] - 'a';
  for (int j = buckets.first[letter]; j < buckets.first[letter + 1]; ++j) {
    const Keyword& k = kKeywords[buckets.order[j]];
    size_t i = 0;
    while (i < length && k.text[i] != '\0' && static_cast<char16_t>(k.text[i]) == name[i]) ++i;
    if (i == length && k.text[i] == '\0') return k.kind;
  }
  return TokenKind::kIdentifier;
}

// Converts mantissa * 2^exponent (with `sticky` set when nonzero bits were
// dropped below the mantissa) to the nearest double, ties to even.
double BinaryToDouble(uint64_t mantissa, int exponent, bool sticky) {
  if (mantissa == 0) return 0;
  int bits = 64 - std::countl_zero(mantissa);
  if (bits <= 53) return std::ldexp(static_cast<double>(mantissa), exponent);
  int shift = bits - 53;
  uint64_t top = mantissa >> shift;
  uint64_t rest = mantissa & ((uint64_t{1} << shift) - 1);
  uint64_t half = uint64_t{1} << (shift - 1);
  if (rest > half || (rest == half && (sticky || (top & 1)))) ++top;
  return std::ldexp(static_cast<double>(top), exponent + shift);
}

}  // namespace

const char* TokenText(TokenKind kind) { return kTokenTexts[static_cast<int>(kind)]; }
int TokenPrecedence(TokenKind kind) { return kTokenPrecedences[static_cast<int>(kind)]; }
bool IsAssignmentToken(TokenKind kind) {
  return kind >= TokenKind::kAssign && kind <= TokenKind::kAssignNullish;
}
bool IsKeywordToken(TokenKind kind) {
  return kind >= TokenKind::kBreak && kind <= TokenKind::kWith;
}

bool IsStrictReservedWord(std::u16string_view name) {
  return name == u"implements" || name == u"interface" || name == u"let" ||
         name == u"package" || name == u"private" || name == u"protected" ||
         name == u"public" || name == u"static" || name == u"yield";
}

Lexer::Lexer(std::u16string_view source)
    : src_(source), size_(static_cast<uint32_t>(source.size())) {}

void Lexer::Restore(const State& state) {
  offset_ = state.offset;
  line_ = state.line;
  line_start_ = state.line_start;
}

SourcePos Lexer::PosAt(uint32_t offset) const {
  SourcePos pos;
  pos.offset = offset;
  pos.line = line_;
  pos.col = offset - line_start_ + 1;
  return pos;
}

char32_t Lexer::CodePointAt(uint32_t i, uint32_t* length) const {
  char16_t c = src_[i];
  if (IsHighSurrogate(c) && i + 1 < size_ && IsLowSurrogate(src_[i + 1])) {
    *length = 2;
    return 0x10000 + ((static_cast<char32_t>(c) - 0xD800) << 10) + (src_[i + 1] - 0xDC00);
  }
  *length = 1;
  return c;
}

void Lexer::NewLine(uint32_t next_line_start) {
  ++line_;
  line_start_ = next_line_start;
}

void Lexer::Illegal(Token* token, const char* message, uint32_t at) {
  token->kind = TokenKind::kIllegal;
  token->error_message = message;
  token->error_pos = PosAt(at);
  token->end = offset_ > at ? offset_ : at;
}

bool Lexer::SkipTrivia(Token* token) {
  // Annex B.1.1: `-->` at the start of the input or of a line (after
  // whitespace and comments only) starts a single-line comment.
  bool line_start = offset_ == 0;
  auto skip_line = [this]() {
    while (offset_ < size_ && !IsJsLineTerminator(src_[offset_])) ++offset_;
  };
  for (;;) {
    int32_t c = Cur();
    switch (c) {
      case '<':
        // Annex B.1.1: `<!--` starts a single-line comment (in scripts: the
        // module goal has no HTML-like comments).
        if (!module_ && At(offset_ + 1) == '!' && At(offset_ + 2) == '-' && At(offset_ + 3) == '-') {
          skip_line();
          continue;
        }
        return true;
      case '-':
        if (!module_ && (line_start || token->newline_before) && At(offset_ + 1) == '-' && At(offset_ + 2) == '>') {
          skip_line();
          continue;
        }
        return true;
      case ' ': case '\t': case 0x0B: case 0x0C:
        ++offset_;
        continue;
      case '\n':
        ++offset_;
        NewLine(offset_);
        token->newline_before = true;
        continue;
      case '\r':
        ++offset_;
        if (Cur() == '\n') ++offset_;
        NewLine(offset_);
        token->newline_before = true;
        continue;
      case '/': {
        int32_t n = At(offset_ + 1);
        if (n == '/') {
          skip_line();
          continue;
        }
        if (n == '*') {
          SourcePos start = PosAt(offset_);
          offset_ += 2;
          for (;;) {
            if (offset_ >= size_) {
              token->kind = TokenKind::kIllegal;
              token->error_message = kInvalidToken;
              token->error_pos = start;
              token->pos = start;
              token->end = size_;
              return false;
            }
            char16_t d = src_[offset_++];
            if (d == '*' && Cur() == '/') {
              ++offset_;
              break;
            }
            if (d == '\r') {
              if (Cur() == '\n') ++offset_;
              NewLine(offset_);
              token->newline_before = true;
            } else if (IsJsLineTerminator(d)) {
              NewLine(offset_);
              token->newline_before = true;
            }
          }
          continue;
        }
        return true;
      }
      default:
        if (c >= 0x80) {
          if (c == 0x2028 || c == 0x2029) {
            ++offset_;
            NewLine(offset_);
            token->newline_before = true;
            continue;
          }
          if (IsJsWhiteSpace(static_cast<char32_t>(c))) {
            ++offset_;
            continue;
          }
        }
        return true;
    }
  }
}

void Lexer::Next(Token* token) {
  token->newline_before = false;
  token->has_escape = false;
  token->octal = OctalKind::kNone;
  token->error_message = nullptr;
  if (offset_ == 0 && At(0) == '#' && At(1) == '!') {
    while (offset_ < size_ && !IsJsLineTerminator(src_[offset_])) ++offset_;
  }
  if (!SkipTrivia(token)) return;
  token->pos = PosAt(offset_);
  int32_t c = Cur();
  if (c == kEnd) {
    token->kind = TokenKind::kEos;
    token->end = size_;
    return;
  }
  if (IsAsciiIdStart(c) || c == '\\') {
    ScanIdentifierOrKeyword(token);
    return;
  }
  if (c == '#') {
    // A private name: `#` and an IdentifierName (reserved words included).
    int32_t next = At(offset_ + 1);
    uint32_t length = 0;
    if (IsAsciiIdStart(next) || next == '\\' || (next >= 0x80 && IsUnicodeIdStart(CodePointAt(offset_ + 1, &length)))) {
      ++offset_;
      uint32_t name_start = offset_;
      ScanIdentifierOrKeyword(token);
      if (token->kind == TokenKind::kIllegal) return;
      if (token->kind != TokenKind::kIdentifier && token->kind != TokenKind::kEscapedKeyword) {
        token->value.assign(src_.data() + name_start, offset_ - name_start);
      }
      token->value.insert(token->value.begin(), u'#');
      token->kind = TokenKind::kPrivateName;
      return;
    }
  }
  if (IsDecimalDigit(c) || (c == '.' && IsDecimalDigit(At(offset_ + 1)))) {
    ScanNumber(token);
    return;
  }
  if (c == '"' || c == '\'') {
    ScanString(token, static_cast<char16_t>(c));
    return;
  }
  if (c == '`') {
    ++offset_;
    ScanTemplate(token);
    return;
  }
  if (c >= 0x80) {
    uint32_t length;
    char32_t cp = CodePointAt(offset_, &length);
    if (IsUnicodeIdStart(cp)) {
      ScanIdentifierOrKeyword(token);
      return;
    }
    offset_ += length;
    Illegal(token, kInvalidToken, token->pos.offset);
    return;
  }
  ScanPunctuator(token, static_cast<char16_t>(c));
}

int32_t Lexer::ScanUnicodeEscape(uint32_t* error_at, const char** message) {
  // offset_ is at the backslash.
  *error_at = offset_;
  *message = kInvalidUnicodeEscape;
  if (At(offset_ + 1) != 'u') return -1;
  offset_ += 2;
  if (Cur() == '{') {
    ++offset_;
    uint32_t value = 0;
    int digits = 0;
    int d;
    while ((d = HexValue(Cur())) >= 0) {
      value = value * 16 + static_cast<uint32_t>(d);
      if (value > 0x10FFFF) {
        *message = kUndefinedCodePoint;
        return -1;
      }
      ++digits;
      ++offset_;
    }
    if (digits == 0 || Cur() != '}') return -1;
    ++offset_;
    return static_cast<int32_t>(value);
  }
  int32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    int d = HexValue(Cur());
    if (d < 0) return -1;
    value = value * 16 + d;
    ++offset_;
  }
  return value;
}

void Lexer::ScanIdentifierOrKeyword(Token* token) {
  uint32_t start = offset_;
  bool lower_only = true;
  for (;;) {
    int32_t c = Cur();
    if (c >= 'a' && c <= 'z') {
      ++offset_;
    } else if (IsAsciiIdPart(c)) {
      lower_only = false;
      ++offset_;
    } else {
      break;
    }
  }
  int32_t c = Cur();
  if (c != '\\' && c < 0x80) {
    // The common case: plain ASCII.
    const char16_t* name = src_.data() + start;
    size_t length = offset_ - start;
    token->end = offset_;
    TokenKind kind = lower_only ? LookupKeyword(name, length) : TokenKind::kIdentifier;
    token->kind = kind;
    if (kind == TokenKind::kIdentifier) token->value.assign(name, length);
    return;
  }
  // Escapes or non-ASCII characters: build the name.
  std::u16string& value = token->value;
  value.assign(src_.data() + start, offset_ - start);
  for (;;) {
    c = Cur();
    bool first = value.empty();
    if (c == '\\') {
      uint32_t error_at;
      const char* message;
      int32_t cp = ScanUnicodeEscape(&error_at, &message);
      if (cp < 0) {
        Illegal(token, message, error_at);
        return;
      }
      char32_t code = static_cast<char32_t>(cp);
      bool ok = first ? (code < 0x80 ? IsAsciiIdStart(cp) : IsUnicodeIdStart(code))
                      : (code < 0x80 ? IsAsciiIdPart(cp) : IsUnicodeIdPart(code));
      if (!ok) {
        Illegal(token, kInvalidToken, start);
        return;
      }
      token->has_escape = true;
      AppendCodePoint(value, code);
      continue;
    }
    if (c < 0) break;
    if (c < 0x80) {
      if (!IsAsciiIdPart(c)) break;
      value.push_back(static_cast<char16_t>(c));
      ++offset_;
      continue;
    }
    uint32_t length;
    char32_t cp = CodePointAt(offset_, &length);
    if (first ? !IsUnicodeIdStart(cp) : !IsUnicodeIdPart(cp)) {
      if (IsSurrogate(cp)) {
        // A lone surrogate cannot be part of any token here.
        offset_ += length;
        Illegal(token, kInvalidToken, offset_ - length);
        return;
      }
      break;
    }
    value.append(src_.data() + offset_, length);
    offset_ += length;
  }
  token->end = offset_;
  TokenKind kind = LookupKeyword(value.data(), value.size());
  if (kind == TokenKind::kIdentifier) {
    token->kind = TokenKind::kIdentifier;
  } else if (token->has_escape) {
    token->kind = TokenKind::kEscapedKeyword;
  } else {
    token->kind = kind;
  }
}

void Lexer::ScanNumber(Token* token) {
  uint32_t start = offset_;
  token->kind = TokenKind::kNumber;
  std::string& buffer = number_buffer_;
  buffer.clear();
  std::string radix_digits;  // the digits of a 0x/0o/0b literal, for a BigInt

  // Reads digits of `radix` with numeric separators, appending decimal digits
  // to `buffer` and accumulating binary radices into (mantissa, exponent,
  // sticky). Returns the number of digits, or -1 after reporting an error.
  uint64_t mantissa = 0;
  int exponent = 0;
  bool sticky = false;
  auto digits = [&](int radix, bool separators) -> int {
    int count = 0;
    int bits = radix == 16 ? 4 : radix == 8 ? 3 : 1;
    for (;;) {
      int32_t c = Cur();
      if (c == '_' && separators) {
        if (count == 0) return count;  // not a separator: the caller reports it
        int32_t n = At(offset_ + 1);
        if (n == '_') {
          Illegal(token, "Only one underscore is allowed as numeric separator", offset_ + 1);
          return -1;
        }
        if (DigitValue(n, radix) < 0) {
          Illegal(token, "Numeric separators are not allowed at the end of numeric literals",
                  offset_);
          return -1;
        }
        ++offset_;
        continue;
      }
      int d = DigitValue(c, radix);
      if (d < 0) return count;
      ++count;
      ++offset_;
      if (radix == 10) {
        buffer.push_back(static_cast<char>(c));
        continue;
      }
      radix_digits.push_back(static_cast<char>(c));
      if ((mantissa >> (64 - bits)) == 0) {
        mantissa = (mantissa << bits) | static_cast<uint64_t>(d);
      } else {
        exponent += bits;
        sticky |= d != 0;
      }
    }
  };

  // `radix` > 0: the literal is an integer of that radix, which an `n` makes a BigInt.
  auto finish = [&](int radix) -> bool {
    // A number may not be directly followed by an identifier or digit.
    int32_t c = Cur();
    if (c == 'n' && radix > 0) {
      ++offset_;
      token->kind = TokenKind::kBigInt;
      std::string decimal = BigIntDigitsToDecimal(radix == 10 ? buffer : radix_digits, radix);
      token->value.assign(decimal.begin(), decimal.end());
      c = Cur();
    }
    bool bad = IsAsciiIdPart(c) || c == '\\';
    if (!bad && c >= 0x80) {
      uint32_t length;
      bad = IsUnicodeIdStart(CodePointAt(offset_, &length));
    }
    if (bad) {
      Illegal(token, kInvalidToken, start);
      return false;
    }
    token->end = offset_;
    return true;
  };

  if (Cur() == '0') {
    int32_t n = At(offset_ + 1);
    int radix = (n == 'x' || n == 'X') ? 16 : (n == 'o' || n == 'O') ? 8 : (n == 'b' || n == 'B') ? 2 : 0;
    if (radix != 0) {
      offset_ += 2;
      int count = digits(radix, true);
      if (count < 0) return;
      if (count == 0) {
        Illegal(token, kInvalidToken, start);
        return;
      }
      token->number = BinaryToDouble(mantissa, exponent, sticky);
      finish(radix);
      return;
    }
    if (n == '_') {
      Illegal(token, "Numeric separator can not be used after leading 0.", offset_ + 1);
      return;
    }
    if (IsDecimalDigit(n)) {
      // Legacy octal (017) or a decimal with a leading zero (08, 019.5).
      token->octal_pos = token->pos;
      uint32_t i = offset_;
      bool octal = true;
      while (IsDecimalDigit(At(i))) {
        if (At(i) >= '8') octal = false;
        ++i;
      }
      if (At(i) == '_') {
        offset_ = i;
        Illegal(token, kInvalidToken, i);
        return;
      }
      if (octal) {
        token->octal = OctalKind::kOctalLiteral;
        ++offset_;
        digits(8, false);
        token->number = BinaryToDouble(mantissa, exponent, sticky);
        finish(0);
        return;
      }
      token->octal = OctalKind::kLeadingZero;
      digits(10, false);
      // Falls through to the fraction and exponent below.
    }
  }

  if (buffer.empty() && Cur() != '.') {
    if (digits(10, true) < 0) return;
  }
  if (Cur() == '.') {
    buffer.push_back('.');
    ++offset_;
    if (digits(10, true) < 0) return;
  }
  bool integer = buffer.find('.') == std::string::npos && token->octal == OctalKind::kNone;
  int32_t c = Cur();
  if (c == 'e' || c == 'E') {
    integer = false;
    buffer.push_back('e');
    ++offset_;
    c = Cur();
    if (c == '+' || c == '-') {
      buffer.push_back(static_cast<char>(c));
      ++offset_;
    }
    int count = digits(10, true);
    if (count < 0) return;
    if (count == 0) {
      Illegal(token, kInvalidToken, start);
      return;
    }
  }
  if (!finish(integer ? 10 : 0)) return;
  if (token->kind == TokenKind::kBigInt) return;
  double value = 0;
  auto result = std::from_chars(buffer.data(), buffer.data() + buffer.size(), value);
  if (result.ec == std::errc::result_out_of_range) {
    value = std::strtod(buffer.c_str(), nullptr);  // overflow to infinity or underflow to 0
  }
  token->number = value;
}

bool Lexer::ScanEscape(EscapeContext context, Token* token, std::u16string* out, const char** message,
                       uint32_t* error_at) {
  uint32_t backslash = offset_;
  ++offset_;
  int32_t e = Cur();
  auto fail = [&](const char* what, uint32_t at) {
    *message = what;
    *error_at = at;
    return false;
  };
  switch (e) {
    case kEnd:
      return true;  // the caller reports the unterminated literal
    case 'n': out->push_back('\n'); ++offset_; return true;
    case 't': out->push_back('\t'); ++offset_; return true;
    case 'r': out->push_back('\r'); ++offset_; return true;
    case 'b': out->push_back('\b'); ++offset_; return true;
    case 'f': out->push_back('\f'); ++offset_; return true;
    case 'v': out->push_back('\v'); ++offset_; return true;
    case '\r':  // a line continuation
      ++offset_;
      if (Cur() == '\n') ++offset_;
      NewLine(offset_);
      return true;
    case '\n': case 0x2028: case 0x2029:
      ++offset_;
      NewLine(offset_);
      return true;
    case 'x': {
      int h1 = HexValue(At(offset_ + 1));
      int h2 = h1 < 0 ? -1 : HexValue(At(offset_ + 2));
      if (h2 < 0) return fail(kInvalidHexEscape, backslash);
      out->push_back(static_cast<char16_t>(h1 * 16 + h2));
      offset_ += 3;
      return true;
    }
    case 'u': {
      offset_ = backslash;
      int32_t cp = ScanUnicodeEscape(error_at, message);
      if (cp < 0) return false;
      AppendCodePoint(*out, static_cast<char32_t>(cp));
      return true;
    }
    case '8': case '9':
      if (context == EscapeContext::kTemplate) {
        return fail("\\8 and \\9 are not allowed in template strings.", backslash);
      }
      if (token->octal == OctalKind::kNone) {
        token->octal = OctalKind::kEightNineEscape;
        token->octal_pos = PosAt(backslash);
      }
      out->push_back(static_cast<char16_t>(e));
      ++offset_;
      return true;
    default:
      break;
  }
  if (e >= '0' && e <= '7') {
    if (e == '0' && !IsDecimalDigit(At(offset_ + 1))) {
      out->push_back(0);
      ++offset_;
      return true;
    }
    if (context == EscapeContext::kTemplate) {
      return fail("Octal escape sequences are not allowed in template strings.", backslash);
    }
    if (token->octal == OctalKind::kNone) {
      token->octal = OctalKind::kOctalEscape;
      token->octal_pos = PosAt(offset_);
    }
    // Up to three digits for \0-\3 leads, two otherwise, value <= 0377.
    int v = e - '0';
    ++offset_;
    int max_more = e <= '3' ? 2 : 1;
    for (int k = 0; k < max_more; ++k) {
      int32_t d = Cur();
      if (d < '0' || d > '7') break;
      v = v * 8 + (d - '0');
      ++offset_;
    }
    out->push_back(static_cast<char16_t>(v));
    return true;
  }
  // Any other character escapes itself.
  out->push_back(static_cast<char16_t>(e));
  ++offset_;
  return true;
}

void Lexer::ScanString(Token* token, char16_t quote) {
  SourcePos start_pos = token->pos;
  ++offset_;
  std::u16string& value = token->value;
  value.clear();
  // Fast path: no escapes and no line terminators.
  uint32_t i = offset_;
  while (i < size_) {
    char16_t c = src_[i];
    if (c == quote || c == '\\' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) break;
    ++i;
  }
  value.assign(src_.data() + offset_, i - offset_);
  offset_ = i;
  for (;;) {
    int32_t c = Cur();
    if (c == quote) {
      ++offset_;
      break;
    }
    if (c == kEnd || c == '\n' || c == '\r') {
      token->kind = TokenKind::kIllegal;
      token->error_message = kInvalidToken;
      token->error_pos = start_pos;
      token->end = offset_;
      return;
    }
    if (c == 0x2028 || c == 0x2029) {
      value.push_back(static_cast<char16_t>(c));
      ++offset_;
      NewLine(offset_);
      continue;
    }
    if (c != '\\') {
      value.push_back(static_cast<char16_t>(c));
      ++offset_;
      continue;
    }
    // An escape sequence.
    token->has_escape = true;
    const char* message;
    uint32_t error_at;
    if (!ScanEscape(EscapeContext::kString, token, &value, &message, &error_at)) {
      Illegal(token, message, error_at);
      return;
    }
  }
  token->kind = TokenKind::kString;
  token->end = offset_;
}

void Lexer::ScanTemplate(Token* token) {
  // offset_ is just past the ` or } that opens this piece.
  uint32_t content_start = offset_;
  std::u16string& cooked = token->value;
  cooked.clear();
  token->cooked_valid = true;
  token->invalid_escape_message = nullptr;
  auto invalid = [&](const char* message, uint32_t at) {
    if (token->cooked_valid) {
      token->cooked_valid = false;
      token->invalid_escape_message = message;
      token->invalid_escape_pos = PosAt(at);
    }
  };
  uint32_t content_end;
  for (;;) {
    int32_t c = Cur();
    if (c == kEnd) {
      token->kind = TokenKind::kIllegal;
      // A template may span lines, so only the end of the input ends it
      // unterminated; V8 reports that, at the end.
      token->error_message = "Unexpected end of input";
      token->error_pos = PosAt(offset_);
      token->end = offset_;
      return;
    }
    if (c == '`') {
      content_end = offset_;
      ++offset_;
      token->kind = TokenKind::kTemplateTail;
      break;
    }
    if (c == '$' && At(offset_ + 1) == '{') {
      content_end = offset_;
      offset_ += 2;
      token->kind = TokenKind::kTemplateSpan;
      break;
    }
    if (c == '\r') {
      ++offset_;
      if (Cur() == '\n') ++offset_;
      NewLine(offset_);
      cooked.push_back('\n');
      continue;
    }
    if (c == '\n' || c == 0x2028 || c == 0x2029) {
      ++offset_;
      NewLine(offset_);
      cooked.push_back(static_cast<char16_t>(c));
      continue;
    }
    if (c != '\\') {
      cooked.push_back(static_cast<char16_t>(c));
      ++offset_;
      continue;
    }
    uint32_t backslash = offset_;
    const char* message;
    uint32_t error_at;
    if (!ScanEscape(EscapeContext::kTemplate, token, &cooked, &message, &error_at)) {
      invalid(message, error_at);
      offset_ = backslash + 2;  // go on after the backslash and the character it escapes
    }
  }
  // The raw text: the source between the delimiters with CR and CRLF as LF.
  std::u16string& raw = token->raw;
  raw.clear();
  raw.reserve(content_end - content_start);
  for (uint32_t i = content_start; i < content_end; ++i) {
    char16_t c = src_[i];
    if (c == '\r') {
      raw.push_back('\n');
      if (i + 1 < content_end && src_[i + 1] == '\n') ++i;
    } else {
      raw.push_back(c);
    }
  }
  token->end = offset_;
}

void Lexer::RescanTemplateContinuation(Token* token) {
  offset_ = token->pos.offset + 1;
  ScanTemplate(token);
}

void Lexer::RescanRegExp(Token* token) {
  uint32_t start = token->pos.offset;
  offset_ = start + 1;
  std::u16string& body = token->value;
  body.clear();
  bool in_class = false;
  for (;;) {
    int32_t c = Cur();
    if (c == kEnd || IsJsLineTerminator(static_cast<char32_t>(c))) {
      Illegal(token, "Invalid regular expression: missing /", start);
      return;
    }
    if (c == '\\') {
      int32_t n = At(offset_ + 1);
      if (n == kEnd || IsJsLineTerminator(static_cast<char32_t>(n))) {
        ++offset_;
        Illegal(token, "Invalid regular expression: missing /", start);
        return;
      }
      body.push_back(static_cast<char16_t>(c));
      body.push_back(static_cast<char16_t>(n));
      offset_ += 2;
      continue;
    }
    if (c == '[') {
      in_class = true;
    } else if (c == ']') {
      in_class = false;
    } else if (c == '/' && !in_class) {
      ++offset_;
      break;
    }
    body.push_back(static_cast<char16_t>(c));
    ++offset_;
  }
  std::u16string& flags = token->raw;
  flags.clear();
  for (;;) {
    int32_t c = Cur();
    if (c == '\\') {
      Illegal(token, "Invalid regular expression flags", start);
      return;
    }
    if (c < 0) break;
    if (c < 0x80) {
      if (!IsAsciiIdPart(c)) break;
    } else {
      uint32_t length;
      if (!IsUnicodeIdPart(CodePointAt(offset_, &length))) break;
    }
    bool known = c == 'd' || c == 'g' || c == 'i' || c == 'm' || c == 's' || c == 'u' || c == 'v' || c == 'y';
    if (!known || flags.find(static_cast<char16_t>(c)) != std::u16string::npos) {
      ++offset_;
      Illegal(token, "Invalid regular expression flags", start);
      return;
    }
    flags.push_back(static_cast<char16_t>(c));
    ++offset_;
  }
  token->kind = TokenKind::kRegExp;
  token->end = offset_;
}

void Lexer::ScanPunctuator(Token* token, char16_t c) {
  int32_t n = At(offset_ + 1);
  TokenKind kind;
  uint32_t length = 1;
  auto pick = [&](TokenKind k, uint32_t len) {
    kind = k;
    length = len;
  };
  switch (c) {
    case '(': pick(TokenKind::kLParen, 1); break;
    case ')': pick(TokenKind::kRParen, 1); break;
    case '[': pick(TokenKind::kLBracket, 1); break;
    case ']': pick(TokenKind::kRBracket, 1); break;
    case '{': pick(TokenKind::kLBrace, 1); break;
    case '}': pick(TokenKind::kRBrace, 1); break;
    case ':': pick(TokenKind::kColon, 1); break;
    case ';': pick(TokenKind::kSemicolon, 1); break;
    case ',': pick(TokenKind::kComma, 1); break;
    case '~': pick(TokenKind::kBitNot, 1); break;
    case '.':
      if (n == '.' && At(offset_ + 2) == '.') pick(TokenKind::kEllipsis, 3);
      else pick(TokenKind::kPeriod, 1);
      break;
    case '?':
      if (n == '?') {
        if (At(offset_ + 2) == '=') pick(TokenKind::kAssignNullish, 3);
        else pick(TokenKind::kNullish, 2);
      } else if (n == '.' && !IsDecimalDigit(At(offset_ + 2))) {
        pick(TokenKind::kQuestionPeriod, 2);
      } else {
        pick(TokenKind::kConditional, 1);
      }
      break;
    case '=':
      if (n == '>') pick(TokenKind::kArrow, 2);
      else if (n == '=') pick(At(offset_ + 2) == '=' ? TokenKind::kStrictEq : TokenKind::kEq,
                              At(offset_ + 2) == '=' ? 3 : 2);
      else pick(TokenKind::kAssign, 1);
      break;
    case '!':
      if (n == '=') pick(At(offset_ + 2) == '=' ? TokenKind::kStrictNe : TokenKind::kNe,
                         At(offset_ + 2) == '=' ? 3 : 2);
      else pick(TokenKind::kNot, 1);
      break;
    case '+':
      if (n == '+') pick(TokenKind::kIncrement, 2);
      else if (n == '=') pick(TokenKind::kAssignAdd, 2);
      else pick(TokenKind::kAdd, 1);
      break;
    case '-':
      if (n == '-') pick(TokenKind::kDecrement, 2);
      else if (n == '=') pick(TokenKind::kAssignSub, 2);
      else pick(TokenKind::kSub, 1);
      break;
    case '*':
      if (n == '*') {
        if (At(offset_ + 2) == '=') pick(TokenKind::kAssignExp, 3);
        else pick(TokenKind::kExp, 2);
      } else if (n == '=') {
        pick(TokenKind::kAssignMul, 2);
      } else {
        pick(TokenKind::kMul, 1);
      }
      break;
    case '/':
      if (n == '=') pick(TokenKind::kAssignDiv, 2);
      else pick(TokenKind::kDiv, 1);
      break;
    case '%':
      if (n == '=') pick(TokenKind::kAssignMod, 2);
      else pick(TokenKind::kMod, 1);
      break;
    case '<':
      if (n == '<') {
        if (At(offset_ + 2) == '=') pick(TokenKind::kAssignShl, 3);
        else pick(TokenKind::kShl, 2);
      } else if (n == '=') {
        pick(TokenKind::kLe, 2);
      } else {
        pick(TokenKind::kLt, 1);
      }
      break;
    case '>':
      if (n == '>') {
        int32_t n2 = At(offset_ + 2);
        if (n2 == '>') {
          if (At(offset_ + 3) == '=') pick(TokenKind::kAssignShr, 4);
          else pick(TokenKind::kShr, 3);
        } else if (n2 == '=') {
          pick(TokenKind::kAssignSar, 3);
        } else {
          pick(TokenKind::kSar, 2);
        }
      } else if (n == '=') {
        pick(TokenKind::kGe, 2);
      } else {
        pick(TokenKind::kGt, 1);
      }
      break;
    case '&':
      if (n == '&') {
        if (At(offset_ + 2) == '=') pick(TokenKind::kAssignAnd, 3);
        else pick(TokenKind::kAnd, 2);
      } else if (n == '=') {
        pick(TokenKind::kAssignBitAnd, 2);
      } else {
        pick(TokenKind::kBitAnd, 1);
      }
      break;
    case '|':
      if (n == '|') {
        if (At(offset_ + 2) == '=') pick(TokenKind::kAssignOr, 3);
        else pick(TokenKind::kOr, 2);
      } else if (n == '=') {
        pick(TokenKind::kAssignBitOr, 2);
      } else {
        pick(TokenKind::kBitOr, 1);
      }
      break;
    case '^':
      if (n == '=') pick(TokenKind::kAssignBitXor, 2);
      else pick(TokenKind::kBitXor, 1);
      break;
    default:
      ++offset_;
      Illegal(token, kInvalidToken, offset_ - 1);
      return;
  }
  offset_ += length;
  token->kind = kind;
  token->end = offset_;
}

}  // namespace jsvm
