// Parser tests: AST shapes (through a compact S-expression dump), positions,
// function ids, strictness, and the shared corpus of programs.
#include "compiler/parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

// ------------------------------------------------------------------ AST dump

std::string U8(const std::u16string& s) { return Utf16ToUtf8(s); }

const char* BinaryOpText(BinaryOp op) {
  static const char* const kTexts[] = {"+",  "-",  "*",   "/",   "%",   "**", "<<", ">>",
                                       ">>>", "&", "|",   "^",   "==",  "!=", "===", "!==",
                                       "<",  ">",  "<=",  ">=",  "in",  "instanceof"};
  return kTexts[static_cast<int>(op)];
}

const char* AssignOpText(AssignOp op) {
  static const char* const kTexts[] = {"=",   "+=", "-=", "*=", "/=",  "%=",  "**=", "<<=",
                                       ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "?\?="};
  return kTexts[static_cast<int>(op)];
}

const char* UnaryOpText(UnaryOp op) {
  static const char* const kTexts[] = {"-", "+", "!", "~", "typeof", "void", "delete"};
  return kTexts[static_cast<int>(op)];
}

std::string Dump(const Node* node);

std::string DumpList(const std::vector<Node*>& nodes) {
  std::string out;
  for (const Node* node : nodes) {
    out += ' ';
    out += Dump(node);
  }
  return out;
}

std::string DumpNumber(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::string DumpProperty(const Property& p) {
  std::string key = p.key == nullptr ? "" : p.computed ? "[" + Dump(p.key) + "]" : Dump(p.key);
  std::string prefix = p.is_static ? "static " : "";
  switch (p.kind) {
    case PropertyKind::kInit:
      if (p.is_field) return "(" + prefix + "field " + key + (p.value ? " " + Dump(p.value) : "") + ")";
      if (p.shorthand) return "(shorthand " + Dump(p.value) + ")";
      if (p.method) return "(" + prefix + "method " + key + " " + Dump(p.value) + ")";
      return "(init " + key + " " + Dump(p.value) + ")";
    case PropertyKind::kGetter:
      return "(" + prefix + "get " + key + " " + Dump(p.value) + ")";
    case PropertyKind::kSetter:
      return "(" + prefix + "set " + key + " " + Dump(p.value) + ")";
    case PropertyKind::kSpread:
      return "(spread " + Dump(p.value) + ")";
    case PropertyKind::kProto:
      return "(proto " + Dump(p.value) + ")";
  }
  return "?";
}

std::string Dump(const Node* node) {
  if (node == nullptr) return "_";
  switch (node->kind) {
    case NodeKind::kNumberLiteral:
      return DumpNumber(node->As<NumberLiteral>()->value);
    case NodeKind::kStringLiteral:
      return "\"" + U8(node->As<StringLiteral>()->value) + "\"";
    case NodeKind::kBigIntLiteral:
      return U8(node->As<BigIntLiteral>()->digits) + "n";
    case NodeKind::kTemplateLiteral: {
      const TemplateLiteral* t = node->As<TemplateLiteral>();
      std::string out = "(template";
      for (size_t i = 0; i < t->cooked.size(); ++i) {
        out += t->cooked_valid[i] ? " \"" + U8(t->cooked[i]) + "\"" : " !";
        if (i < t->exprs.size()) out += " " + Dump(t->exprs[i]);
      }
      return out + ")";
    }
    case NodeKind::kTaggedTemplate: {
      const TaggedTemplate* t = node->As<TaggedTemplate>();
      return "(tag " + Dump(t->tag) + " " + Dump(t->quasi) + ")";
    }
    case NodeKind::kRegExpLiteral: {
      const RegExpLiteral* r = node->As<RegExpLiteral>();
      return "/" + U8(r->pattern) + "/" + U8(r->flags);
    }
    case NodeKind::kNullLiteral:
      return "null";
    case NodeKind::kBooleanLiteral:
      return node->As<BooleanLiteral>()->value ? "true" : "false";
    case NodeKind::kIdentifier:
      return U8(node->As<Identifier>()->name);
    case NodeKind::kPrivateName:
      return U8(node->As<PrivateName>()->name);
    case NodeKind::kThisExpression:
      return "this";
    case NodeKind::kSuperExpression:
      return "super";
    case NodeKind::kNewTarget:
      return "new.target";
    case NodeKind::kArrayLiteral: {
      std::string out = "[";
      const auto& elements = node->As<ArrayLiteral>()->elements;
      for (size_t i = 0; i < elements.size(); ++i) out += (i ? " " : "") + Dump(elements[i]);
      return out + "]";
    }
    case NodeKind::kObjectLiteral: {
      std::string out = "(object";
      for (const Property& p : node->As<ObjectLiteral>()->properties) out += " " + DumpProperty(p);
      return out + ")";
    }
    case NodeKind::kFunctionLiteral: {
      const FunctionLiteral* f = node->As<FunctionLiteral>();
      static const char* const kKinds[] = {"function", "arrow",     "method", "getter",
                                           "setter",   "ctor",      "derived-ctor"};
      std::string out = f->is_async ? "(async " : "(";
      out += kKinds[static_cast<int>(f->fn_kind)];
      if (f->is_generator) out += "*";
      if (f->name != nullptr) out += " " + Dump(f->name);
      out += " (";
      for (size_t i = 0; i < f->params.size(); ++i) out += (i ? " " : "") + Dump(f->params[i]);
      out += ")";
      if (f->expression_body) return out + " => " + Dump(f->body[0]->As<Return>()->value) + ")";
      return out + DumpList(f->body) + ")";
    }
    case NodeKind::kClassLiteral: {
      const ClassLiteral* c = node->As<ClassLiteral>();
      std::string out = "(class";
      if (c->name != nullptr) out += " " + Dump(c->name);
      if (c->extends != nullptr) out += " extends " + Dump(c->extends);
      if (c->constructor != nullptr) out += " " + Dump(c->constructor);
      for (const Property& p : c->members) out += " " + DumpProperty(p);
      return out + ")";
    }
    case NodeKind::kUnary: {
      const Unary* u = node->As<Unary>();
      return std::string("(") + UnaryOpText(u->op) + " " + Dump(u->operand) + ")";
    }
    case NodeKind::kUpdate: {
      const Update* u = node->As<Update>();
      const char* op = u->increment ? "++" : "--";
      return u->prefix ? std::string("(") + op + " " + Dump(u->target) + ")"
                       : "(" + Dump(u->target) + " " + op + ")";
    }
    case NodeKind::kBinary: {
      const Binary* b = node->As<Binary>();
      return std::string("(") + BinaryOpText(b->op) + " " + Dump(b->left) + " " + Dump(b->right) + ")";
    }
    case NodeKind::kLogical: {
      const Logical* l = node->As<Logical>();
      const char* op = l->op == LogicalOp::kAnd ? "&&" : l->op == LogicalOp::kOr ? "||" : "??";
      return std::string("(") + op + " " + Dump(l->left) + " " + Dump(l->right) + ")";
    }
    case NodeKind::kAssignment: {
      const Assignment* a = node->As<Assignment>();
      return std::string("(") + AssignOpText(a->op) + " " + Dump(a->target) + " " + Dump(a->value) + ")";
    }
    case NodeKind::kConditional: {
      const Conditional* c = node->As<Conditional>();
      return "(? " + Dump(c->test) + " " + Dump(c->then_expr) + " " + Dump(c->else_expr) + ")";
    }
    case NodeKind::kCall: {
      const Call* c = node->As<Call>();
      return std::string(c->optional ? "(call? " : "(call ") + Dump(c->callee) + DumpList(c->args) + ")";
    }
    case NodeKind::kNew: {
      const New* n = node->As<New>();
      return "(new " + Dump(n->callee) + DumpList(n->args) + ")";
    }
    case NodeKind::kMember: {
      const Member* m = node->As<Member>();
      return std::string(m->optional ? "(?. " : "(. ") + Dump(m->object) + " " + U8(m->name) + ")";
    }
    case NodeKind::kKeyed: {
      const Keyed* k = node->As<Keyed>();
      return std::string(k->optional ? "(?.[] " : "([] ") + Dump(k->object) + " " + Dump(k->key) + ")";
    }
    case NodeKind::kOptionalChain:
      return "(chain " + Dump(node->As<OptionalChain>()->expr) + ")";
    case NodeKind::kSequence:
      return "(," + DumpList(node->As<Sequence>()->exprs) + ")";
    case NodeKind::kSpread:
      return "(... " + Dump(node->As<Spread>()->arg) + ")";
    case NodeKind::kYield: {
      const Yield* y = node->As<Yield>();
      std::string out = y->delegate ? "(yield*" : "(yield";
      return out + (y->arg != nullptr ? " " + Dump(y->arg) : "") + ")";
    }
    case NodeKind::kAwait:
      return "(await " + Dump(node->As<Await>()->arg) + ")";
    case NodeKind::kArrayPattern:
      return "(apat" + DumpList(node->As<ArrayPattern>()->elements) + ")";
    case NodeKind::kObjectPattern: {
      const ObjectPattern* o = node->As<ObjectPattern>();
      std::string out = "(opat";
      for (const PatternProperty& p : o->properties) {
        out += " (" + (p.computed ? "[" + Dump(p.key) + "]" : Dump(p.key)) + " " + Dump(p.value) + ")";
      }
      if (o->rest != nullptr) out += " (rest " + Dump(o->rest) + ")";
      return out + ")";
    }
    case NodeKind::kAssignPattern: {
      const AssignPattern* a = node->As<AssignPattern>();
      return "(default " + Dump(a->target) + " " + Dump(a->default_value) + ")";
    }
    case NodeKind::kRestElement:
      return "(rest " + Dump(node->As<RestElement>()->target) + ")";
    case NodeKind::kVarDecl: {
      const VarDecl* v = node->As<VarDecl>();
      static const char* const kKinds[] = {"var", "let", "const"};
      std::string out = std::string("(") + kKinds[static_cast<int>(v->decl_kind)];
      for (const Declarator& d : v->declarators) {
        out += d.init ? " (" + Dump(d.target) + " " + Dump(d.init) + ")" : " " + Dump(d.target);
      }
      return out + ")";
    }
    case NodeKind::kFunctionDecl:
      return "(decl " + Dump(node->As<FunctionDecl>()->fn) + ")";
    case NodeKind::kClassDecl:
      return "(decl " + Dump(node->As<ClassDecl>()->cls) + ")";
    case NodeKind::kExprStmt:
      return Dump(node->As<ExprStmt>()->expr) + ";";
    case NodeKind::kBlock:
      return "{" + DumpList(node->As<Block>()->body) + " }";
    case NodeKind::kEmpty:
      return ";";
    case NodeKind::kIf: {
      const If* i = node->As<If>();
      return "(if " + Dump(i->test) + " " + Dump(i->then_stmt) +
             (i->else_stmt ? " " + Dump(i->else_stmt) : "") + ")";
    }
    case NodeKind::kFor: {
      const For* f = node->As<For>();
      return "(for " + Dump(f->init) + " " + Dump(f->test) + " " + Dump(f->update) + " " +
             Dump(f->body) + ")";
    }
    case NodeKind::kForIn: {
      const ForIn* f = node->As<ForIn>();
      return "(for-in " + Dump(f->left) + " " + Dump(f->right) + " " + Dump(f->body) + ")";
    }
    case NodeKind::kForOf: {
      const ForOf* f = node->As<ForOf>();
      return std::string(f->is_await ? "(for-await-of " : "(for-of ") + Dump(f->left) + " " + Dump(f->right) + " " + Dump(f->body) + ")";
    }
    case NodeKind::kWhile: {
      const While* w = node->As<While>();
      return "(while " + Dump(w->test) + " " + Dump(w->body) + ")";
    }
    case NodeKind::kDoWhile: {
      const DoWhile* d = node->As<DoWhile>();
      return "(do " + Dump(d->body) + " " + Dump(d->test) + ")";
    }
    case NodeKind::kContinue: {
      const std::u16string& label = node->As<Continue>()->label;
      return label.empty() ? "(continue)" : "(continue " + U8(label) + ")";
    }
    case NodeKind::kBreak: {
      const std::u16string& label = node->As<Break>()->label;
      return label.empty() ? "(break)" : "(break " + U8(label) + ")";
    }
    case NodeKind::kReturn: {
      const Return* r = node->As<Return>();
      return r->value ? "(return " + Dump(r->value) + ")" : "(return)";
    }
    case NodeKind::kThrow:
      return "(throw " + Dump(node->As<Throw>()->value) + ")";
    case NodeKind::kTry: {
      const Try* t = node->As<Try>();
      std::string out = "(try " + Dump(t->block);
      if (t->handler) out += " (catch " + Dump(t->catch_param) + " " + Dump(t->handler) + ")";
      if (t->finalizer) out += " (finally " + Dump(t->finalizer) + ")";
      return out + ")";
    }
    case NodeKind::kSwitch: {
      const Switch* s = node->As<Switch>();
      std::string out = "(switch " + Dump(s->discriminant);
      for (const SwitchCase& c : s->cases) {
        out += c.test ? " (case " + Dump(c.test) : std::string(" (default");
        out += DumpList(c.body) + ")";
      }
      return out + ")";
    }
    case NodeKind::kLabeled: {
      const Labeled* l = node->As<Labeled>();
      return "(label " + U8(l->label) + " " + Dump(l->body) + ")";
    }
    case NodeKind::kDebugger:
      return "(debugger)";
    case NodeKind::kWith: {
      const With* w = node->As<With>();
      return "(with " + Dump(w->object) + " " + Dump(w->body) + ")";
    }
    case NodeKind::kProgram: {
      std::string out;
      for (const Node* s : node->As<Program>()->body) out += (out.empty() ? "" : " ") + Dump(s);
      return out;
    }
    case NodeKind::kImportCall: {
      const ImportCall* c = node->As<ImportCall>();
      return "(import " + Dump(c->specifier) + (c->options ? " " + Dump(c->options) : "") + ")";
    }
    case NodeKind::kImportMeta:
      return "import.meta";
    case NodeKind::kImportDecl: {
      const ImportDecl* d = node->As<ImportDecl>();
      std::string out = "(import-decl \"" + U8(d->specifier) + "\"";
      for (const ImportBinding& b : d->bindings) {
        out += " " + (b.is_namespace ? std::string("*") : U8(b.import_name)) + ":" + U8(b.local->name);
      }
      return out + ")";
    }
    case NodeKind::kExportDecl: {
      const ExportDecl* e = node->As<ExportDecl>();
      std::string out = "(export " + std::to_string(static_cast<int>(e->export_kind));
      if (e->declaration) out += " " + Dump(e->declaration);
      if (e->value) out += " " + Dump(e->value);
      for (const ExportSpecifier& spec : e->specifiers) out += " " + U8(spec.local_name) + ":" + U8(spec.export_name);
      if (!e->specifier.empty()) out += " from \"" + U8(e->specifier) + "\"";
      return out + ")";
    }
  }
  return "?";
}

// Parses `source` (which must parse) and dumps the program.
std::string Parse(std::u16string_view source) {
  ParseResult result = ParseProgram(source);
  if (result.error) {
    ADD_FAILURE() << "parse error in `" << Utf16ToUtf8(source) << "`: " << result.error->message
                  << " at " << result.error->pos.line << ":" << result.error->pos.col;
    return "<error>";
  }
  return Dump(result.program);
}

// The message of the error `source` must produce.
std::string Error(std::u16string_view source) {
  ParseResult result = ParseProgram(source);
  if (!result.error) {
    ADD_FAILURE() << "expected an error for `" << Utf16ToUtf8(source) << "`";
    return "";
  }
  return result.error->message;
}

// ------------------------------------------------------------------ shapes

TEST(ParserTest, Literals) {
  EXPECT_EQ(Parse(u"1; 'a'; \"b\"; null; true; false; this; 0x10; .5e1"),
            "1; \"a\"; \"b\"; null; true; false; this; 16; 5;");
  EXPECT_EQ(Parse(u"/ab+c/gi;"), "/ab+c/gi;");
  EXPECT_EQ(Parse(u"[1, , 2, ...a, ];"), "[1 _ 2 (... a)];");
  EXPECT_EQ(Parse(u"[,];"), "[_];");
  EXPECT_EQ(Parse(u"[,,];"), "[_ _];");
  EXPECT_EQ(Parse(u"`a${b}c${d}e`;"), "(template \"a\" b \"c\" d \"e\");");
  EXPECT_EQ(Parse(u"`plain`;"), "(template \"plain\");");
  EXPECT_EQ(Parse(u"tag`\\unicode${x}`;"), "(tag tag (template ! x \"\"));");
  EXPECT_EQ(Parse(u"a.b`x`;"), "(tag (. a b) (template \"x\"));");
}

TEST(ParserTest, TemplateRaw) {
  ParseResult result = ParseProgram(u"tag`a\\n${1}\\x`");
  ASSERT_FALSE(result.error);
  const TaggedTemplate* t = result.program->body[0]->As<ExprStmt>()->expr->As<TaggedTemplate>();
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->quasi->raw.size(), 2u);
  EXPECT_EQ(t->quasi->raw[0], u"a\\n");
  EXPECT_EQ(t->quasi->cooked[0], u"a\n");
  EXPECT_EQ(t->quasi->raw[1], u"\\x");
  EXPECT_FALSE(t->quasi->cooked_valid[1]);
  EXPECT_EQ(t->quasi->exprs.size(), 1u);
}

TEST(ParserTest, ObjectLiterals) {
  EXPECT_EQ(Parse(u"x = {a: 1, 'b': 2, 3: c, [d]: 4, e, f() {}, get g() {}, set h(v) {}};"),
            "(= x (object (init \"a\" 1) (init \"b\" 2) (init 3 c) (init [d] 4) (shorthand e) "
            "(method \"f\" (method ())) (get \"g\" (getter ())) (set \"h\" (setter (v)))));");
  EXPECT_EQ(Parse(u"x = {...a, b, ...c};"), "(= x (object (spread a) (shorthand b) (spread c)));");
  EXPECT_EQ(Parse(u"x = {__proto__: p, '__proto__'() {}, ['__proto__']: q, __proto__};"),
            "(= x (object (proto p) (method \"__proto__\" (method ())) (init [\"__proto__\"] q) "
            "(shorthand __proto__)));");
  EXPECT_EQ(Parse(u"x = {get: 1, set: 2, get() {}, set, static: 3, if: 4, 1.5: 5, 0x10: 6};"),
            "(= x (object (init \"get\" 1) (init \"set\" 2) (method \"get\" (method ())) "
            "(shorthand set) (init \"static\" 3) (init \"if\" 4) (init 1.5 5) (init 16 6)));");
  EXPECT_EQ(Parse(u"x = {get [k]() {}, set 1(v) {}};"),
            "(= x (object (get [k] (getter ())) (set 1 (setter (v)))));");
  EXPECT_EQ(Parse(u"({}).x;"), "(. (object) x);");
}

TEST(ParserTest, Operators) {
  EXPECT_EQ(Parse(u"a + b * c - d;"), "(- (+ a (* b c)) d);");
  EXPECT_EQ(Parse(u"a ** b ** c;"), "(** a (** b c));");
  EXPECT_EQ(Parse(u"(-a) ** 2; a ** -b; ++a ** 2; a++ ** 2;"),
            "(** (- a) 2); (** a (- b)); (** (++ a) 2); (** (a ++) 2);");
  EXPECT_EQ(Parse(u"a << 1 >> 2 >>> 3 & 4 | 5 ^ 6;"), "(| (& (>>> (>> (<< a 1) 2) 3) 4) (^ 5 6));");
  EXPECT_EQ(Parse(u"a < b == c > d != e <= f === g >= h !== i;"),
            "(!== (=== (!= (== (< a b) (> c d)) (<= e f)) (>= g h)) i);");
  EXPECT_EQ(Parse(u"a in b instanceof c;"), "(instanceof (in a b) c);");
  EXPECT_EQ(Parse(u"a || b && c || d;"), "(|| (|| a (&& b c)) d);");
  EXPECT_EQ(Parse(u"a ?? b ?? c; (a || b) ?? c; a ?? (b && c);"),
            "(?? (?? a b) c); (?? (|| a b) c); (?? a (&& b c));");
  EXPECT_EQ(Parse(u"a ? b : c ? d : e;"), "(? a b (? c d e));");
  EXPECT_EQ(Parse(u"a, b, c;"), "(, a b c);");
  EXPECT_EQ(Parse(u"!a; ~b; -c; +d; typeof e; void f; delete g.h;"),
            "(! a); (~ b); (- c); (+ d); (typeof e); (void f); (delete (. g h));");
  EXPECT_EQ(Parse(u"++a; --b; c++; d--; - -e; !!f;"),
            "(++ a); (-- b); (c ++); (d --); (- (- e)); (! (! f));");
  EXPECT_EQ(Parse(u"a = b = c; a += 1; a -= 1; a *= 1; a /= 1; a %= 1; a **= 1;"),
            "(= a (= b c)); (+= a 1); (-= a 1); (*= a 1); (/= a 1); (%= a 1); (**= a 1);");
  EXPECT_EQ(Parse(u"a <<= 1; a >>= 1; a >>>= 1; a &= 1; a |= 1; a ^= 1;"),
            "(<<= a 1); (>>= a 1); (>>>= a 1); (&= a 1); (|= a 1); (^= a 1);");
  EXPECT_EQ(Parse(u"a &&= 1; a.b ||= 2; a[0] ?\?= 3;"),
            "(&&= a 1); (||= (. a b) 2); (?\?= ([] a 0) 3);");
  EXPECT_EQ(Parse(u"(a) = 1; ((b)) = 2; (c.d) = 3;"), "(= a 1); (= b 2); (= (. c d) 3);");
}

TEST(ParserTest, CallsAndMembers) {
  EXPECT_EQ(Parse(u"f(a, ...b, c,);"), "(call f a (... b) c);");
  EXPECT_EQ(Parse(u"a.b.c[d](e)(f).g;"), "(. (call (call ([] (. (. a b) c) d) e) f) g);");
  EXPECT_EQ(Parse(u"a.if.class.new;"), "(. (. (. a if) class) new);");
  EXPECT_EQ(Parse(u"new A; new A(1); new A.b(2).c; new new A()(); new (f())();"),
            "(new A); (new A 1); (. (new (. A b) 2) c); (new (new A)); (new (call f));");
  EXPECT_EQ(Parse(u"new A(...b);"), "(new A (... b));");
  EXPECT_EQ(Parse(u"new a.b`t`;"), "(new (tag (. a b) (template \"t\")));");
}

TEST(ParserTest, OptionalChains) {
  EXPECT_EQ(Parse(u"a?.b;"), "(chain (?. a b));");
  EXPECT_EQ(Parse(u"a?.b.c(d)?.[e];"), "(chain (?.[] (call (. (?. a b) c) d) e));");
  EXPECT_EQ(Parse(u"a?.(b);"), "(chain (call? a b));");
  EXPECT_EQ(Parse(u"(a?.b).c;"), "(. (chain (?. a b)) c);");
  EXPECT_EQ(Parse(u"a ? .5 : 1;"), "(? a 0.5 1);");
  EXPECT_EQ(Parse(u"delete a?.b;"), "(delete (chain (?. a b)));");
}

TEST(ParserTest, Statements) {
  EXPECT_EQ(Parse(u"var a, b = 1; let c; const d = 2;"), "(var a (b 1)) (let c) (const (d 2))");
  EXPECT_EQ(Parse(u"if (a) b; else if (c) d; else { e }"), "(if a b; (if c d; { e; }))");
  EXPECT_EQ(Parse(u"for (;;) {} for (var i = 0; i < n; i++) ; for (i = 0, j; ; ) ;"),
            "(for _ _ _ { }) (for (var (i 0)) (< i n) (i ++) ;) (for (, (= i 0) j) _ _ ;)");
  EXPECT_EQ(Parse(u"for (let x in o); for (const [a, b] of c); for (x.y of z); for ([a] of b);"),
            "(for-in (let x) o ;) (for-of (const (apat a b)) c ;) (for-of (. x y) z ;) "
            "(for-of (apat a) b ;)");
  EXPECT_EQ(Parse(u"for (var x = 1 in o);"), "(for-in (var (x 1)) o ;)");
  EXPECT_EQ(Parse(u"while (a) b; do c; while (d) e;"), "(while a b;) (do c; d) e;");
  EXPECT_EQ(Parse(u"do ; while (0) x"), "(do ; 0) x;");
  EXPECT_EQ(Parse(u"a: for (;;) { continue a; break a; } b: { break b; }"),
            "(label a (for _ _ _ { (continue a) (break a) })) (label b { (break b) })");
  EXPECT_EQ(Parse(u"a: b: while (1) continue a;"), "(label a (label b (while 1 (continue a))))");
  EXPECT_EQ(Parse(u"switch (x) { case 1: a; case 2: default: b; break; }"),
            "(switch x (case 1 a;) (case 2) (default b; (break)))");
  EXPECT_EQ(Parse(u"try { a } catch (e) { b } finally { c }"),
            "(try { a; } (catch e { b; }) (finally { c; }))");
  EXPECT_EQ(Parse(u"try {} catch { } try {} finally {} try {} catch ({a, b: [c]}) {}"),
            "(try { } (catch _ { })) (try { } (finally { })) "
            "(try { } (catch (opat (\"a\" a) (\"b\" (apat c))) { }))");
  EXPECT_EQ(Parse(u"throw a; debugger; ; with (o) x;"), "(throw a) (debugger) ; (with o x;)");
  EXPECT_EQ(Parse(u"function f() { return; } function g() { return a, b }"),
            "(decl (function f () (return))) (decl (function g () (return (, a b))))");
}

TEST(ParserTest, AutomaticSemicolonInsertion) {
  EXPECT_EQ(Parse(u"a\nb"), "a; b;");
  EXPECT_EQ(Parse(u"a\n++b"), "a; (++ b);");
  EXPECT_EQ(Parse(u"a\n(b)"), "(call a b);");  // no ASI before `(`
  EXPECT_EQ(Parse(u"a\n[b]"), "([] a b);");
  EXPECT_EQ(Parse(u"function f() { return\n1 }"), "(decl (function f () (return) 1;))");
  EXPECT_EQ(Parse(u"for (;;) { break\nx }"), "(for _ _ _ { (break) x; })");
  EXPECT_EQ(Parse(u"x: for (;;) { continue\nx }"), "(label x (for _ _ _ { (continue) x; }))");
  EXPECT_EQ(Parse(u"{ a } b"), "{ a; } b;");
  EXPECT_EQ(Parse(u"do x\nwhile (0) y"), "(do x; 0) y;");
  EXPECT_EQ(Parse(u"let\nx = 1"), "(let (x 1))");           // a let declaration
  EXPECT_EQ(Parse(u"if (a) let\nx = 1"), "(if a let;) (= x 1);");  // `let` identifier
  EXPECT_EQ(Parse(u"var a = 1\nvar b"), "(var (a 1)) (var b)");
  EXPECT_EQ(Parse(u"a = b\n/c/g"), "(= a (/ (/ b c) g));");
  EXPECT_EQ(Parse(u"x\n?.5:1"), "(? x 0.5 1);");
  EXPECT_EQ(Parse(u"a\n`t`"), "(tag a (template \"t\"));");
}

TEST(ParserTest, LetAsIdentifierInSloppyCode) {
  EXPECT_EQ(Parse(u"let = 1; let.x; let(); var let; let + 1;"),
            "(= let 1); (. let x); (call let); (var let) (+ let 1);");
  EXPECT_EQ(Parse(u"for (let in o);"), "(for-in let o ;)");
  EXPECT_EQ(Parse(u"for (let.x in o);"), "(for-in (. let x) o ;)");
  EXPECT_EQ(Parse(u"yield = 1; await = 2; static = 3; async = 4;"),
            "(= yield 1); (= await 2); (= static 3); (= async 4);");
}

TEST(ParserTest, Functions) {
  EXPECT_EQ(Parse(u"function f(a, b = 1, [c], {d}, ...e) { 'x'; }"),
            "(decl (function f (a (default b 1) (apat c) (opat (\"d\" d)) (rest e)) \"x\";))");
  EXPECT_EQ(Parse(u"x = function () {}; y = function g() {};"),
            "(= x (function ())); (= y (function g ()));");
  EXPECT_EQ(Parse(u"x = a => a + 1;"), "(= x (arrow (a) => (+ a 1)));");
  EXPECT_EQ(Parse(u"x = () => {};"), "(= x (arrow ()));");
  EXPECT_EQ(Parse(u"x = (a, b) => { return a };"), "(= x (arrow (a b) (return a)));");
  EXPECT_EQ(Parse(u"x = (a = 1, [b] = [], {c}, ...d) => 0;"),
            "(= x (arrow ((default a 1) (default (apat b) []) (opat (\"c\" c)) (rest d)) => 0));");
  EXPECT_EQ(Parse(u"x = ({a = 1, b: {c}}) => 0;"),
            "(= x (arrow ((opat (\"a\" (default a 1)) (\"b\" (opat (\"c\" c))))) => 0));");
  EXPECT_EQ(Parse(u"x = (a,) => 0; y = (...[a]) => 0;"),
            "(= x (arrow (a) => 0)); (= y (arrow ((rest (apat a))) => 0));");
  EXPECT_EQ(Parse(u"x = a => b => c;"), "(= x (arrow (a) => (arrow (b) => c)));");
  EXPECT_EQ(Parse(u"x = a => ({});"), "(= x (arrow (a) => (object)));");
  EXPECT_EQ(Parse(u"f(a => a, (b) => b);"), "(call f (arrow (a) => a) (arrow (b) => b));");
  EXPECT_EQ(Parse(u"x = y ? a => 1 : b => 2;"), "(= x (? y (arrow (a) => 1) (arrow (b) => 2)));");
  EXPECT_EQ(Parse(u"x = async => async;"), "(= x (arrow (async) => async));");
}

TEST(ParserTest, Generators) {
  EXPECT_EQ(Parse(u"function* g(a) { yield; yield a; yield* a; }"),
            "(decl (function* g (a) (yield); (yield a); (yield* a);))");
  EXPECT_EQ(Parse(u"x = function* () { x = yield; f(yield, yield 1); [yield]; }"),
            "(= x (function* () (= x (yield)); (call f (yield) (yield 1)); [(yield)];));");
  // yield is an AssignmentExpression: it takes the whole assignment to its right.
  EXPECT_EQ(Parse(u"function* g() { yield a = b ? c : d, e; yield yield 1; }"),
            "(decl (function* g () (, (yield (= a (? b c d))) e); (yield (yield 1));))");
  // A line break ends a bare yield; after `*` it does not.
  EXPECT_EQ(Parse(u"function* g() { yield\n1; yield*\n2 }"),
            "(decl (function* g () (yield); 1; (yield* 2);))");
  EXPECT_EQ(Parse(u"function* g() { x = { a: yield }; yield /re/g; yield `t`; }"),
            "(decl (function* g () (= x (object (init \"a\" (yield)))); (yield /re/g); "
            "(yield (template \"t\"));))");
  EXPECT_EQ(Parse(u"function* g() { for (x of yield); for (x in yield); }"),
            "(decl (function* g () (for-of x (yield) ;) (for-in x (yield) ;)))");
  // Outside a generator yield is an identifier: in a nested function, an arrow's
  // body, a non-generator's parameters.
  EXPECT_EQ(Parse(u"function* g() { function f(x = yield) { yield; } () => yield; }"),
            "(decl (function* g () (decl (function f ((default x yield)) yield;)) "
            "(arrow () => yield);))");
  EXPECT_EQ(Parse(u"function* yield() {} x = function yield() {};"),
            "(decl (function* yield ())) (= x (function yield ()));");
  EXPECT_EQ(Parse(u"x = { *g() {}, *[k]() {}, *'s'() {}, *1() {}, *async() {} };"),
            "(= x (object (method \"g\" (method* ())) (method [k] (method* ())) "
            "(method \"s\" (method* ())) (method 1 (method* ())) (method \"async\" (method* ()))));");
  EXPECT_EQ(Parse(u"class A { *m() {} static *[Symbol.iterator]() {} static *constructor() {} }"),
            "(decl (class A (method \"m\" (method* ())) (static method [(. Symbol iterator)] "
            "(method* ())) (static method \"constructor\" (method* ()))))");
  EXPECT_EQ(Parse(u"class A { get\n*g() {} set\n*s() {} static\n*t() {} }"),
            "(decl (class A (field \"get\") (method \"g\" (method* ())) (field \"set\") "
            "(method \"s\" (method* ())) (static method \"t\" (method* ()))))");
  EXPECT_EQ(Parse(u"{ function* g() {} } if (x) { function* h() {} }"),
            "{ (decl (function* g ())) } (if x { (decl (function* h ())) })");
}

TEST(ParserTest, AsyncFunctions) {
  EXPECT_EQ(Parse(u"async function f(a) { await a; return await await b; }"),
            "(decl (async function f (a) (await a); (return (await (await b)))))");
  EXPECT_EQ(Parse(u"x = async function () { -await a; (await a) ** 2; await a++; }"),
            "(= x (async function () (- (await a)); (** (await a) 2); (await (a ++));));");
  EXPECT_EQ(Parse(u"async function* g() { yield await x; for await (const y of z) yield* y; }"),
            "(decl (async function* g () (yield (await x)); "
            "(for-await-of (const y) z (yield* y);)))");
  EXPECT_EQ(Parse(u"async function f() { for await (x of y); for await (async of y); }"),
            "(decl (async function f () (for-await-of x y ;) (for-await-of async y ;)))");
  EXPECT_EQ(Parse(u"x = async a => await a; y = async (a, ...b) => {}; z = async () => 1;"),
            "(= x (async arrow (a) => (await a))); (= y (async arrow (a (rest b)))); "
            "(= z (async arrow () => 1));");
  EXPECT_EQ(Parse(u"x = async ({a = 1}, [b]) => 0;"),
            "(= x (async arrow ((opat (\"a\" (default a 1))) (apat b)) => 0));");
  // `async` not followed by an arrow or `function` on its line: an identifier.
  EXPECT_EQ(Parse(u"async(a, b); async(); async\nfunction f() {} async; x = async\n(a);"),
            "(call async a b); (call async); async; (decl (function f ())) async; "
            "(= x (call async a));");
  EXPECT_EQ(Parse(u"async\nx => x;"), "async; (arrow (x) => x);");
  EXPECT_EQ(Parse(u"x = { async m() {}, async *g() {}, async [k]() {}, async: 1, async, "
                  "async() {}, async get() {} };"),
            "(= x (object (method \"m\" (async method ())) (method \"g\" (async method* ())) "
            "(method [k] (async method ())) (init \"async\" 1) (shorthand async) "
            "(method \"async\" (method ())) (method \"get\" (async method ()))));");
  EXPECT_EQ(Parse(u"class A { async m() {} static async *g() {} async\nn() {} }"),
            "(decl (class A (method \"m\" (async method ())) (static method \"g\" "
            "(async method* ())) (field \"async\") (method \"n\" (method ()))))");
  // Outside an async function await is an identifier.
  EXPECT_EQ(Parse(u"await; x = await; async function f() { function g() { var await; } }"),
            "await; (= x await); (decl (async function f () (decl (function g () (var await)))))");
  EXPECT_EQ(Parse(u"async function f() { () => await; }"),
            "(decl (async function f () (arrow () => await);))");
}

TEST(ParserTest, GeneratorAndAsyncSourceRanges) {
  // The text V8's Function.prototype.toString gives (node 20).
  std::u16string source =
      u"async function f() {}\nx = function* g() {};\nasync function* h() {}\n"
      u"y = async a => a;\nz = async (a) => a;\n"
      u"o = { async *m() {}, *n() {}, async [1 + 1]() {} };\n"
      u"class A { static async *m() {} async x() {} }";
  ParseResult result = ParseProgram(source);
  ASSERT_FALSE(result.error) << result.error->message;
  std::vector<std::u16string> texts;
  std::vector<const FunctionLiteral*> fns;
  const auto& body = result.program->body;
  fns.push_back(body[0]->As<FunctionDecl>()->fn);
  fns.push_back(body[1]->As<ExprStmt>()->expr->As<Assignment>()->value->As<FunctionLiteral>());
  fns.push_back(body[2]->As<FunctionDecl>()->fn);
  fns.push_back(body[3]->As<ExprStmt>()->expr->As<Assignment>()->value->As<FunctionLiteral>());
  fns.push_back(body[4]->As<ExprStmt>()->expr->As<Assignment>()->value->As<FunctionLiteral>());
  const ObjectLiteral* o = body[5]->As<ExprStmt>()->expr->As<Assignment>()->value->As<ObjectLiteral>();
  for (const Property& p : o->properties) fns.push_back(p.value->As<FunctionLiteral>());
  for (const Property& p : body[6]->As<ClassDecl>()->cls->members) {
    fns.push_back(p.value->As<FunctionLiteral>());
  }
  for (const FunctionLiteral* fn : fns) {
    ASSERT_NE(fn, nullptr);
    texts.push_back(source.substr(fn->source_start, fn->source_end - fn->source_start));
  }
  std::vector<std::u16string> expected = {
      u"async function f() {}", u"function* g() {}", u"async function* h() {}",
      u"async a => a",          u"async (a) => a",   u"async *m() {}",
      u"*n() {}",               u"async [1 + 1]() {}", u"async *m() {}",
      u"async x() {}"};
  EXPECT_EQ(texts, expected);
  EXPECT_TRUE(fns[2]->is_generator && fns[2]->is_async);
  EXPECT_TRUE(fns[3]->is_async && !fns[3]->is_generator);
  EXPECT_EQ(fns[3]->fn_kind, FunctionKind::kArrow);
}

TEST(ParserTest, ExpressionBodiedArrowIsAReturn) {
  ParseResult result = ParseProgram(u"x => x * 2");
  ASSERT_FALSE(result.error);
  const FunctionLiteral* f = result.program->body[0]->As<ExprStmt>()->expr->As<FunctionLiteral>();
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->fn_kind, FunctionKind::kArrow);
  EXPECT_TRUE(f->expression_body);
  ASSERT_EQ(f->body.size(), 1u);
  ASSERT_TRUE(f->body[0]->Is<Return>());
  EXPECT_TRUE(f->body[0]->As<Return>()->value->Is<Binary>());
  EXPECT_EQ(f->source_start, 0u);
  EXPECT_EQ(f->source_end, 10u);
  EXPECT_EQ(f->end_pos.offset, 10u);
}

TEST(ParserTest, Classes) {
  EXPECT_EQ(Parse(u"class A {}"), "(decl (class A))");
  EXPECT_EQ(Parse(u"class A extends B { constructor(x) { super(x); } m() { super.m(); } }"),
            "(decl (class A extends B (derived-ctor (x) (call super x);) "
            "(method \"m\" (method () (call (. super m));))))");
  EXPECT_EQ(Parse(u"class A { constructor() {} static s() {} get g() {} set g(v) {} "
                  "static get h() {} [k]() {} 'q'() {} 1() {} }"),
            "(decl (class A (ctor ()) (static method \"s\" (method ())) (get \"g\" (getter ())) "
            "(set \"g\" (setter (v))) (static get \"h\" (getter ())) (method [k] (method ())) "
            "(method \"q\" (method ())) (method 1 (method ()))))");
  EXPECT_EQ(Parse(u"class A { x = 1; static y = 2; z; ['w'] = 3\n v }"),
            "(decl (class A (field \"x\" 1) (static field \"y\" 2) (field \"z\") "
            "(field [\"w\"] 3) (field \"v\")))");
  EXPECT_EQ(Parse(u"class A { static() {} get() {} set = 1; static; async() {} }"),
            "(decl (class A (method \"static\" (method ())) (method \"get\" (method ())) "
            "(field \"set\" 1) (field \"static\") (method \"async\" (method ()))))");
  EXPECT_EQ(Parse(u"class A { static constructor() {} 'constructor'() {} }"),
            "(decl (class A (ctor ()) (static method \"constructor\" (method ()))))");
  EXPECT_EQ(Parse(u"x = class {}; y = class B extends (C, D) {};"),
            "(= x (class)); (= y (class B extends (, C D)));");
  EXPECT_EQ(Parse(u"class A { ;; m() {}; }"), "(decl (class A (method \"m\" (method ()))))");
  EXPECT_EQ(Parse(u"class A { x = () => super.x; y = new.target; z = this; }"),
            "(decl (class A (field \"x\" (arrow () => (. super x))) (field \"y\" new.target) "
            "(field \"z\" this)))");
}

TEST(ParserTest, ClassSourceRangeAndKinds) {
  ParseResult result = ParseProgram(u"x = class A extends B { constructor() {} static m() {} }");
  ASSERT_FALSE(result.error);
  const ClassLiteral* c = result.program->body[0]->As<ExprStmt>()->expr->As<Assignment>()->value->As<ClassLiteral>();
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->source_start, 4u);
  EXPECT_EQ(c->source_end, 56u);
  ASSERT_NE(c->constructor, nullptr);
  EXPECT_EQ(c->constructor->fn_kind, FunctionKind::kDerivedConstructor);
  EXPECT_TRUE(c->constructor->strict);
  ASSERT_EQ(c->members.size(), 1u);
  EXPECT_TRUE(c->members[0].is_static);
  EXPECT_TRUE(c->members[0].method);
  const FunctionLiteral* m = c->members[0].value->As<FunctionLiteral>();
  ASSERT_NE(m, nullptr);
  // Function text of a static method starts at its name (as V8's toString).
  EXPECT_EQ(m->source_start, 48u);
  EXPECT_EQ(m->source_end, 54u);
}

TEST(ParserTest, Destructuring) {
  EXPECT_EQ(Parse(u"var [a, , b = 1, ...c] = d;"), "(var ((apat a _ (default b 1) (rest c)) d))");
  EXPECT_EQ(Parse(u"let {a, b: c, [d]: e = 1, ...f} = g;"),
            "(let ((opat (\"a\" a) (\"b\" c) ([d] (default e 1)) (rest f)) g))");
  EXPECT_EQ(Parse(u"[a, b] = [b, a];"), "(= (apat a b) [b a]);");
  EXPECT_EQ(Parse(u"({a, b: c.d, e = 1, ...f} = g);"),
            "(= (opat (\"a\" a) (\"b\" (. c d)) (\"e\" (default e 1)) (rest f)) g);");
  EXPECT_EQ(Parse(u"[a.b, c[0], ...d.e] = f;"), "(= (apat (. a b) ([] c 0) (rest (. d e))) f);");
  EXPECT_EQ(Parse(u"[[a], {b}] = c;"), "(= (apat (apat a) (opat (\"b\" b))) c);");
  EXPECT_EQ(Parse(u"[a = 1, [b] = []] = c;"), "(= (apat (default a 1) (default (apat b) [])) c);");
  EXPECT_EQ(Parse(u"({a: {b = 2}} = c);"), "(= (opat (\"a\" (opat (\"b\" (default b 2))))) c);");
  EXPECT_EQ(Parse(u"[(a), (b.c)] = d;"), "(= (apat a (. b c)) d);");
  EXPECT_EQ(Parse(u"x = {a = 1} = {};"), "(= x (= (opat (\"a\" (default a 1))) (object)));");
  EXPECT_EQ(Parse(u"[...[a, b]] = c;"), "(= (apat (rest (apat a b))) c);");
  EXPECT_EQ(Parse(u"({__proto__: a, __proto__: b} = c);"),
            "(= (opat (\"__proto__\" a) (\"__proto__\" b)) c);");
}

TEST(ParserTest, NewTargetAndSuper) {
  EXPECT_EQ(Parse(u"function f() { new.target; () => new.target; }"),
            "(decl (function f () new.target; (arrow () => new.target);))");
  EXPECT_EQ(Parse(u"x = { m() { return super.x + super[y]; } };"),
            "(= x (object (method \"m\" (method () (return (+ (. super x) ([] super y)))))));");
}

// ------------------------------------------------------------------ strictness

TEST(ParserTest, UseStrictDirectives) {
  ParseResult result = ParseProgram(u"'use strict'; function f() {} x => 1");
  ASSERT_FALSE(result.error);
  EXPECT_TRUE(result.program->strict);
  EXPECT_TRUE(result.program->top->strict);
  EXPECT_TRUE(result.program->top->has_use_strict_directive);
  const FunctionLiteral* f = result.program->body[1]->As<FunctionDecl>()->fn;
  EXPECT_TRUE(f->strict);
  EXPECT_FALSE(f->has_use_strict_directive);

  result = ParseProgram(u"function f() { 'a'; \"use strict\"; } function g() {} "
                        u"function h() { ('use strict'); } function i() { 'use\\x20strict'; }");
  ASSERT_FALSE(result.error);
  EXPECT_FALSE(result.program->strict);
  const auto fn = [&](size_t i) { return result.program->body[i]->As<FunctionDecl>()->fn; };
  EXPECT_TRUE(fn(0)->strict);
  EXPECT_TRUE(fn(0)->has_use_strict_directive);
  EXPECT_FALSE(fn(1)->strict);
  EXPECT_FALSE(fn(2)->strict);
  EXPECT_FALSE(fn(3)->strict);

  // Class code is strict; a nested function inherits strictness.
  result = ParseProgram(u"class A { m() { return function() {}; } }");
  ASSERT_FALSE(result.error);
  const ClassLiteral* c = result.program->body[0]->As<ClassDecl>()->cls;
  const FunctionLiteral* m = c->members[0].value->As<FunctionLiteral>();
  EXPECT_TRUE(m->strict);
  EXPECT_TRUE(m->body[0]->As<Return>()->value->As<FunctionLiteral>()->strict);
  EXPECT_FALSE(result.program->strict);

  // A directive after an ordinary statement is just a string.
  result = ParseProgram(u"x; 'use strict'; with (o) {}");
  EXPECT_FALSE(result.error);
}

TEST(ParserTest, SloppyOnlyForms) {
  EXPECT_EQ(Parse(u"with (o) x; x = 017 + 08; y = '\\07'; delete x;"),
            "(with o x;) (= x (+ 15 8)); (= y \"\a\"); (delete x);");
  EXPECT_EQ(Parse(u"if (a) function f() {} else function g() {}"),
            "(if a { (decl (function f ())) } { (decl (function g ())) })");
  EXPECT_EQ(Parse(u"l: function f() {}"), "(label l (decl (function f ())))");
  EXPECT_EQ(Parse(u"{ function f() {} function f() {} }"),
            "{ (decl (function f ())) (decl (function f ())) }");
  EXPECT_EQ(Parse(u"function f(a, a) {} var eval, arguments; eval = 1;"),
            "(decl (function f (a a))) (var eval arguments) (= eval 1);");
  EXPECT_EQ(Parse(u"try {} catch (e) { var e; }"), "(try { } (catch e { (var e) }))");
}

// ------------------------------------------------------------------ positions

TEST(ParserTest, NodePositionsAreFirstTokens) {
  ParseResult result = ParseProgram(u"x = 1;\n  foo.bar(a + b);\n\tif (c) { d }");
  ASSERT_FALSE(result.error);
  const Node* s0 = result.program->body[0];
  EXPECT_EQ(s0->pos.line, 1u);
  EXPECT_EQ(s0->pos.col, 1u);
  const Call* call = result.program->body[1]->As<ExprStmt>()->expr->As<Call>();
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->pos.line, 2u);
  EXPECT_EQ(call->pos.col, 3u);
  EXPECT_EQ(call->pos.offset, 9u);
  EXPECT_EQ(call->args[0]->pos.col, 11u);  // a + b starts at a
  const If* stmt = result.program->body[2]->As<If>();
  EXPECT_EQ(stmt->pos.line, 3u);
  EXPECT_EQ(stmt->pos.col, 2u);
  const Block* block = stmt->then_stmt->As<Block>();
  EXPECT_EQ(block->pos.col, 9u);
  EXPECT_EQ(block->body[0]->pos.col, 11u);
}

TEST(ParserTest, FunctionSourceRanges) {
  std::u16string source = u"function f(a) {\n  return a;\n}\nvar g = (x, y) => x;\n"
                          u"var o = { m() {}, get p() { return 1; } };";
  ParseResult result = ParseProgram(source);
  ASSERT_FALSE(result.error);
  const FunctionLiteral* f = result.program->body[0]->As<FunctionDecl>()->fn;
  EXPECT_EQ(source.substr(f->source_start, f->source_end - f->source_start),
            u"function f(a) {\n  return a;\n}");
  EXPECT_EQ(f->end_pos.line, 3u);
  EXPECT_EQ(f->end_pos.col, 1u);
  EXPECT_TRUE(f->is_declaration);
  const FunctionLiteral* g =
      result.program->body[1]->As<VarDecl>()->declarators[0].init->As<FunctionLiteral>();
  EXPECT_EQ(source.substr(g->source_start, g->source_end - g->source_start), u"(x, y) => x");
  const ObjectLiteral* o = result.program->body[2]->As<VarDecl>()->declarators[0].init->As<ObjectLiteral>();
  const FunctionLiteral* m = o->properties[0].value->As<FunctionLiteral>();
  EXPECT_EQ(source.substr(m->source_start, m->source_end - m->source_start), u"m() {}");
  const FunctionLiteral* p = o->properties[1].value->As<FunctionLiteral>();
  EXPECT_EQ(source.substr(p->source_start, p->source_end - p->source_start),
            u"get p() { return 1; }");
  EXPECT_EQ(p->fn_kind, FunctionKind::kGetter);
  const FunctionLiteral* top = result.program->top;
  EXPECT_EQ(top->source_start, 0u);
  EXPECT_EQ(top->source_end, source.size());
}

TEST(ParserTest, FunctionIdsArePreOrder) {
  // Arrows are created after their parameters; ids still follow text order.
  ParseResult result = ParseProgram(
      u"function a() { function b() {} }\n"
      u"var c = (d = function () {}) => function e() {};\n"
      u"class F { constructor() {} g() {} }");
  ASSERT_FALSE(result.error);
  const Program* program = result.program;
  EXPECT_EQ(program->function_count, 8u);
  EXPECT_EQ(program->top->function_id, 0u);
  const FunctionLiteral* a = program->body[0]->As<FunctionDecl>()->fn;
  const FunctionLiteral* b = a->body[0]->As<FunctionDecl>()->fn;
  const FunctionLiteral* c = program->body[1]->As<VarDecl>()->declarators[0].init->As<FunctionLiteral>();
  const FunctionLiteral* d = c->params[0]->As<AssignPattern>()->default_value->As<FunctionLiteral>();
  const FunctionLiteral* e = c->body[0]->As<Return>()->value->As<FunctionLiteral>();
  const ClassLiteral* cls = program->body[2]->As<ClassDecl>()->cls;
  const FunctionLiteral* ctor = cls->constructor;
  const FunctionLiteral* g = cls->members[0].value->As<FunctionLiteral>();
  EXPECT_EQ(a->function_id, 1u);
  EXPECT_EQ(b->function_id, 2u);
  EXPECT_EQ(c->function_id, 3u);
  EXPECT_EQ(d->function_id, 4u);
  EXPECT_EQ(e->function_id, 5u);
  EXPECT_EQ(ctor->function_id, 6u);
  EXPECT_EQ(g->function_id, 7u);
  EXPECT_EQ(program->top->body.size(), program->body.size());
  EXPECT_EQ(program->top->fn_kind, FunctionKind::kNormal);
  EXPECT_EQ(program->top->name, nullptr);
}

TEST(ParserTest, SimpleParams) {
  ParseResult result = ParseProgram(u"function f(a, b) {} function g(a = 1) {} function h(...r) {}");
  ASSERT_FALSE(result.error);
  EXPECT_TRUE(result.program->body[0]->As<FunctionDecl>()->fn->simple_params());
  EXPECT_FALSE(result.program->body[1]->As<FunctionDecl>()->fn->simple_params());
  EXPECT_FALSE(result.program->body[2]->As<FunctionDecl>()->fn->simple_params());
  EXPECT_STREQ(NodeKindName(NodeKind::kOptionalChain), "OptionalChain");
  EXPECT_STREQ(NodeKindName(NodeKind::kProgram), "Program");
}

TEST(ParserTest, UnicodeAndOddInput) {
  EXPECT_EQ(Parse(u"var \\u{1d4b3} = '\U0001F600'; \u00e9t\u00e9 = 1;"),
            "(var (\U0001D4B3 \"\U0001F600\")) (= \u00e9t\u00e9 1);");
  EXPECT_EQ(Parse(u"#!/usr/bin/env node\nx"), "x;");
  EXPECT_EQ(Parse(u"x\u2028y\u2029z"), "x; y; z;");
  EXPECT_EQ(Parse(u""), "");
  EXPECT_EQ(Parse(u"  /* only */ // comments\n"), "");
  EXPECT_EQ(Error(std::u16string(u"x\0", 2)), "Invalid or unexpected token");
  EXPECT_EQ(Error(u"x = '\xd800' + \xdc00"), "Invalid or unexpected token");
}

TEST(ParserTest, DeepNestingIsARangeError) {
  for (std::u16string open : {u"(", u"[", u"{", u"x=>", u"-", u"!", u"a.b(", u"`${"}) {
    std::u16string source;
    for (int i = 0; i < 100000; ++i) source += open;
    ParseResult result = ParseProgram(source);
    ASSERT_TRUE(result.error.has_value());
    EXPECT_EQ(result.error->kind, ParseErrorKind::kRangeError) << Utf16ToUtf8(open);
    EXPECT_EQ(result.error->message, "Maximum call stack size exceeded");
  }
  // 1000 levels are fine.
  std::u16string source = u"x = ";
  for (int i = 0; i < 1000; ++i) source += u"(";
  source += u"1";
  for (int i = 0; i < 1000; ++i) source += u")";
  EXPECT_FALSE(ParseProgram(source).error.has_value());
}

TEST(ParserTest, FormatParseError) {
  std::u16string source = u"var a;\n\tif (a === 1 {\n}";
  ParseResult result = ParseProgram(source);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(FormatParseError("t.js", source, *result.error),
            "t.js:2:14: SyntaxError: Unexpected token '{'\n"
            "\tif (a === 1 {\n"
            "\t            ^");
  ParseError range{ParseErrorKind::kRangeError, "Maximum call stack size exceeded", {0, 1, 1}};
  EXPECT_EQ(FormatParseError("d.js", u"(((", range),
            "d.js:1:1: RangeError: Maximum call stack size exceeded\n(((\n^");
  result = ParseProgram(u"x = `\n\u00e9${");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(FormatParseError("u.js", u"x = `\n\u00e9${", *result.error),
            "u.js:2:4: SyntaxError: Unexpected end of input\n\u00e9${\n   ^");
}

TEST(ParserTest, FormatParseErrorOnALongLineShowsAWindow) {
  // An error at the end of a 5 MB line: a bounded window, "..." where cut,
  // the caret under the offending token.
  std::u16string source = u"var a = [";
  for (int i = 0; i < 2500000; ++i) source += u"1,";
  source += u" +* ];\nnext line";
  ParseResult result = ParseProgram(source);
  ASSERT_TRUE(result.error);
  std::string text = FormatParseError("long.js", source, *result.error);
  EXPECT_LT(text.size(), 400u);
  size_t first = text.find('\n'), second = text.find('\n', first + 1);
  ASSERT_NE(second, std::string::npos);
  EXPECT_EQ(text.substr(0, first), "long.js:1:5000012: SyntaxError: Unexpected token '*'");
  std::string line = text.substr(first + 1, second - first - 1), caret = text.substr(second + 1);
  EXPECT_EQ(line.substr(0, 4), "...1");
  EXPECT_EQ(line.substr(line.size() - 6), " +* ];");
  EXPECT_EQ(line.size(), kMaxErrorLineWidth + 3);
  EXPECT_EQ(caret.size(), line.find('*') + 1);
  EXPECT_EQ(caret.back(), '^');
  // In the middle of a long line: cut on both sides; at its start: on the right only.
  std::u16string middle = std::u16string(300, u' ') + u"x +* 1;" + std::u16string(300, u' ') + u"// end";
  result = ParseProgram(middle);
  ASSERT_TRUE(result.error);
  text = FormatParseError("m.js", middle, *result.error);
  first = text.find('\n');
  second = text.find('\n', first + 1);
  line = text.substr(first + 1, second - first - 1);
  caret = text.substr(second + 1);
  EXPECT_EQ(line.size(), kMaxErrorLineWidth + 6);
  EXPECT_TRUE(line.starts_with("...") && line.ends_with("...")) << line;
  EXPECT_EQ(line[caret.size() - 1], '*') << text;
  std::u16string start = u"1 +* 2;" + std::u16string(300, u' ');
  result = ParseProgram(start);
  ASSERT_TRUE(result.error);
  EXPECT_EQ(FormatParseError("s.js", start, *result.error),
            "s.js:1:4: SyntaxError: Unexpected token '*'\n1 +* 2;" + std::string(kMaxErrorLineWidth - 7, ' ') +
                "...\n   ^");
}

TEST(ParserTest, LargeInputIsFast) {
  // About 1 MB of ordinary code; mostly a guard against quadratic behaviour.
  std::u16string unit =
      u"function f$(a, b) {\n  var s = 0;\n  for (let i = 0; i < a.length; i++) {\n"
      u"    if (a[i] % 2 === 0) s += a[i] * b; else s -= `${a[i]}`.length;\n  }\n"
      u"  return { s, t: [1, 2, 3].map(x => x * 2), u: /ab+c/g.test('abbc') };\n}\n";
  std::u16string source;
  source.reserve(1100000);
  for (int i = 0; source.size() < 1000000; ++i) {
    std::u16string chunk = unit;
    chunk.replace(chunk.find(u'$'), 1, Utf8ToUtf16(std::to_string(i)));
    source += chunk;
  }
  auto start = std::chrono::steady_clock::now();
  ParseResult result = ParseProgram(source);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_FALSE(result.error);
  EXPECT_LT(seconds, 10.0);  // well under a second in release builds
}

// ------------------------------------------------------------------ corpus

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(ParserTest, SharedCorpus) {
  std::filesystem::path shared = JSVM_SHARED_DIR;
  if (!std::filesystem::is_directory(shared / "conformance")) {
    GTEST_SKIP() << "shared test material not found at " << shared;
  }
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"conformance/tier1", "conformance/tier2", "conformance/seeds",
                          "conformance/inspect", "conformance/errors", "scopes"}) {
    std::filesystem::path path = shared / dir;
    if (!std::filesystem::is_directory(path)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(path)) {
      if (entry.path().extension() == ".js") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 100u);
  int syntax_errors = 0;
  for (const auto& path : files) {
    std::u16string source = Utf8ToUtf16(ReadFile(path));
    ParseResult result = ParseProgram(source);
    bool must_fail = path.filename().string().rfind("syn_", 0) == 0;
    if (must_fail) {
      ++syntax_errors;
      ASSERT_TRUE(result.error.has_value()) << path << " must not parse";
      EXPECT_EQ(result.error->kind, ParseErrorKind::kSyntaxError) << path;
    } else {
      EXPECT_FALSE(result.error.has_value())
          << (result.error ? FormatParseError(path.string(), source, *result.error) : "");
    }
  }
  EXPECT_GE(syntax_errors, 5);
}

// The generator and async programs of the shared modern corpus parse; its
// syn_ programs (top-level await) do not.
TEST(ParserTest, ModernCorpusParses) {
  std::filesystem::path modern = std::filesystem::path(JSVM_SHARED_DIR) / "modern";
  if (!std::filesystem::is_directory(modern / "conformance" / "generators")) {
    GTEST_SKIP() << "shared modern test material not found at " << modern;
  }
  int parsed = 0;
  for (const char* dir : {"conformance/generators", "conformance/async", "scopes"}) {
    for (const auto& entry : std::filesystem::directory_iterator(modern / dir)) {
      if (entry.path().extension() != ".js") continue;
      std::u16string source = Utf8ToUtf16(ReadFile(entry.path()));
      if (source.find(u"#") != std::u16string::npos) continue;  // private names: not yet
      ParseResult result = ParseProgram(source);
      EXPECT_FALSE(result.error.has_value())
          << (result.error ? FormatParseError(entry.path().string(), source, *result.error) : "");
      ++parsed;
    }
  }
  EXPECT_GE(parsed, 20);
  std::u16string top_level_await =
      Utf8ToUtf16(ReadFile(modern / "conformance" / "errors" / "syn_await_top_level.js"));
  ParseResult result = ParseProgram(top_level_await);
  ASSERT_TRUE(result.error.has_value());
  EXPECT_EQ(result.error->message,
            "await is only valid in async functions and the top level bodies of modules");
}

}  // namespace
}  // namespace jsvm
