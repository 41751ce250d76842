// Robustness: random token soups, random code units, mutated programs and deep
// nesting. Whatever the input, the parser returns either a program or an error
// whose position lies inside the source and agrees with its offset.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/parser.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

// A small deterministic generator (the same sequence on every platform).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  bool OneIn(size_t n) { return Below(n) == 0; }

 private:
  uint64_t state_;
};

// The line and column of `offset`, computed independently of the lexer.
SourcePos PosOf(std::u16string_view source, uint32_t offset) {
  SourcePos pos;
  pos.offset = offset;
  uint32_t line_start = 0;
  for (uint32_t i = 0; i < offset && i < source.size(); ++i) {
    char16_t c = source[i];
    if (c == '\r' && i + 1 < source.size() && source[i + 1] == '\n') continue;  // CRLF: one
    if (IsJsLineTerminator(c)) {
      ++pos.line;
      line_start = i + 1;
    }
  }
  pos.col = offset - line_start + 1;
  return pos;
}

// Parses `source` and checks the result's invariants; returns true if it parsed.
bool CheckParse(std::u16string_view source, const std::string& what) {
  ParseResult result = ParseProgram(source);
  EXPECT_NE(result.zone, nullptr);
  if (!result.error) {
    EXPECT_NE(result.program, nullptr) << what;
    if (result.program == nullptr) return false;
    EXPECT_NE(result.program->top, nullptr) << what;
    EXPECT_GE(result.program->function_count, 1u) << what;
    EXPECT_EQ(result.program->top->function_id, 0u) << what;
    EXPECT_EQ(result.program->top->body.size(), result.program->body.size()) << what;
    return true;
  }
  EXPECT_EQ(result.program, nullptr) << what;
  const ParseError& e = *result.error;
  EXPECT_FALSE(e.message.empty()) << what;
  EXPECT_LE(e.pos.offset, source.size()) << what;
  SourcePos expected = PosOf(source, e.pos.offset);
  EXPECT_EQ(e.pos.line, expected.line) << what << "\n  " << e.message;
  EXPECT_EQ(e.pos.col, expected.col) << what << "\n  " << e.message;
  // Formatting never fails either.
  std::string formatted = FormatParseError("fuzz.js", source, e);
  EXPECT_FALSE(formatted.empty());
  return false;
}

const char* const kTokens[] = {
    // punctuators
    "{", "}", "(", ")", "[", "]", ";", ",", ".", "...", "?", "?.", ":", "=>", "=", "==",
    "===", "!=", "!==", "<", ">", "<=", ">=", "+", "-", "*", "/", "%", "**", "++", "--",
    "<<", ">>", ">>>", "&", "|", "^", "!", "~", "&&", "||", "??", "+=", "-=", "*=", "/=",
    "%=", "**=", "<<=", ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "?\?=",
    // keywords
    "var", "let", "const", "function", "class", "extends", "return", "if", "else", "for",
    "in", "of", "while", "do", "break", "continue", "switch", "case", "default", "try",
    "catch", "finally", "throw", "new", "delete", "typeof", "void", "instanceof", "this",
    "super", "null", "true", "false", "with", "debugger", "static", "get", "set", "async",
    "await", "yield", "import", "export", "enum", "target", "constructor", "__proto__",
    "eval", "arguments", "implements", "'use strict'", "\"use strict\";",
    // identifiers and literals
    "a", "b", "x", "$", "_y", "\\u0061", "\\u{62}", "v\\u0061r", "1", "0", "1.5", ".5", "1e3",
    "0x1F", "0b101", "0o17", "017", "08", "1_000", "1n", "'s'", "\"d\"", "'\\07'", "'\\x41'",
    "`t`", "`a${", "}b`", "}c${", "`\\x`", "/re/g", "/[/]/", "/=/", "/", "#!", "#",
    // layout
    "\n", "\n", "\r\n", "\u2028", "//c\n", "/*c*/", "/*\n*/",
};

TEST(ParserFuzzTest, RandomTokenSequences) {
  Random random(20240601);
  const size_t token_count = sizeof(kTokens) / sizeof(kTokens[0]);
  int parsed = 0;
  for (int i = 0; i < 10000; ++i) {
    std::string source;
    size_t length = 1 + random.Below(40);
    for (size_t j = 0; j < length; ++j) {
      source += kTokens[random.Below(token_count)];
      source += random.OneIn(8) ? "" : " ";
    }
    parsed += CheckParse(Utf8ToUtf16(source), source);
    if (::testing::Test::HasFailure()) break;
  }
  // Sanity: some of the soup is valid JavaScript.
  EXPECT_GT(parsed, 50);
}

TEST(ParserFuzzTest, RandomCodeUnits) {
  Random random(77);
  const char16_t kSpecial[] = {0,      '\n',   '\r',   '\\',   '"',    '\'',   '`',
                               '/',    '*',    '{',    '}',    '$',    0x2028, 0x2029,
                               0xD800, 0xDC00, 0xDBFF, 0xFEFF, 0x00A0, 0xFFFF, 0x00E9};
  for (int i = 0; i < 3000; ++i) {
    std::u16string source;
    size_t length = random.Below(200);
    for (size_t j = 0; j < length; ++j) {
      switch (random.Below(4)) {
        case 0:
          source.push_back(kSpecial[random.Below(sizeof(kSpecial) / sizeof(kSpecial[0]))]);
          break;
        case 1:
          source.push_back(static_cast<char16_t>(random.Below(0x10000)));
          break;
        default:
          source.push_back(static_cast<char16_t>(0x20 + random.Below(0x5F)));
          break;
      }
    }
    CheckParse(source, "random code units #" + std::to_string(i));
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(ParserFuzzTest, RandomBytes) {
  // Arbitrary bytes, decoded as UTF-8 the way a source file would be.
  Random random(1234);
  for (int i = 0; i < 2000; ++i) {
    std::string bytes;
    size_t length = random.Below(300);
    for (size_t j = 0; j < length; ++j) bytes.push_back(static_cast<char>(random.Below(256)));
    CheckParse(Utf8ToUtf16(bytes), "random bytes #" + std::to_string(i));
    if (::testing::Test::HasFailure()) break;
  }
}

std::vector<std::u16string> SeedPrograms() {
  std::vector<std::u16string> seeds = {
      u"function f(a, b = 1, ...c) { 'use strict'; return a + b * c.length; }\n"
      u"var o = { x: 1, get y() { return 2; }, [k]: 3, ...p, m() { super.m(); } };\n"
      u"for (let [i, {j}] of list) { if (i) continue; else break; }\n",
      u"class A extends B { constructor() { super(); } static s = 1; x = () => this; "
      u"get g() { return `a${1}b`; } }\nlabel: while (x ?? y) { x?.y?.(z); a ||= b; }\n",
      u"try { throw new Error('x') } catch ({message}) { } finally { }\n"
      u"switch (v) { case 1: let q = /a[/]b/gi; default: ; }\n"
      u"x = a => b => (c, d) => [...c, ...d];\n(function () { with (o) { z = 017; } })();\n",
  };
  std::filesystem::path shared = JSVM_SHARED_DIR;
  std::filesystem::path tier2 = shared / "conformance" / "tier2";
  if (std::filesystem::is_directory(tier2)) {
    for (const auto& entry : std::filesystem::directory_iterator(tier2)) {
      if (entry.path().extension() != ".js") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      seeds.push_back(Utf8ToUtf16(buffer.str()));
      if (seeds.size() >= 40) break;
    }
  }
  return seeds;
}

TEST(ParserFuzzTest, MutatedPrograms) {
  Random random(4242);
  std::vector<std::u16string> seeds = SeedPrograms();
  for (const std::u16string& seed : seeds) CheckParse(seed, "seed");
  const std::u16string kInserts[] = {u"(", u")", u"{", u"}", u"[", u"]", u"`", u"${", u"/",
                                     u"'", u"=>", u"\n", u"...", u"?.", u"let ", u"\\"};
  for (int i = 0; i < 3000; ++i) {
    std::u16string source = seeds[random.Below(seeds.size())];
    int edits = 1 + static_cast<int>(random.Below(4));
    for (int e = 0; e < edits && !source.empty(); ++e) {
      size_t at = random.Below(source.size());
      switch (random.Below(3)) {
        case 0:
          source.erase(at, 1 + random.Below(8));
          break;
        case 1:
          source.insert(at, kInserts[random.Below(sizeof(kInserts) / sizeof(kInserts[0]))]);
          break;
        default:
          source[at] = source[random.Below(source.size())];
          break;
      }
    }
    CheckParse(source, "mutation #" + std::to_string(i));
    if (::testing::Test::HasFailure()) break;
  }
}

TEST(ParserFuzzTest, DeepNesting) {
  for (const char16_t* open : {u"(", u"[", u"{", u"[(", u"a=>", u"-", u"`${", u"new ",
                               u"function f(){", u"if(1)", u"a?b:", u"x=(", u"{a:[", u"[..."}) {
    std::u16string source;
    while (source.size() < 100000) source += open;
    ParseResult result = ParseProgram(source);
    ASSERT_TRUE(result.error.has_value()) << Utf16ToUtf8(open);
    EXPECT_EQ(result.error->kind, ParseErrorKind::kRangeError) << Utf16ToUtf8(open);
    EXPECT_LE(result.error->pos.offset, source.size());
  }
  // Random mixes of openers (closed or not).
  Random random(99);
  const char16_t* const kOpeners[] = {u"(", u"[", u"{", u"x=>", u"!", u"{a:", u"(a,", u"`${"};
  for (int i = 0; i < 20; ++i) {
    std::u16string source;
    while (source.size() < 20000) source += kOpeners[random.Below(8)];
    CheckParse(source, "mixed nesting #" + std::to_string(i));
  }
  // Long flat inputs are fine: no recursion, no quadratic work.
  std::u16string flat;
  for (int i = 0; i < 100000; ++i) flat += u"a;\n";
  EXPECT_TRUE(CheckParse(flat, "flat"));
  std::u16string long_string = u"x = '" + std::u16string(500000, u'q') + u"';";
  EXPECT_TRUE(CheckParse(long_string, "long string"));
}

}  // namespace
}  // namespace jsvm
