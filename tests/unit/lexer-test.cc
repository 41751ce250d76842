// Lexer tests: tokens, numbers, strings, templates, regular expressions,
// positions and the newline flags that automatic semicolon insertion uses.
#include "compiler/lexer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "compiler/parser.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

// Scans `source` to the end (or the first illegal token).
std::vector<Token> Lex(std::u16string_view source) {
  Lexer lexer(source);
  std::vector<Token> tokens;
  for (;;) {
    Token token;
    lexer.Next(&token);
    tokens.push_back(token);
    if (token.kind == TokenKind::kEos || token.kind == TokenKind::kIllegal) break;
    if (tokens.size() > 10000) break;
  }
  return tokens;
}

std::vector<TokenKind> Kinds(std::u16string_view source) {
  std::vector<TokenKind> kinds;
  for (const Token& token : Lex(source)) kinds.push_back(token.kind);
  return kinds;
}

// The single token of `source` (which must scan to one token and the end).
Token One(std::u16string_view source) {
  std::vector<Token> tokens = Lex(source);
  EXPECT_GE(tokens.size(), 1u);
  if (tokens.size() == 2) {
    EXPECT_EQ(tokens[1].kind, TokenKind::kEos);
  }
  return tokens[0];
}

double Number(std::u16string_view source) {
  Token token = One(source);
  EXPECT_EQ(token.kind, TokenKind::kNumber) << Utf16ToUtf8(source);
  return token.number;
}

std::u16string StringValue(std::u16string_view source) {
  Token token = One(source);
  EXPECT_EQ(token.kind, TokenKind::kString) << Utf16ToUtf8(source);
  return token.value;
}

// The decimal digits of the one BigInt literal in `source`.
std::string BigIntDigits(std::u16string_view source) {
  Token token = One(source);
  EXPECT_EQ(token.kind, TokenKind::kBigInt) << Utf16ToUtf8(source);
  return Utf16ToUtf8(token.value);
}

// The error message of the first illegal token in `source` ("" if none).
std::string LexError(std::u16string_view source) {
  for (const Token& token : Lex(source)) {
    if (token.kind == TokenKind::kIllegal) return token.error_message;
  }
  return "";
}

using K = TokenKind;

TEST(LexerTest, Punctuators) {
  EXPECT_EQ(Kinds(u"{ } ( ) [ ] ; , < > <= >= == != === !== + - * / % ** ++ --"),
            (std::vector<K>{K::kLBrace, K::kRBrace, K::kLParen, K::kRParen, K::kLBracket,
                            K::kRBracket, K::kSemicolon, K::kComma, K::kLt, K::kGt, K::kLe,
                            K::kGe, K::kEq, K::kNe, K::kStrictEq, K::kStrictNe, K::kAdd,
                            K::kSub, K::kMul, K::kDiv, K::kMod, K::kExp, K::kIncrement,
                            K::kDecrement, K::kEos}));
  EXPECT_EQ(Kinds(u"<< >> >>> & | ^ ! ~ && || ?? ? ?. : = => ... ."),
            (std::vector<K>{K::kShl, K::kSar, K::kShr, K::kBitAnd, K::kBitOr, K::kBitXor,
                            K::kNot, K::kBitNot, K::kAnd, K::kOr, K::kNullish, K::kConditional,
                            K::kQuestionPeriod, K::kColon, K::kAssign, K::kArrow, K::kEllipsis,
                            K::kPeriod, K::kEos}));
  EXPECT_EQ(Kinds(u"+= -= *= /= %= **= <<= >>= >>>= &= |= ^= &&= ||= ?\?="),
            (std::vector<K>{K::kAssignAdd, K::kAssignSub, K::kAssignMul, K::kAssignDiv,
                            K::kAssignMod, K::kAssignExp, K::kAssignShl, K::kAssignSar,
                            K::kAssignShr, K::kAssignBitAnd, K::kAssignBitOr, K::kAssignBitXor,
                            K::kAssignAnd, K::kAssignOr, K::kAssignNullish, K::kEos}));
  // Longest match, and `?.` never before a digit (a ? .5 : 1).
  EXPECT_EQ(Kinds(u"a?.5:1"), (std::vector<K>{K::kIdentifier, K::kConditional, K::kNumber,
                                               K::kColon, K::kNumber, K::kEos}));
  EXPECT_EQ(Kinds(u"a---b"), (std::vector<K>{K::kIdentifier, K::kDecrement, K::kSub,
                                             K::kIdentifier, K::kEos}));
  EXPECT_EQ(Kinds(u">>>=>"), (std::vector<K>{K::kAssignShr, K::kGt, K::kEos}));
}

// Annex B.1.1 HTML-like comments: `<!--` anywhere and `-->` at the start of
// the input or of a line (after whitespace and comments only) run to the end
// of the line; elsewhere they are the punctuators they spell.
TEST(LexerTest, HtmlLikeComments) {
  EXPECT_EQ(Kinds(u"a <!-- b c\nd"), (std::vector<K>{K::kIdentifier, K::kIdentifier, K::kEos}));
  EXPECT_EQ(Kinds(u"a<!--b"), (std::vector<K>{K::kIdentifier, K::kEos}));
  EXPECT_EQ(Kinds(u"a <!- b"), (std::vector<K>{K::kIdentifier, K::kLt, K::kNot, K::kSub, K::kIdentifier,
                                                K::kEos}));
  EXPECT_EQ(Kinds(u"--> x\ny"), (std::vector<K>{K::kIdentifier, K::kEos}));
  EXPECT_EQ(Kinds(u"/* c */ /**/--> x\ny"), (std::vector<K>{K::kIdentifier, K::kEos}));
  EXPECT_EQ(Kinds(u"a\n  --> x\nb"), (std::vector<K>{K::kIdentifier, K::kIdentifier, K::kEos}));
  EXPECT_EQ(Kinds(u"a /*\n*/ --> x"), (std::vector<K>{K::kIdentifier, K::kEos}));
  EXPECT_EQ(Kinds(u"a\u2028--> x"), (std::vector<K>{K::kIdentifier, K::kEos}));
  // Not at a line start: `--` then `>`.
  EXPECT_EQ(Kinds(u"a --> b"), (std::vector<K>{K::kIdentifier, K::kDecrement, K::kGt, K::kIdentifier,
                                               K::kEos}));
  EXPECT_EQ(Kinds(u"a /* */ --> b"), (std::vector<K>{K::kIdentifier, K::kDecrement, K::kGt,
                                                     K::kIdentifier, K::kEos}));
  // The line break before the comment still counts for semicolon insertion.
  std::vector<Token> tokens = Lex(u"a\n--> x\nb");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_TRUE(tokens[1].newline_before);
}

TEST(LexerTest, KeywordsAndIdentifiers) {
  EXPECT_EQ(Kinds(u"var let const function class if else while for in instanceof typeof"),
            (std::vector<K>{K::kVar, K::kIdentifier, K::kConst, K::kFunction, K::kClass, K::kIf,
                            K::kElse, K::kWhile, K::kFor, K::kIn, K::kInstanceOf, K::kTypeof,
                            K::kEos}));
  // Contextual and strict-only words are identifiers.
  for (const char16_t* word : {u"let", u"static", u"yield", u"await", u"async", u"of", u"get",
                               u"set", u"target", u"implements", u"arguments", u"eval"}) {
    Token token = One(word);
    EXPECT_EQ(token.kind, K::kIdentifier);
    EXPECT_EQ(token.value, word);
  }
  Token token = One(u"$_aZ09\u00e9x");
  EXPECT_EQ(token.kind, K::kIdentifier);
  EXPECT_EQ(token.value, u"$_aZ09\u00e9x");
  EXPECT_FALSE(token.has_escape);
  // Unicode escapes in identifiers.
  token = One(u"\\u0061b\\u{63}");
  EXPECT_EQ(token.kind, K::kIdentifier);
  EXPECT_EQ(token.value, u"abc");
  EXPECT_TRUE(token.has_escape);
  // A reserved word spelled with escapes is not the keyword.
  token = One(u"v\\u0061r");
  EXPECT_EQ(token.kind, K::kEscapedKeyword);
  EXPECT_EQ(token.value, u"var");
  // Supplementary-plane identifier characters (surrogate pairs).
  token = One(u"\U0001D4B3x");
  EXPECT_EQ(token.kind, K::kIdentifier);
  EXPECT_EQ(token.value.size(), 3u);
  EXPECT_EQ(LexError(u"\\u0030"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"a\\u0020"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"a\\x41"), "Invalid Unicode escape sequence");
  EXPECT_EQ(LexError(u"a\\u{110000}"), "Undefined Unicode code-point");
}

TEST(LexerTest, DecimalNumbers) {
  EXPECT_EQ(Number(u"0"), 0);
  EXPECT_EQ(Number(u"42"), 42);
  EXPECT_EQ(Number(u"3.25"), 3.25);
  EXPECT_EQ(Number(u".5"), 0.5);
  EXPECT_EQ(Number(u"5."), 5);
  EXPECT_EQ(Number(u"0.1"), 0.1);
  EXPECT_EQ(Number(u"1e3"), 1000);
  EXPECT_EQ(Number(u"1E+3"), 1000);
  EXPECT_EQ(Number(u"2.5e-3"), 0.0025);
  EXPECT_EQ(Number(u"0.1e+5"), 10000);
  EXPECT_EQ(Number(u"1.e2"), 100);
  EXPECT_EQ(Number(u"0e5"), 0);
  EXPECT_EQ(Number(u"1e400"), INFINITY);
  EXPECT_EQ(Number(u"1e-400"), 0);
  EXPECT_EQ(Number(u"9007199254740993"), 9007199254740992.0);  // rounds to even
  EXPECT_EQ(Number(u"0.30000000000000004"), 0.1 + 0.2);
  EXPECT_EQ(Number(u"1.7976931348623157e308"), 1.7976931348623157e308);
  EXPECT_EQ(Number(u"5e-324"), 5e-324);
}

TEST(LexerTest, RadixNumbers) {
  EXPECT_EQ(Number(u"0xFF"), 255);
  EXPECT_EQ(Number(u"0Xff"), 255);
  EXPECT_EQ(Number(u"0o17"), 15);
  EXPECT_EQ(Number(u"0O17"), 15);
  EXPECT_EQ(Number(u"0b101"), 5);
  EXPECT_EQ(Number(u"0B11"), 3);
  EXPECT_EQ(Number(u"0xFFFFFFFFFFFFFFFF"), 18446744073709551616.0);
  EXPECT_EQ(Number(u"0x20000000000001"), 9007199254740992.0);  // ties to even
  EXPECT_EQ(Number(u"0x20000000000003"), 9007199254740996.0);
  EXPECT_EQ(Number(u"0x1000000000000000000000001"), std::ldexp(1.0, 96));
  // Legacy octal and leading-zero decimals (sloppy only: the token says which).
  Token token = One(u"017");
  EXPECT_EQ(token.number, 15);
  EXPECT_EQ(token.octal, OctalKind::kOctalLiteral);
  token = One(u"019");
  EXPECT_EQ(token.number, 19);
  EXPECT_EQ(token.octal, OctalKind::kLeadingZero);
  EXPECT_EQ(Number(u"08.5"), 8.5);
  EXPECT_EQ(Number(u"00"), 0);
  EXPECT_EQ(One(u"0.5").octal, OctalKind::kNone);
  EXPECT_EQ(Kinds(u"07.5"), (std::vector<K>{K::kNumber, K::kNumber, K::kEos}));
}

TEST(LexerTest, NumericSeparators) {
  EXPECT_EQ(Number(u"1_000_000"), 1000000);
  EXPECT_EQ(Number(u"1_0.0_1e1_0"), 10.01e10);
  EXPECT_EQ(Number(u"0xF_F"), 255);
  EXPECT_EQ(Number(u"0b1_0"), 2);
  EXPECT_EQ(LexError(u"1__0"), "Only one underscore is allowed as numeric separator");
  EXPECT_EQ(LexError(u"1_"), "Numeric separators are not allowed at the end of numeric literals");
  EXPECT_EQ(LexError(u"0_1"), "Numeric separator can not be used after leading 0.");
  EXPECT_EQ(LexError(u"07_1"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"1._5"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"1e_5"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"0x_1"), "Invalid or unexpected token");
}

TEST(LexerTest, MalformedNumbers) {
  EXPECT_EQ(LexError(u"0x"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"0b2"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"0o8"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"1e"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"1e+"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"3in x"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"1.toString()"), "Invalid or unexpected token");
  EXPECT_EQ(Kinds(u"1..toString"), (std::vector<K>{K::kNumber, K::kPeriod, K::kIdentifier,
                                                   K::kEos}));
}

TEST(LexerTest, BigIntLiterals) {
  EXPECT_EQ(BigIntDigits(u"0n"), "0");
  EXPECT_EQ(BigIntDigits(u"12345678901234567890123n"), "12345678901234567890123");
  EXPECT_EQ(BigIntDigits(u"1_000n"), "1000");
  EXPECT_EQ(BigIntDigits(u"0xFF_ffn"), "65535");
  EXPECT_EQ(BigIntDigits(u"0o17n"), "15");
  EXPECT_EQ(BigIntDigits(u"0B1_01n"), "5");
  EXPECT_EQ(BigIntDigits(u"0xffffffffffffffffffffn"), "1208925819614629174706175");
  // Only integers without a legacy leading zero take the suffix.
  for (const char16_t* bad : {u"1.5n", u"1e3n", u"01n", u"08n", u".5n", u"1nn", u"1n2", u"0xfnx"}) {
    EXPECT_EQ(LexError(bad), "Invalid or unexpected token") << Utf16ToUtf8(bad);
  }
  EXPECT_EQ(LexError(u"1_n"), "Numeric separators are not allowed at the end of numeric literals");
}

TEST(LexerTest, StringEscapes) {
  EXPECT_EQ(StringValue(u"'abc'"), u"abc");
  EXPECT_EQ(StringValue(u"\"a'b\""), u"a'b");
  EXPECT_EQ(StringValue(u"'\\n\\t\\b\\f\\v\\r\\0'"), std::u16string(u"\n\t\b\f\v\r\0", 7));
  EXPECT_EQ(StringValue(u"'\\x41\\u0042\\u{43}\\u{1F600}'"), u"ABC\U0001F600");
  EXPECT_EQ(StringValue(u"'\\'\\\"\\\\\\q'"), u"'\"\\q");
  EXPECT_EQ(StringValue(u"'a\\\nb'"), u"ab");         // line continuation
  EXPECT_EQ(StringValue(u"'a\\\r\nb'"), u"ab");       // CRLF continuation
  EXPECT_EQ(StringValue(u"'a\\\u2028b'"), u"ab");     // LS continuation
  EXPECT_EQ(StringValue(u"'a\u2028b'"), u"a\u2028b");  // LS/PS allowed unescaped
  EXPECT_EQ(StringValue(u"'\\ud800'"), u"\xd800");    // lone surrogates survive
  Token token = One(u"'\\101\\7\\08'");
  EXPECT_EQ(token.value, std::u16string(u"A\a\0" u"8", 4));
  EXPECT_EQ(token.octal, OctalKind::kOctalEscape);
  token = One(u"'\\8'");
  EXPECT_EQ(token.value, u"8");
  EXPECT_EQ(token.octal, OctalKind::kEightNineEscape);
  EXPECT_EQ(One(u"'\\0'").octal, OctalKind::kNone);
  EXPECT_EQ(LexError(u"'abc"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"'a\nb'"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"'\\x4'"), "Invalid hexadecimal escape sequence");
  EXPECT_EQ(LexError(u"'\\u12'"), "Invalid Unicode escape sequence");
  EXPECT_EQ(LexError(u"'\\u{110000}'"), "Undefined Unicode code-point");
}

// Strings and templates share one escape decoder: what is valid in both
// decodes alike; they differ in legacy octal and \8 \9 (a value in a string,
// recorded for strict code; invalid in a template) and in what an invalid
// escape does (an illegal string token; an undefined cooked value in a
// template, whose scanning goes on).
TEST(LexerTest, StringAndTemplateEscapesAgree) {
  for (std::u16string body : {u"\\n\\t\\b\\f\\v\\r\\0", u"\\x41\\u0042\\u{43}\\u{1F600}", u"\\q\\\\\\'",
                              u"a\\\nb", u"a\\\r\nb", u"a\\\u2029b", u"\\ud800", u"\\0x"}) {
    Token string = One(u"'" + body + u"'");
    Token tmpl = One(u"`" + body + u"`");
    ASSERT_EQ(string.kind, K::kString) << Utf16ToUtf8(body);
    ASSERT_EQ(tmpl.kind, K::kTemplateTail) << Utf16ToUtf8(body);
    EXPECT_TRUE(tmpl.cooked_valid) << Utf16ToUtf8(body);
    EXPECT_EQ(string.value, tmpl.value) << Utf16ToUtf8(body);
    EXPECT_EQ(string.octal, OctalKind::kNone) << Utf16ToUtf8(body);
  }
  // Legacy octal: a string records where (the digit for \07, the backslash for \8).
  Token token = One(u"'ab\\07'");
  EXPECT_EQ(token.value, u"ab\a");
  EXPECT_EQ(token.octal, OctalKind::kOctalEscape);
  EXPECT_EQ(token.octal_pos.offset, 4u);
  token = One(u"'ab\\9'");
  EXPECT_EQ(token.octal, OctalKind::kEightNineEscape);
  EXPECT_EQ(token.octal_pos.offset, 3u);
  // ...a template refuses it, at the backslash, and goes on scanning.
  token = One(u"`ab\\07${");
  EXPECT_EQ(token.kind, K::kTemplateSpan);
  EXPECT_FALSE(token.cooked_valid);
  EXPECT_STREQ(token.invalid_escape_message, "Octal escape sequences are not allowed in template strings.");
  EXPECT_EQ(token.invalid_escape_pos.offset, 3u);
  EXPECT_EQ(token.raw, u"ab\\07");
  token = One(u"`\\9\\xZ`");
  EXPECT_EQ(token.kind, K::kTemplateTail);
  EXPECT_STREQ(token.invalid_escape_message, "\\8 and \\9 are not allowed in template strings.");
  EXPECT_EQ(token.invalid_escape_pos.offset, 1u);  // the first invalid escape is reported
  EXPECT_EQ(token.raw, u"\\9\\xZ");
  // A malformed \x or \u: an illegal string token where the escape starts
  // (\u{...} past 10FFFF: where the digits overflow) ...
  std::vector<Token> tokens = Lex(u"'ab\\xZ'");
  EXPECT_EQ(tokens.back().kind, K::kIllegal);
  EXPECT_STREQ(tokens.back().error_message, "Invalid hexadecimal escape sequence");
  EXPECT_EQ(tokens.back().error_pos.offset, 3u);
  tokens = Lex(u"'\\u{110000}'");
  EXPECT_STREQ(tokens.back().error_message, "Undefined Unicode code-point");
  // ... and in a template the same message, position and cooked value undefined.
  token = One(u"`ab\\xZ`");
  EXPECT_FALSE(token.cooked_valid);
  EXPECT_STREQ(token.invalid_escape_message, "Invalid hexadecimal escape sequence");
  EXPECT_EQ(token.invalid_escape_pos.offset, 3u);
  token = One(u"`\\u{110000}`");
  EXPECT_STREQ(token.invalid_escape_message, "Undefined Unicode code-point");
  EXPECT_EQ(token.raw, u"\\u{110000}");
}

TEST(LexerTest, Templates) {
  Token token = One(u"`a\\n${");
  EXPECT_EQ(token.kind, K::kTemplateSpan);
  EXPECT_EQ(token.value, u"a\n");
  EXPECT_EQ(token.raw, u"a\\n");
  token = One(u"`x\r\ny\rz`");
  EXPECT_EQ(token.kind, K::kTemplateTail);
  EXPECT_EQ(token.value, u"x\ny\nz");  // CR and CRLF become LF, in both
  EXPECT_EQ(token.raw, u"x\ny\nz");
  token = One(u"`\\xZZ`");
  EXPECT_FALSE(token.cooked_valid);
  EXPECT_STREQ(token.invalid_escape_message, "Invalid hexadecimal escape sequence");
  EXPECT_EQ(token.raw, u"\\xZZ");
  EXPECT_FALSE(One(u"`\\01`").cooked_valid);
  EXPECT_FALSE(One(u"`\\u{`").cooked_valid);
  EXPECT_TRUE(One(u"`\\0`").cooked_valid);
  EXPECT_EQ(LexError(u"`abc"), "Unexpected end of input");

  // A `}` is rescanned as the template's continuation by request.
  Lexer lexer(u"`a${x}b${y}c`");
  Token t;
  lexer.Next(&t);
  EXPECT_EQ(t.kind, K::kTemplateSpan);
  EXPECT_EQ(t.value, u"a");
  lexer.Next(&t);
  EXPECT_EQ(t.kind, K::kIdentifier);
  lexer.Next(&t);
  EXPECT_EQ(t.kind, K::kRBrace);
  lexer.RescanTemplateContinuation(&t);
  EXPECT_EQ(t.kind, K::kTemplateSpan);
  EXPECT_EQ(t.value, u"b");
  lexer.Next(&t);
  lexer.Next(&t);
  lexer.RescanTemplateContinuation(&t);
  EXPECT_EQ(t.kind, K::kTemplateTail);
  EXPECT_EQ(t.value, u"c");
  lexer.Next(&t);
  EXPECT_EQ(t.kind, K::kEos);
}

TEST(LexerTest, RegExpRescan) {
  Lexer lexer(u"/a[/]\\/b/gi.x");
  Token t;
  lexer.Next(&t);
  ASSERT_EQ(t.kind, K::kDiv);
  lexer.RescanRegExp(&t);
  ASSERT_EQ(t.kind, K::kRegExp);
  EXPECT_EQ(t.value, u"a[/]\\/b");
  EXPECT_EQ(t.raw, u"gi");
  lexer.Next(&t);
  EXPECT_EQ(t.kind, K::kPeriod);

  Lexer assign_div(u"/=a/");
  assign_div.Next(&t);
  ASSERT_EQ(t.kind, K::kAssignDiv);
  assign_div.RescanRegExp(&t);
  EXPECT_EQ(t.kind, K::kRegExp);
  EXPECT_EQ(t.value, u"=a");

  auto rescan_error = [](std::u16string_view source) {
    Lexer l(source);
    Token token;
    l.Next(&token);
    l.RescanRegExp(&token);
    return token.kind == K::kIllegal ? std::string(token.error_message) : std::string();
  };
  EXPECT_EQ(rescan_error(u"/abc"), "Invalid regular expression: missing /");
  EXPECT_EQ(rescan_error(u"/a\n/"), "Invalid regular expression: missing /");
  EXPECT_EQ(rescan_error(u"/[/"), "Invalid regular expression: missing /");
  EXPECT_EQ(rescan_error(u"/a/gg"), "Invalid regular expression flags");
  EXPECT_EQ(rescan_error(u"/a/x"), "Invalid regular expression flags");
  EXPECT_EQ(rescan_error(u"/a/dgimsuy"), "");
}

// Whether the parser read the `/` in `source` as a regular expression.
bool SlashIsRegExp(std::u16string_view source) {
  ParseResult result = ParseProgram(source);
  EXPECT_FALSE(result.error.has_value()) << Utf16ToUtf8(source) << ": " << result.error->message;
  if (result.error) return false;
  // Any RegExpLiteral node in the zone means a regex was read.
  struct Finder {
    static bool Find(const Node* node) {
      if (node == nullptr) return false;
      if (node->Is<RegExpLiteral>()) return true;
      if (const ExprStmt* s = node->As<ExprStmt>()) return Find(s->expr);
      if (const Binary* b = node->As<Binary>()) return Find(b->left) || Find(b->right);
      if (const Assignment* a = node->As<Assignment>()) return Find(a->value);
      if (const Unary* u = node->As<Unary>()) return Find(u->operand);
      if (const Update* u = node->As<Update>()) return Find(u->target);
      if (const Member* m = node->As<Member>()) return Find(m->object);
      if (const Call* c = node->As<Call>()) return Find(c->callee);
      if (const If* i = node->As<If>()) return Find(i->then_stmt);
      if (const Block* b = node->As<Block>()) {
        for (const Node* s : b->body) {
          if (Find(s)) return true;
        }
      }
      if (const FunctionLiteral* f = node->As<FunctionLiteral>()) {
        for (const Node* s : f->body) {
          if (Find(s)) return true;
        }
      }
      if (const FunctionDecl* d = node->As<FunctionDecl>()) return Find(d->fn);
      if (const Return* r = node->As<Return>()) return Find(r->value);
      return false;
    }
  };
  for (const Node* stmt : result.program->body) {
    if (Finder::Find(stmt)) return true;
  }
  return false;
}

TEST(LexerTest, RegExpVersusDivide) {
  EXPECT_FALSE(SlashIsRegExp(u"a / b / c"));
  EXPECT_FALSE(SlashIsRegExp(u"x = (1) / 2"));
  EXPECT_FALSE(SlashIsRegExp(u"x = this / 2"));
  EXPECT_FALSE(SlashIsRegExp(u"x = a++ / 2"));
  EXPECT_FALSE(SlashIsRegExp(u"x = a[0] / 2 / 3"));
  EXPECT_FALSE(SlashIsRegExp(u"x = {} / 1"));
  EXPECT_FALSE(SlashIsRegExp(u"x /= 2"));
  EXPECT_TRUE(SlashIsRegExp(u"x = /a/g"));
  EXPECT_TRUE(SlashIsRegExp(u"x = /=a/"));
  EXPECT_FALSE(SlashIsRegExp(u"x = a\n/b/g.x"));  // a / b / g.x: no ASI before `/`
  EXPECT_TRUE(SlashIsRegExp(u"{} /a/g"));          // a block, then a regex
  EXPECT_TRUE(SlashIsRegExp(u"x = ++/a/.lastIndex"));
  EXPECT_TRUE(SlashIsRegExp(u"x = typeof /a/"));
  EXPECT_TRUE(SlashIsRegExp(u"if (x) /a/.test(y)"));
  EXPECT_TRUE(SlashIsRegExp(u"x = y => /a/"));
  EXPECT_TRUE(SlashIsRegExp(u"function f() { return /a/ }"));
}

TEST(LexerTest, RegExpVersusDivideNewlineIsDivision) {
  // `a \n /b/g.x` is a division chain (no ASI before `/`).
  ParseResult result = ParseProgram(u"x = a\n/b/g");
  ASSERT_FALSE(result.error.has_value());
  const Assignment* assign = result.program->body[0]->As<ExprStmt>()->expr->As<Assignment>();
  ASSERT_NE(assign, nullptr);
  EXPECT_TRUE(assign->value->Is<Binary>());
}

TEST(LexerTest, Positions) {
  std::vector<Token> tokens = Lex(u"a\n  bc\r\nd\re\u2028f /* x\n */ g\t\u00a0h");
  ASSERT_EQ(tokens.size(), 8u);
  auto at = [&](size_t i, uint32_t offset, uint32_t line, uint32_t col) {
    EXPECT_EQ(tokens[i].pos.offset, offset) << i;
    EXPECT_EQ(tokens[i].pos.line, line) << i;
    EXPECT_EQ(tokens[i].pos.col, col) << i;
  };
  at(0, 0, 1, 1);    // a
  at(1, 4, 2, 3);    // bc
  EXPECT_EQ(tokens[1].end, 6u);
  at(2, 8, 3, 1);    // d (after CRLF)
  at(3, 10, 4, 1);   // e (after CR)
  at(4, 12, 5, 1);   // f (after U+2028)
  at(5, 23, 6, 5);   // g (after a comment holding a newline)
  at(6, 26, 6, 8);   // h (after a tab and a no-break space)
  EXPECT_EQ(tokens[7].kind, K::kEos);
  // Columns count UTF-16 code units.
  std::vector<Token> wide = Lex(u"'\U0001F600' x");
  EXPECT_EQ(wide[1].pos.col, 6u);
}

TEST(LexerTest, NewlineFlags) {
  std::vector<Token> tokens = Lex(u"a b\nc /*\n*/ d /**/ e // x\nf\u2029g");
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_FALSE(tokens[0].newline_before);
  EXPECT_FALSE(tokens[1].newline_before);  // b
  EXPECT_TRUE(tokens[2].newline_before);   // c
  EXPECT_TRUE(tokens[3].newline_before);   // d: multi-line comment counts
  EXPECT_FALSE(tokens[4].newline_before);  // e: single-line comment does not
  EXPECT_TRUE(tokens[5].newline_before);   // f
  EXPECT_TRUE(tokens[6].newline_before);   // g after U+2029
}

TEST(LexerTest, HashbangAndTrivia) {
  EXPECT_EQ(Kinds(u"#!/usr/bin/env node\nx"), (std::vector<K>{K::kIdentifier, K::kEos}));
  EXPECT_EQ(LexError(u" #!x"), "Invalid or unexpected token");
  EXPECT_EQ(Kinds(u"\ufeff\u3000\u2003x"), (std::vector<K>{K::kIdentifier, K::kEos}));
  EXPECT_EQ(LexError(u"/* unterminated"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"@"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(u"# x"), "Invalid or unexpected token");
  EXPECT_EQ(Kinds(u"#x #if #\\u0061"), (std::vector<K>{K::kPrivateName, K::kPrivateName, K::kPrivateName, K::kEos}));
  EXPECT_EQ(LexError(u"\xd800"), "Invalid or unexpected token");
  EXPECT_EQ(LexError(std::u16string(u"a\0b", 3)), "Invalid or unexpected token");
}

TEST(LexerTest, TokenTable) {
  EXPECT_STREQ(TokenText(K::kAssignShr), ">>>=");
  EXPECT_STREQ(TokenText(K::kInstanceOf), "instanceof");
  EXPECT_EQ(TokenPrecedence(K::kMul), 13);
  EXPECT_EQ(TokenPrecedence(K::kIn), 10);
  EXPECT_EQ(TokenPrecedence(K::kAssign), 0);
  EXPECT_TRUE(IsAssignmentToken(K::kAssignNullish));
  EXPECT_FALSE(IsAssignmentToken(K::kEq));
  EXPECT_TRUE(IsKeywordToken(K::kWith));
  EXPECT_FALSE(IsKeywordToken(K::kIdentifier));
  EXPECT_TRUE(IsStrictReservedWord(u"implements"));
  EXPECT_FALSE(IsStrictReservedWord(u"eval"));
}

}  // namespace
}  // namespace jsvm
