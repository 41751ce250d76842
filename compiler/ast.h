// The abstract syntax tree: what the parser produces and scope analysis and the
// bytecode generator consume. Nodes live in an AstZone and die with it.
//
// Names and string values are UTF-16 (std::u16string) so that JavaScript's
// code-unit semantics survive from source to runtime, lone surrogates included.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace jsvm {

class Scope;     // compiler/scope-analysis.h
class Variable;  // compiler/scope-analysis.h

// A position in the source: 0-based UTF-16 offset, 1-based line and column.
struct SourcePos {
  uint32_t offset = 0;
  uint32_t line = 1;
  uint32_t col = 1;
};

#define JSVM_AST_NODE_LIST(V)                                                \
  /* expressions */                                                          \
  V(NumberLiteral) V(StringLiteral) V(TemplateLiteral) V(TaggedTemplate)     \
  V(RegExpLiteral) V(NullLiteral) V(BooleanLiteral) V(Identifier)            \
  V(ThisExpression) V(SuperExpression) V(NewTarget) V(ArrayLiteral)          \
  V(ObjectLiteral) V(FunctionLiteral) V(ClassLiteral) V(Unary) V(Update)     \
  V(Binary) V(Logical) V(Assignment) V(Conditional) V(Call) V(New)           \
  V(Member) V(Keyed) V(OptionalChain) V(Sequence) V(Spread) V(Yield)         \
  V(Await) V(BigIntLiteral) V(PrivateName) V(ImportCall) V(ImportMeta)      \
  /* binding / assignment patterns */                                        \
  V(ArrayPattern) V(ObjectPattern) V(AssignPattern) V(RestElement)           \
  /* statements */                                                           \
  V(VarDecl) V(FunctionDecl) V(ClassDecl) V(ExprStmt) V(Block) V(Empty)      \
  V(If) V(For) V(ForIn) V(ForOf) V(While) V(DoWhile) V(Continue) V(Break)    \
  V(Return) V(Throw) V(Try) V(Switch) V(Labeled) V(Debugger) V(With)         \
  V(ImportDecl) V(ExportDecl) V(Program)

enum class NodeKind : uint8_t {
#define JSVM_AST_KIND(name) k##name,
  JSVM_AST_NODE_LIST(JSVM_AST_KIND)
#undef JSVM_AST_KIND
};

const char* NodeKindName(NodeKind kind);

// Base of every node. Concrete nodes set kind in their constructor.
struct Node {
  explicit Node(NodeKind k) : kind(k) {}
  virtual ~Node() = default;
  NodeKind kind;
  SourcePos pos;  // start of the node

  template <class T>
  T* As() { return kind == T::kKind ? static_cast<T*>(this) : nullptr; }
  template <class T>
  const T* As() const { return kind == T::kKind ? static_cast<const T*>(this) : nullptr; }
  template <class T>
  bool Is() const { return kind == T::kKind; }
};

using Expr = Node;  // any expression node
using Stmt = Node;  // any statement node
using Pattern = Node;  // Identifier, Member, Keyed, ArrayPattern, ObjectPattern,
                       // AssignPattern (with default), RestElement

#define JSVM_NODE(Name) \
  static constexpr NodeKind kKind = NodeKind::k##Name; \
  Name() : Node(kKind) {}

// ---------------------------------------------------------------- expressions

struct NumberLiteral : Node { JSVM_NODE(NumberLiteral) double value = 0; };

struct StringLiteral : Node { JSVM_NODE(StringLiteral) std::u16string value; };

// 12n, 0x1fn: `digits` are the value's decimal digits.
struct BigIntLiteral : Node { JSVM_NODE(BigIntLiteral) std::u16string digits; };

// `a${x}b${y}c`: quasis.size() == exprs.size() + 1.
struct TemplateLiteral : Node {
  JSVM_NODE(TemplateLiteral)
  std::vector<std::u16string> cooked;  // escapes applied
  std::vector<bool> cooked_valid;      // false where an escape was invalid (tagged only)
  std::vector<std::u16string> raw;     // source text between the ${}
  std::vector<Expr*> exprs;
};

struct TaggedTemplate : Node {
  JSVM_NODE(TaggedTemplate)
  Expr* tag = nullptr;
  TemplateLiteral* quasi = nullptr;
};

struct RegExpLiteral : Node {
  JSVM_NODE(RegExpLiteral)
  std::u16string pattern;
  std::u16string flags;
};

struct NullLiteral : Node { JSVM_NODE(NullLiteral) };
struct BooleanLiteral : Node { JSVM_NODE(BooleanLiteral) bool value = false; };

// A name in expression or binding position. Scope analysis sets `var`
// (nullptr means an unresolved global reference).
struct Identifier : Node {
  JSVM_NODE(Identifier)
  std::u16string name;
  Variable* var = nullptr;
};

// A private name `#x`: a class member's key, the key of `obj.#x` (a Keyed
// access) or the left side of `#x in obj`. It evaluates to the private
// symbol the class scope's context holds for it.
struct PrivateName : Node {
  JSVM_NODE(PrivateName)
  std::u16string name;  // with the '#'
  Variable* var = nullptr;  // the class scope's variable (scope analysis)
};

struct ThisExpression : Node { JSVM_NODE(ThisExpression) };
// `super` as in super(...) (inside Call) or super.x / super[x] (inside Member/Keyed).
struct SuperExpression : Node { JSVM_NODE(SuperExpression) };
struct NewTarget : Node { JSVM_NODE(NewTarget) };

// [a, , ...b]: a nullptr element is a hole; Spread nodes may appear.
struct ArrayLiteral : Node { JSVM_NODE(ArrayLiteral) std::vector<Expr*> elements; };

enum class PropertyKind : uint8_t {
  kInit,    // key: value, shorthand `a`, method `m() {}`
  kGetter,  // get key() {}
  kSetter,  // set key(v) {}
  kSpread,  // ...expr (value holds the expression; key is nullptr)
  kProto,   // __proto__: value (non-computed, non-shorthand)
};

// One entry of an object literal or a class body.
struct Property {
  PropertyKind kind = PropertyKind::kInit;
  // Non-computed keys are StringLiteral (identifiers and strings) or
  // NumberLiteral; computed keys are any expression.
  Expr* key = nullptr;
  bool computed = false;
  bool shorthand = false;
  bool method = false;       // m() {} form (value is a FunctionLiteral)
  bool is_static = false;    // classes only
  bool is_field = false;     // classes only: `x = 1;` / `static y;` (value may be nullptr)
  bool is_private = false;   // classes only: the key is a PrivateName
  Variable* key_var = nullptr;  // classes only: a computed field key's class-scope variable (scope analysis)
  struct Block* static_block = nullptr;  // classes only: `static { ... }` (no key, no value)
  Expr* value = nullptr;
  SourcePos pos;
};

struct ObjectLiteral : Node {
  JSVM_NODE(ObjectLiteral)
  std::vector<Property> properties;
  Scope* scope = nullptr;  // holds .home_object when a method uses super.x; filled by scope analysis
};

enum class FunctionKind : uint8_t {
  kNormal,             // function declarations and expressions
  kArrow,
  kMethod,             // object-literal and class methods (no [[Construct]])
  kGetter,
  kSetter,
  kClassConstructor,   // base class constructor
  kDerivedConstructor, // constructor of a class with `extends`
};

struct FunctionLiteral : Node {
  JSVM_NODE(FunctionLiteral)
  FunctionKind fn_kind = FunctionKind::kNormal;
  // The binding name of a declaration or named function expression
  // (nullptr when anonymous; the generator may infer a name from context).
  Identifier* name = nullptr;
  std::vector<Pattern*> params;  // Identifier, patterns, AssignPattern, RestElement (last)
  std::vector<Stmt*> body;       // for an expression-bodied arrow: one Return statement
  bool expression_body = false;  // `x => x + 1`
  bool strict = false;           // strict code (inherited or by directive)
  bool has_use_strict_directive = false;
  bool is_declaration = false;   // FunctionDecl's literal
  bool is_expression = false;    // function expression (its own name binds inside)
  bool is_generator = false;     // function*, *method(), async function*
  bool is_async = false;         // async function / arrow / method
  uint32_t source_start = 0;     // UTF-16 offsets of the whole function text,
  uint32_t source_end = 0;       // for Function.prototype.toString
  SourcePos end_pos;             // position of the closing brace (implicit return)
  uint32_t function_id = 0;      // unique per program, in source order (0 = top level)
  bool calls_eval = false;       // its own code calls `eval(...)`: a possible direct eval
  bool is_module = false;        // the top-level function of module code
  bool default_export = false;   // `export default function () {}`: named "default", bound to `.default`
  // A class's synthetic initializer (V8's <instance_members_initializer> or
  // <static_initializer>): its body is the class's instance (or static)
  // fields, private methods' brand and static blocks, in order; `this` is the
  // new instance (or the class).
  struct ClassLiteral* initializer_of = nullptr;
  bool static_initializer = false;
  bool initializes_instance = false;  // a base class constructor whose class has an instance initializer

  // Filled by scope analysis.
  Scope* scope = nullptr;        // the function's parameter/var scope
  Scope* body_scope = nullptr;   // separate lexical scope for the body when params are not simple
  bool simple_params() const;
};

struct ClassLiteral : Node {
  JSVM_NODE(ClassLiteral)
  Identifier* name = nullptr;  // nullptr for anonymous class expressions
  Expr* extends = nullptr;
  FunctionLiteral* constructor = nullptr;  // nullptr: the generator makes the default one
  std::vector<Property> members;           // methods, accessors, fields; never kSpread/kProto
  uint32_t source_start = 0;
  uint32_t source_end = 0;
  Scope* scope = nullptr;  // class scope (binds the inner name); filled by scope analysis
  // The synthetic initializer functions (nullptr when nothing needs them):
  // instance fields and private methods, static fields and static blocks.
  FunctionLiteral* instance_init = nullptr;
  FunctionLiteral* static_init = nullptr;
  bool has_private_methods = false;  // non-static private methods or accessors: a brand
};

// Unary operators. kDelete's operand may be any expression.
enum class UnaryOp : uint8_t { kMinus, kPlus, kNot, kBitNot, kTypeof, kVoid, kDelete };
struct Unary : Node { JSVM_NODE(Unary) UnaryOp op = UnaryOp::kMinus; Expr* operand = nullptr; };

struct Update : Node {
  JSVM_NODE(Update)
  bool increment = true;
  bool prefix = true;
  Expr* target = nullptr;  // Identifier, Member or Keyed
};

enum class BinaryOp : uint8_t {
  kAdd, kSub, kMul, kDiv, kMod, kExp,
  kShl, kSar, kShr, kBitAnd, kBitOr, kBitXor,
  kEq, kNe, kStrictEq, kStrictNe, kLt, kGt, kLe, kGe,
  kIn, kInstanceOf,
};
struct Binary : Node { JSVM_NODE(Binary) BinaryOp op = BinaryOp::kAdd; Expr* left = nullptr; Expr* right = nullptr; };

enum class LogicalOp : uint8_t { kAnd, kOr, kNullish };
struct Logical : Node { JSVM_NODE(Logical) LogicalOp op = LogicalOp::kAnd; Expr* left = nullptr; Expr* right = nullptr; };

enum class AssignOp : uint8_t {
  kAssign,
  kAdd, kSub, kMul, kDiv, kMod, kExp, kShl, kSar, kShr, kBitAnd, kBitOr, kBitXor,
  kAnd, kOr, kNullish,  // &&= ||= ??=
};
// target: Identifier, Member, Keyed, or (kAssign only) ArrayPattern/ObjectPattern.
// `named_target`: the target is a bare identifier, which names an anonymous
// function value (not `(x) = function () {}`).
struct Assignment : Node {
  JSVM_NODE(Assignment)
  AssignOp op = AssignOp::kAssign;
  Pattern* target = nullptr;
  Expr* value = nullptr;
  bool named_target = true;
};

struct Conditional : Node { JSVM_NODE(Conditional) Expr* test = nullptr; Expr* then_expr = nullptr; Expr* else_expr = nullptr; };

// callee may be SuperExpression (super(...) call). args may contain Spread.
struct Call : Node {
  JSVM_NODE(Call)
  Expr* callee = nullptr;
  std::vector<Expr*> args;
  bool optional = false;  // callee?.(args)
};

struct New : Node { JSVM_NODE(New) Expr* callee = nullptr; std::vector<Expr*> args; };

// object.name  (object may be SuperExpression)
struct Member : Node {
  JSVM_NODE(Member)
  Expr* object = nullptr;
  std::u16string name;
  bool optional = false;  // object?.name
};

// object[key]  (object may be SuperExpression)
struct Keyed : Node {
  JSVM_NODE(Keyed)
  Expr* object = nullptr;
  Expr* key = nullptr;
  bool optional = false;  // object?.[key]
};

// The whole of an optional chain `a?.b.c(d)`: a `?.` inside `expr` that meets
// null/undefined makes the OptionalChain evaluate to undefined.
struct OptionalChain : Node { JSVM_NODE(OptionalChain) Expr* expr = nullptr; };

struct Sequence : Node { JSVM_NODE(Sequence) std::vector<Expr*> exprs; };

// ...arg in calls, array literals, `new` arguments.
struct Spread : Node { JSVM_NODE(Spread) Expr* arg = nullptr; };
// `yield arg` / `yield* arg` inside a generator (arg is nullptr for a bare `yield`).
struct Yield : Node {
  JSVM_NODE(Yield)
  Expr* arg = nullptr;
  bool delegate = false;  // yield*
};
// `await arg` inside an async function.
struct Await : Node { JSVM_NODE(Await) Expr* arg = nullptr; };

// `import(specifier)` / `import(specifier, options)`: a promise of the
// module's namespace object.
struct ImportCall : Node {
  JSVM_NODE(ImportCall)
  Expr* specifier = nullptr;
  Expr* options = nullptr;  // may be nullptr
};
// `import.meta` (module code only).
struct ImportMeta : Node { JSVM_NODE(ImportMeta) };

// ---------------------------------------------------------------- patterns

// [a, , b = 1, ...rest]: nullptr elements are elisions.
struct ArrayPattern : Node { JSVM_NODE(ArrayPattern) std::vector<Pattern*> elements; };

struct PatternProperty {
  Expr* key = nullptr;     // StringLiteral/NumberLiteral, or any expression when computed
  bool computed = false;
  Pattern* value = nullptr;  // target, possibly AssignPattern for a default
  SourcePos pos;
};
struct ObjectPattern : Node {
  JSVM_NODE(ObjectPattern)
  std::vector<PatternProperty> properties;
  Pattern* rest = nullptr;  // ...rest (Identifier, or Member/Keyed in assignment)
};

// target = default_value
struct AssignPattern : Node { JSVM_NODE(AssignPattern) Pattern* target = nullptr; Expr* default_value = nullptr; };
// ...target (last element of an ArrayPattern, or last parameter)
struct RestElement : Node { JSVM_NODE(RestElement) Pattern* target = nullptr; };

// ---------------------------------------------------------------- statements

enum class DeclKind : uint8_t { kVar, kLet, kConst };

struct Declarator {
  Pattern* target = nullptr;  // Identifier or pattern
  Expr* init = nullptr;       // may be nullptr
  SourcePos pos;
};
struct VarDecl : Node { JSVM_NODE(VarDecl) DeclKind decl_kind = DeclKind::kVar; std::vector<Declarator> declarators; };

struct FunctionDecl : Node { JSVM_NODE(FunctionDecl) FunctionLiteral* fn = nullptr; };
struct ClassDecl : Node { JSVM_NODE(ClassDecl) ClassLiteral* cls = nullptr; };
struct ExprStmt : Node { JSVM_NODE(ExprStmt) Expr* expr = nullptr; };

struct Block : Node {
  JSVM_NODE(Block)
  std::vector<Stmt*> body;
  Scope* scope = nullptr;  // lexical scope, filled by scope analysis
};

struct Empty : Node { JSVM_NODE(Empty) };

struct If : Node { JSVM_NODE(If) Expr* test = nullptr; Stmt* then_stmt = nullptr; Stmt* else_stmt = nullptr; };

// for (init; test; update) body. init: VarDecl, an expression, or nullptr.
struct For : Node {
  JSVM_NODE(For)
  Node* init = nullptr;
  Expr* test = nullptr;
  Expr* update = nullptr;
  Stmt* body = nullptr;
  Scope* scope = nullptr;  // head scope for let/const init
};

// for (left in right) / for (left of right). left: VarDecl with one
// declarator and no init (sloppy `for (var x = 1 in o)` aside), or a pattern/target.
struct ForIn : Node {
  JSVM_NODE(ForIn)
  Node* left = nullptr;
  Expr* right = nullptr;
  Stmt* body = nullptr;
  Scope* scope = nullptr;
};
struct ForOf : Node {
  JSVM_NODE(ForOf)
  bool is_await = false;  // for await (left of right), inside async functions
  Node* left = nullptr;
  Expr* right = nullptr;
  Stmt* body = nullptr;
  Scope* scope = nullptr;
};

struct While : Node { JSVM_NODE(While) Expr* test = nullptr; Stmt* body = nullptr; };
struct DoWhile : Node { JSVM_NODE(DoWhile) Stmt* body = nullptr; Expr* test = nullptr; };
struct Continue : Node { JSVM_NODE(Continue) std::u16string label; };  // empty: no label
struct Break : Node { JSVM_NODE(Break) std::u16string label; };
struct Return : Node { JSVM_NODE(Return) Expr* value = nullptr; };
struct Throw : Node { JSVM_NODE(Throw) Expr* value = nullptr; };

struct Try : Node {
  JSVM_NODE(Try)
  Block* block = nullptr;
  Pattern* catch_param = nullptr;  // nullptr for `catch {` or no catch
  Block* handler = nullptr;        // nullptr when there is no catch clause
  Block* finalizer = nullptr;      // nullptr when there is no finally
  Scope* catch_scope = nullptr;    // filled by scope analysis
};

struct SwitchCase {
  Expr* test = nullptr;  // nullptr for default
  std::vector<Stmt*> body;
  SourcePos pos;
};
struct Switch : Node {
  JSVM_NODE(Switch)
  Expr* discriminant = nullptr;
  std::vector<SwitchCase> cases;
  Scope* scope = nullptr;  // the case block's lexical scope
};

struct Labeled : Node { JSVM_NODE(Labeled) std::u16string label; Stmt* body = nullptr; };
// The function declaration `s` is, also behind labels (Annex B's labelled
// function declarations, sloppy code only), or null.
inline FunctionDecl* DeclaredFunction(Node* s) {
  while (s && s->kind == NodeKind::kLabeled) s = static_cast<Labeled*>(s)->body;
  return s ? s->As<FunctionDecl>() : nullptr;
}
struct Debugger : Node { JSVM_NODE(Debugger) };
struct With : Node {
  JSVM_NODE(With)
  Expr* object = nullptr;
  Stmt* body = nullptr;
  Scope* scope = nullptr;  // the with scope (filled by scope analysis)
};

// ---------------------------------------------------------------- modules

// One binding of an import declaration: `{ name as local }`, a default
// import (import_name "default") or `* as local` (is_namespace).
struct ImportBinding {
  std::u16string import_name;
  bool is_namespace = false;
  Identifier* local = nullptr;
  SourcePos pos;
};
// `import ... from 'specifier' [with { type: 'json' }]` or `import 'specifier'`.
struct ImportDecl : Node {
  JSVM_NODE(ImportDecl)
  std::u16string specifier;
  std::u16string type_attribute;  // with { type: '...' }: the module's type ("json"), or empty
  std::vector<ImportBinding> bindings;
};

// What an export declaration is.
enum class ExportKind : uint8_t {
  kDeclaration,  // export var/let/const/function/class ...
  kDefault,      // export default expression / function / class
  kNamed,        // export { a, b as c }
  kFrom,         // export { a as b } from 'm'
  kStar,         // export * from 'm'
  kStarAs,       // export * as ns from 'm'
};
// One entry of an export list: `local as exported` (from another module:
// `import_name as exported`).
struct ExportSpecifier {
  std::u16string local_name;  // kNamed: the local binding; kFrom: the name in the other module
  std::u16string export_name;
  Identifier* local = nullptr;  // kNamed: a reference to the local binding (scope analysis resolves it)
  SourcePos pos;
};
struct ExportDecl : Node {
  JSVM_NODE(ExportDecl)
  ExportKind export_kind = ExportKind::kNamed;
  // kDeclaration: the VarDecl, FunctionDecl or ClassDecl; kDefault: a
  // FunctionDecl or ClassDecl (a named or anonymous declaration), else null.
  Stmt* declaration = nullptr;
  // kDefault with an expression: the expression, stored into `default_binding`
  // (the local binding V8 calls `.default`).
  Expr* value = nullptr;
  Identifier* default_binding = nullptr;
  std::vector<ExportSpecifier> specifiers;
  std::u16string specifier;      // kFrom, kStar, kStarAs: the module
  std::u16string type_attribute;  // with { type: '...' }
  std::u16string star_name;       // kStarAs: the exported name
};

struct Program : Node {
  JSVM_NODE(Program)
  std::vector<Stmt*> body;
  bool strict = false;
  FunctionLiteral* top = nullptr;  // synthetic function literal for the script (function_id 0)
  bool is_module = false;          // module code (ParseOptions::module)
  bool has_top_level_await = false;  // a module whose own code awaits: its body is async
  uint32_t function_count = 0;     // number of FunctionLiterals, top included
};

#undef JSVM_NODE

// Owns every node of one parse.
class AstZone {
 public:
  template <class T>
  T* New() {
    auto node = std::make_unique<T>();
    T* raw = node.get();
    nodes_.push_back(std::move(node));
    return raw;
  }
  size_t size() const { return nodes_.size(); }

 private:
  std::vector<std::unique_ptr<Node>> nodes_;
};

}  // namespace jsvm
