// The lexer: turns UTF-16 source text into tokens, one at a time, on demand.
//
// Some tokens depend on what the parser expects: a `/` may start a regular
// expression or be a division, and a `}` may close a block or continue a
// template. The lexer always scans the punctuator; the parser asks for a
// rescan (RescanRegExp, RescanTemplateContinuation) where the grammar calls
// for the other reading.
//
// Problems that only matter in strict code (legacy octal literals and escapes)
// are recorded on the token instead of being reported, because the lexer does
// not know whether the code is strict when it scans ahead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "compiler/ast.h"

namespace jsvm {

// Every token kind, from compiler/token.def.
enum class TokenKind : uint8_t {
#define T(name, text, precedence) name,
#define K(name, text, precedence) name,
#include "compiler/token.def"
};

// The source spelling of a punctuator or reserved word ("(", "while"), or a
// description of a token class ("number", "end of input").
const char* TokenText(TokenKind kind);
// Binary-operator precedence of `kind` (0 when it is not a binary operator).
int TokenPrecedence(TokenKind kind);
// True for `=` and the compound assignment operators.
bool IsAssignmentToken(TokenKind kind);
// True for the reserved words (kBreak ... kWith).
bool IsKeywordToken(TokenKind kind);

// What a legacy-octal-looking construct in a token was.
enum class OctalKind : uint8_t {
  kNone,
  kOctalLiteral,   // 017
  kLeadingZero,    // 08, 09.5 (decimal with a leading zero)
  kOctalEscape,    // "\07" or "\1"
  kEightNineEscape,  // "\8" or "\9"
};

// One token. Literal payloads are only meaningful for the kinds that use them.
struct Token {
  TokenKind kind = TokenKind::kEos;
  SourcePos pos;             // first code unit of the token
  uint32_t end = 0;          // offset one past the last code unit
  bool newline_before = false;  // a line terminator between this and the previous token
  bool has_escape = false;   // identifier/keyword spelled with \u escapes; string with any escape

  // kIdentifier / kEscapedKeyword: the name (escapes decoded). kBigInt: the decimal digits.
  // kString: the string value. kTemplate*: the cooked value. kRegExp: the body.
  std::u16string value;
  // kTemplate*: the raw text (CR and CRLF normalized to LF). kRegExp: the flags.
  std::u16string raw;
  // kNumber: the value.
  double number = 0;

  // kNumber / kString: a construct that is an error in strict code, and where.
  OctalKind octal = OctalKind::kNone;
  SourcePos octal_pos;

  // kTemplate*: false when an escape is invalid (an error unless tagged).
  bool cooked_valid = true;
  const char* invalid_escape_message = nullptr;
  SourcePos invalid_escape_pos;

  // kIllegal: what is wrong and where.
  const char* error_message = nullptr;
  SourcePos error_pos;
};

// Scans tokens from a UTF-16 source that must outlive the lexer.
class Lexer {
 public:
  // The lexer's position, for looking ahead and coming back.
  struct State {
    uint32_t offset = 0;
    uint32_t line = 1;
    uint32_t line_start = 0;
  };

  explicit Lexer(std::u16string_view source);

  // Scans the next token into `*token` (its strings are reused, not reallocated).
  // A `#!` line at the very start of the source is skipped as a comment.
  void Next(Token* token);
  // Rescans `*token`, which must be a kDiv or kAssignDiv just scanned, as a
  // regular expression literal (kRegExp, or kIllegal when malformed).
  void RescanRegExp(Token* token);
  // Rescans `*token`, which must be the kRBrace just scanned that closes a
  // template substitution, as the template's next piece (kTemplateSpan or
  // kTemplateTail, or kIllegal when unterminated).
  void RescanTemplateContinuation(Token* token);

  // Scans with the module goal: no HTML-like comments (Annex B.1.1 is for
  // scripts only).
  void set_module(bool module) { module_ = module; }

  // Saves and restores the scanning position (for one-token lookahead).
  State Save() const { return {offset_, line_, line_start_}; }
  void Restore(const State& state);

  // The position of UTF-16 offset `offset`, which must not be before the
  // start of the current line.
  SourcePos PosAt(uint32_t offset) const;
  // The source being scanned.
  std::u16string_view source() const { return src_; }

 private:
  static constexpr int32_t kEnd = -1;

  int32_t At(uint32_t i) const { return i < size_ ? static_cast<int32_t>(src_[i]) : kEnd; }
  int32_t Cur() const { return At(offset_); }
  // The code point at offset_ (a surrogate pair combined), and its length.
  char32_t CodePointAt(uint32_t i, uint32_t* length) const;
  void NewLine(uint32_t next_line_start);

  // Skips whitespace and comments (with Annex B's HTML-like `<!--` and line-start
  // `-->` comments); returns false (and fills `token` with
  // kIllegal) on an unterminated comment.
  bool SkipTrivia(Token* token);
  void Illegal(Token* token, const char* message, uint32_t at);

  void ScanIdentifierOrKeyword(Token* token);
  // Reads a \u escape at offset_ (which holds the backslash); returns the code
  // point or -1 when malformed (error position in *error_at).
  int32_t ScanUnicodeEscape(uint32_t* error_at, const char** message);
  void ScanNumber(Token* token);
  // Where an escape sequence is: in a string literal a legacy octal escape
  // (\1, \07) or \8 \9 stands for its character and is recorded on the
  // token for strict code; in a template it is invalid, as a malformed \x or
  // \u is in both (the caller decides what invalid means: an illegal string
  // token, an undefined cooked value in a tagged template).
  enum class EscapeContext { kString, kTemplate };
  // Decodes the escape sequence whose backslash is at offset_ into `out`
  // (nothing for a line continuation) and moves past it. Returns false for an
  // invalid one, with the message and offset to report; offset_ is then
  // somewhere inside it.
  bool ScanEscape(EscapeContext context, Token* token, std::u16string* out, const char** message,
                  uint32_t* error_at);
  void ScanString(Token* token, char16_t quote);
  // Scans template characters after a ` or }: fills kTemplateSpan/kTemplateTail.
  void ScanTemplate(Token* token);
  void ScanPunctuator(Token* token, char16_t c);

  std::u16string_view src_;
  uint32_t size_ = 0;
  bool module_ = false;
  uint32_t offset_ = 0;
  uint32_t line_ = 1;
  uint32_t line_start_ = 0;
  std::string number_buffer_;  // digits without separators, for std::from_chars
};

// True for the words that are reserved only in strict code (implements,
// interface, let, package, private, protected, public, static, yield).
bool IsStrictReservedWord(std::u16string_view name);

}  // namespace jsvm
