// The call-site printer (compiler/call-printer.h): each expression statement
// of a one-line program printed as V8's CallPrinter prints a callee, in call
// and in iterator mode. tests/messages holds the same texts against node.
#include "compiler/call-printer.h"

#include <gtest/gtest.h>

#include <string>

#include "compiler/parser.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

// The text of the expression statement `source` (which must parse).
std::string Printed(const char* source, CallPrintMode mode = CallPrintMode::kCall) {
  ParseResult result = ParseProgram(Utf8ToUtf16(source));
  if (result.error) return "<parse error: " + result.error->message + ">";
  auto* stmt = result.program->body.empty() ? nullptr : result.program->body[0]->As<ExprStmt>();
  if (!stmt) return "<not an expression statement>";
  return Utf16ToUtf8(PrintCallSite(stmt->expr, mode));
}

TEST(CallPrinterTest, NamesAndProperties) {
  EXPECT_EQ(Printed("obj.fn"), "obj.fn");
  EXPECT_EQ(Printed("a.b.c"), "a.b.c");
  EXPECT_EQ(Printed("obj[key]"), "obj[key]");
  EXPECT_EQ(Printed("obj [ key ]"), "obj[key]");
  EXPECT_EQ(Printed("o['x y']"), "o.x y");
  EXPECT_EQ(Printed("a[0]"), "a[0]");
  EXPECT_EQ(Printed("a[-1]"), "a[-1]");
  EXPECT_EQ(Printed("o?.a.b"), "o?.a.b");
  EXPECT_EQ(Printed("o?.['x']"), "o?.x");
  EXPECT_EQ(Printed("this.x"), "this.x");
}

TEST(CallPrinterTest, CallsAndIntermediateValues) {
  EXPECT_EQ(Printed("foo()"), "foo(...)");
  EXPECT_EQ(Printed("foo(1)(2).x"), "foo(...)(...).x");
  EXPECT_EQ(Printed("foo()", CallPrintMode::kIterator), "foo");
  EXPECT_EQ(Printed("(function () {})().x"), "(intermediate value)(...).x");
  EXPECT_EQ(Printed("new Set(x).add"), "(intermediate value).add");
  EXPECT_EQ(Printed("(1 ? a : b)"), "(intermediate value)(intermediate value)(intermediate value)");
  EXPECT_EQ(Printed("({a: 1, b: 2})"), "{(intermediate value)(intermediate value)}");
  EXPECT_EQ(Printed("[1, x => x]"), "[1,(intermediate value)]");
}

TEST(CallPrinterTest, OperatorsAndLiterals) {
  EXPECT_EQ(Printed("void 0"), "(void 0)");
  EXPECT_EQ(Printed("typeof o"), "(typeof o)");
  EXPECT_EQ(Printed("!0"), "true");
  EXPECT_EQ(Printed("n++"), "(n++)");
  EXPECT_EQ(Printed("a + b + c"), "(a + b + c)");
  EXPECT_EQ(Printed("a + b * c"), "(a + (b * c))");
  EXPECT_EQ(Printed("a && b || c"), "((a && b) || c)");
  EXPECT_EQ(Printed("a ** b"), "(a ** b)");
  EXPECT_EQ(Printed("(0, o.f)"), "(0 , o.f)");
  EXPECT_EQ(Printed("a = b"), "a");
  EXPECT_EQ(Printed("'abc'"), "\"abc\"");
  EXPECT_EQ(Printed("`ab`"), "\"ab\"");
  EXPECT_EQ(Printed("`a${x}b`"), "x");
  EXPECT_EQ(Printed("1e21"), "1e+21");
}

}  // namespace
}  // namespace jsvm
