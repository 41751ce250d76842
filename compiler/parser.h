// The parser: ES2024 classic scripts (without modules) to the AST of
// compiler/ast.h, with the spec's early errors and V8's messages for them.
//
// ParseProgram is the whole public interface. The Parser class below is the
// recursive-descent machinery behind it; its member functions are spread over
// parser.cc (driver, tokens, errors, declarations, labels),
// parser-statements.cc, parser-expressions.cc, parser-functions.cc (functions,
// arrows, classes) and parser-patterns.cc (destructuring and targets).
//
// AST shapes worth knowing beyond what ast.h says:
//  - Annex B, sloppy code only: `if (x) function f() {}` gives a Block holding
//    the FunctionDecl as the if's branch; `l: function f() {}` gives a Labeled
//    whose body is a FunctionDecl; a block may declare the same function twice.
//  - `for (var x = 1 in o)` (sloppy) keeps the initializer in ForIn::left.
//  - Parentheses leave no node: `(a)` is just `a`.
//  - A call is never an assignment or update target: `f() = 1`, `f()++` and
//    `for (f() in o)` are early errors here (V8 throws at run time instead).
//  - Generators and async functions: FunctionLiteral::is_generator/is_async
//    (also on methods and async arrows, whose text, source_start..source_end,
//    starts at `async` or `*` as V8's Function.prototype.toString shows it);
//    `yield` is a Yield at the AssignmentExpression level and `await` an
//    Await at the unary level, only inside a generator / an async function
//    (elsewhere they are identifiers; `await x` at the top level of a script
//    is V8's "await is only valid in async functions ..." SyntaxError).
//  - Module code (ParseOptions::module): ImportDecl and ExportDecl only as
//    statements of Program::body; `export default <expression>` stores into
//    the lexical `.default`, an anonymous `export default function` is a
//    FunctionDecl bound to `.default` (FunctionLiteral::default_export).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "compiler/ast.h"
#include "compiler/diagnostics.h"
#include "compiler/lexer.h"

namespace jsvm {

// What ParseProgram returns: a program, or the first error.
struct ParseResult {
  std::unique_ptr<AstZone> zone;
  Program* program = nullptr;          // null when error is set
  std::optional<ParseError> error;
};

// What the code around a piece of source lets it do: direct eval code
// inherits its caller's strictness and the caller function's permissions.
struct ParseOptions {
  bool strict = false;                // the code starts in strict mode
  bool allow_new_target = false;      // inside a (non-arrow) function
  bool allow_super_property = false;  // inside a method
  bool allow_super_call = false;      // inside a derived constructor
  bool arguments_banned = false;      // inside a class field initializer
  // Module code: strict, `await` reserved (and an operator at the top
  // level), import and export declarations at the top level, import.meta.
  bool module = false;
  // Direct eval code inside a class body: the private names it may use.
  std::vector<std::u16string> private_names;
};

// Parses a classic script, or module code with `options.module`. `source`
// is UTF-16.
ParseResult ParseProgram(std::u16string_view source, const ParseOptions& options = {});

// The recursive-descent parser behind ParseProgram; use ParseProgram instead.
class Parser {
 public:
  // How deeply statements and expressions may nest before the parser gives
  // up with a RangeError (a bound that keeps every later recursive pass over
  // the AST safe on an 8 MB stack). The parser also gives up, whatever the
  // depth, when its own thread's stack is close to running out.
  static constexpr int kMaxDepth = 1500;

  // A parser for `source`, which must outlive the parser and its AST.
  explicit Parser(std::u16string_view source, const ParseOptions& options = {});
  // Parses the whole source; call once.
  ParseResult Parse();

 private:
  // ---------------------------------------------------------------- state types

  // A potential error in an expression that is only an error if the
  // expression does not turn out to be a destructuring pattern or arrow
  // parameters (`{a = 1}` and duplicate `__proto__`).
  struct CoverErrors {
    bool set = false;
    SourcePos pos;
    const char* message = nullptr;
  };

  // A parenthesized list just followed by `=>`, waiting for ParseAssignment.
  struct ArrowHead {
    Node* marker = nullptr;  // what ParsePrimary returned for the list
    std::vector<Expr*> items;
    Pattern* rest = nullptr;  // ...rest
    SourcePos start;          // the `(`, or `async` for an async arrow
    bool is_async = false;    // `async (...)` or `async x`
  };

  // A yield or await expression, or an `await` identifier reference, seen in
  // the function being parsed: arrow parameters may contain none of them.
  struct SuspendSite {
    enum class Kind : uint8_t { kYield, kAwait, kAwaitIdentifier };
    Kind kind;
    SourcePos pos;
  };

  // kFunction: a plain function declaration (Annex B lets sloppy blocks
  // repeat those); kOtherFunction: a generator or async function declaration.
  enum class LexicalKind : uint8_t { kLet, kConst, kClass, kFunction, kOtherFunction };

  // The declarations of one scope, for the redeclaration early errors.
  struct DeclScope {
    enum class Kind : uint8_t { kFunction, kBlock, kCatch, kFor, kSwitch };
    Kind kind = Kind::kBlock;
    DeclScope* outer = nullptr;
    std::unordered_map<std::u16string_view, LexicalKind> lexical;
    std::unordered_set<std::u16string_view> vars;    // declared here or hoisted through
    std::unordered_set<std::u16string_view> params;  // kFunction: parameters; kCatch: the catch parameter
    bool catch_param_is_pattern = false;
  };

  struct Label {
    std::u16string_view name;
    bool is_loop = false;
  };

  // Per-function parsing context (class field initializers get one too).
  struct FunctionState {
    FunctionState* outer = nullptr;
    bool is_arrow = false;
    bool is_generator = false;  // `yield` is an operator (and no identifier)
    bool is_async = false;      // `await` is an operator (and no identifier)
    bool in_params = false;     // parsing the formal parameters
    bool allow_return = false;
    bool allow_new_target = false;
    bool allow_super_property = false;
    bool allow_super_call = false;
    bool arguments_banned = false;  // inside a class field initializer
    bool await_reserved = false;    // a class static block: `await` is no identifier
    bool calls_eval = false;        // a call `eval(...)` in this function's own code (a possible direct eval)
    std::vector<Label> labels;
    int breakable_depth = 0;  // enclosing loops and switches
    int loop_depth = 0;
    // Labels written directly one after another (`a: b: while ...`) all
    // label the same statement: the first of them, and whether the chain
    // started in a statement list (where Annex B allows `a: function f(){}`).
    size_t label_chain_start = 0;
    bool label_chain_in_list = false;
    bool in_label_chain = false;  // the statement being parsed is a label's body
  };

  // Statement contexts that restrict what may appear.
  enum class StatementContext : uint8_t {
    kListItem,    // in a statement list: declarations allowed
    kSingle,      // the body of a loop, `else`, `with`, ...
    kIfClause,    // the body of `if`/`else` (sloppy: function declarations allowed)
    kLabelBody,   // the body of a labelled statement
  };

  class DepthGuard;
  struct Abort {};  // thrown after error_ is set, caught in Parse

  // ---------------------------------------------------------------- parser.cc

  // Fail sets error_ and throws Abort. (Messages are `const char*` where
  // possible: a std::string temporary at every call site would grow the
  // stack frames of the recursive functions.)
  [[noreturn]] void Fail(SourcePos pos, const char* message);
  // Fails on an illegal token; an unterminated comment or template literal
  // (the token runs to the end of the input) is marked as such.
  [[noreturn]] void FailIllegal(const Token& token);
  [[noreturn]] void Fail(SourcePos pos, const std::string& message);
  // Fails with `before` + 'name' + `after`.
  [[noreturn]] void FailWithName(SourcePos pos, const char* before, std::u16string_view name,
                                 const char* after);
  // Fails with "Unexpected token 'text'".
  [[noreturn]] void FailUnexpectedText(SourcePos pos, const char* text);
  [[noreturn]] void FailTooDeep();
  [[noreturn]] void FailUnexpected(const Token& token);
  [[noreturn]] void FailUnexpected() { FailUnexpected(tok_); }
  void RecordCoverError(CoverErrors* errors, SourcePos pos, const char* message);

  // Consumes tok_ and scans the next token (failing on an illegal one).
  void Next();
  // Consumes tok_ if it is `kind`.
  bool Accept(TokenKind kind);
  // Consumes tok_, which must be `kind`.
  void Expect(TokenKind kind);
  // Ends a statement: `;`, or automatic semicolon insertion.
  void ExpectSemicolon();
  // The kind of the token after tok_ (and whether a newline precedes it).
  TokenKind PeekKind(bool* newline_before = nullptr);
  // The kinds of the two tokens after tok_.
  void PeekTwoKinds(TokenKind* first, TokenKind* second);
  // tok_ is the identifier `word`, written without escapes.
  bool IsContextual(std::u16string_view word) const;
  // tok_ is `async` (escaped or not) followed by `function` on the same line.
  bool AtAsyncFunction();

  // Never inlined: allocation code inlined into the recursive functions
  // would enlarge their stack frames (a lot, under AddressSanitizer).
  template <class T>
  [[gnu::noinline]] T* New(SourcePos pos) {
    T* node = zone_->New<T>();
    node->pos = pos;
    return node;
  }
  StringLiteral* NewString(SourcePos pos, std::u16string value);
  bool IsParenthesized(const Node* node) const { return parenthesized_.count(node) != 0; }
  void CheckStrictOctal(const Token& token);

  // Declarations and scopes.
  DeclScope* PushScope(DeclScope::Kind kind);
  void PopScope(DeclScope* scope);
  void DeclareVar(Identifier* name);
  void DeclareLexical(Identifier* name, LexicalKind kind);
  void DeclareFunctionTopLevel(Identifier* name);
  [[noreturn]] void FailRedeclared(const Identifier* name);

  // Function contexts.
  FunctionState* EnclosingNonArrow() const;
  void AssignFunctionIds();
  // Sets stack_limit_ from the current thread's stack bounds.
  void ComputeStackLimit();

  // ---------------------------------------------------------------- parser-statements.cc

  // Parses statements up to `end` into `body`, handling a directive prologue
  // when `fn` is given (a function or the script). A "use strict" directive
  // makes the code strict and rechecks `fn`'s name and `param_names`.
  void ParseBody(std::vector<Stmt*>* body, TokenKind end, FunctionLiteral* fn,
                 const std::vector<Identifier*>* param_names, bool simple_params);
  Stmt* ParseStatementListItem();
  Stmt* ParseStatement(StatementContext context);
  Block* ParseBlock(DeclScope* scope_for_body = nullptr);
  VarDecl* ParseVariableDeclarations(DeclKind kind, bool for_head, bool accept_in);
  void DeclareVarDecl(VarDecl* decl);
  bool NextIsLetDeclaration();
  Stmt* ParseIf();
  Stmt* ParseIfClause();
  Stmt* ParseFor();
  Stmt* ParseWhile();
  Stmt* ParseDoWhile();
  Stmt* ParseContinue();
  Stmt* ParseBreak();
  Stmt* ParseReturn();
  Stmt* ParseThrow();
  Stmt* ParseWith();
  Stmt* ParseSwitch();
  Stmt* ParseTry();
  Stmt* ParseExpressionOrLabelled(StatementContext context, bool continues_chain);
  Stmt* ParseLoopBody();

  // ---------------------------------------------------------------- parser-expressions.cc

  Expr* ParseExpression(bool accept_in, CoverErrors* errors = nullptr);
  Expr* ParseAssignment(bool accept_in, CoverErrors* errors = nullptr);
  Expr* ParseYield(bool accept_in);
  Expr* ParseAwait();
  // After `async` (not a function): `async x =>` or the identifier `async`.
  Expr* ParseAsyncPrimary();
  // `async(...)` written on one line: a call, or an async arrow's head.
  Expr* ParseAsyncCallOrArrowHead(Expr* callee, SourcePos start);
  // Fails on a yield or await expression (or, for an async arrow, an `await`
  // identifier) in arrow parameters that start at `start`.
  void CheckArrowParamsSuspend(SourcePos start, bool is_async);
  // Notes a yield/await expression or an `await` identifier reference.
  void RecordSuspendSite(SuspendSite::Kind kind, SourcePos pos);
  Expr* ParseArrowFromCover(Expr* lhs, SourcePos start, bool accept_in);
  Expr* ParseAssignmentRest(Expr* lhs, SourcePos start, bool accept_in, CoverErrors* cover);
  Expr* ParseConditional(bool accept_in, CoverErrors* errors);
  Expr* ParseBinary(int min_precedence, bool accept_in, CoverErrors* errors);
  Expr* ParseUnary(CoverErrors* errors);
  Expr* ParsePostfixUpdate(Expr* expr, SourcePos pos);
  Expr* ParseLeftHandSide(CoverErrors* errors);
  Expr* ParseCallTail(Expr* expr, SourcePos start, bool allow_calls);
  Expr* ParseNew();
  Expr* ParseSuper(bool allow_call);
  // Records on the current function that `call` may be a direct eval.
  void NoteEvalCall(const struct Call* call);
  Expr* ParsePrimary(CoverErrors* errors);
  Expr* ParseParenthesized();
  Expr* ParseParenthesizedList(SourcePos start, Expr* first, CoverErrors* inner);
  Expr* MakeArrowHead(SourcePos start, std::vector<Expr*> items, Pattern* rest);
  Expr* MakeArrowHead(SourcePos start, Expr* only_item);
  void MarkParenthesized(const Node* node);
  Expr* ParseArrayLiteral(CoverErrors* errors);
  Expr* ParseObjectLiteral(CoverErrors* errors);
  TemplateLiteral* ParseTemplateLiteral(bool tagged);
  void ParseArguments(std::vector<Expr*>* args);
  Identifier* ParseIdentifierReference();
  // Reads a member name after `.` or `?.` (any IdentifierName).
  std::u16string ParseIdentifierName();

  // A property name in an object literal, class body or object pattern.
  struct PropertyName {
    Expr* key = nullptr;
    bool computed = false;
    TokenKind token_kind = TokenKind::kEos;  // the name token (when not computed)
    bool has_escape = false;
    std::u16string name;  // identifier, keyword or string names
    SourcePos pos;
  };
  void ParsePropertyName(PropertyName* name);
  // An object literal's method after `*` or `async` (tok_), into `property`;
  // false (with `name` read) when the `async` is the property's name.
  bool ParseObjectMethodWithModifiers(Property* property, PropertyName* name);
  // Fails when `name` is an escaped `async`, `get` or `set` used as a
  // modifier (a property name follows it on its line; V8's message).
  void CheckEscapedModifier(const PropertyName& name);
  // A non-computed identifier, keyword or string key spelling `text`.
  static bool KeyIs(const PropertyName& name, std::u16string_view text);

  // ---------------------------------------------------------------- parser-functions.cc

  // Parses `fn`'s parameters and body, from `(` to the closing `}`.
  FunctionLiteral* ParseFunctionRest(FunctionLiteral* fn);
  // A function, generator or async function declaration (tok_ is `function`
  // or `async`); `single_statement`: the body of an if or a label (Annex B).
  Stmt* ParseFunctionDeclaration(bool block_level, bool single_statement = false);
  Expr* ParseFunctionExpression();
  FunctionLiteral* NewFunction(FunctionKind kind, SourcePos start);
  // A method, accessor or constructor whose text starts at `start`; tok_ is `(`.
  FunctionLiteral* ParseMethod(FunctionKind kind, SourcePos start, bool is_generator = false,
                               bool is_async = false);
  Expr* ParseArrowFunction(SourcePos start, std::vector<Pattern*> params, bool accept_in,
                           bool is_async);
  std::vector<Pattern*> ArrowParamsFromHead(ArrowHead* head);
  ClassLiteral* ParseClass(bool is_declaration);
  void ParseClassMember(ClassLiteral* cls, bool* has_constructor);
  // A field's initializer, parsed as code of the class's instance or static
  // initializer function `init`.
  Expr* ParseFieldInitializer(FunctionLiteral* init);
  // `static { ... }` (tok_ at `{`), as code of the static initializer `init`.
  Block* ParseStaticBlock(FunctionLiteral* init);
  // The class's instance or static initializer function, made on first use.
  FunctionLiteral* ClassInitializer(ClassLiteral* cls, bool is_static);
  // Declares private name `name` (a getter and a setter of the same
  // staticness may share one); fails on any other duplicate.
  void DeclarePrivateName(const std::u16string& name, SourcePos pos, PropertyKind kind, bool is_static);
  // A reference to `#x` (tok_): checked against the enclosing classes'
  // private names when the outermost class ends.
  PrivateName* ParsePrivateNameReference();
  // Checks parameter names once the function's strictness is known.
  void ValidateParams(const std::vector<Identifier*>& names, bool unique_required);

  // ---------------------------------------------------------------- parser-modules.cc

  // tok_ is at a statement of the module's own top level.
  bool AtModuleTopLevel() const;
  Stmt* ParseImportDeclaration();
  Stmt* ParseExportDeclaration();
  // `export default function () {}` / `async function* () {}`.
  Stmt* ParseAnonymousDefaultFunction();
  // An IdentifierName or string naming an export (strings must be
  // well-formed); says whether it was a string or a reserved word.
  std::u16string ParseModuleExportName(bool* is_string, bool* is_reserved);
  std::u16string ParseModuleSpecifier();
  // `from 'specifier'` and its import attributes.
  void ParseFromClause(std::u16string* specifier, std::u16string* type);
  // `with { type: 'json' }` after a module specifier: the type, or empty.
  std::u16string ParseImportAttributes();
  Identifier* ParseImportedBinding();
  void AddExportName(const std::u16string& name, SourcePos pos);
  // tok_ is `function` (or `async function`) followed by `*`: whether `(` comes next.
  bool PeekThirdIsLParen();
  // Every `export { x }` names a declaration of the module.
  void CheckLocalExports();
  // `import(...)` or `import.meta` (tok_ is `import`).
  Expr* ParseImportExpression();

  // ---------------------------------------------------------------- parser-patterns.cc

  // A binding identifier (declarations, parameters, catch, function names),
  // where yield and await are what they are in the function being parsed,
  // or (the second form: a function expression's own name) as given.
  Identifier* ParseBindingIdentifier();
  Identifier* ParseBindingIdentifier(bool yield_keyword, bool await_keyword);
  // tok_ is `yield` in a generator or `await` in an async function (unescaped).
  bool IsYieldOrAwaitKeyword() const;
  // Fails when `name` is `yield` where yield is a keyword, or `await` where
  // await is one (V8's messages for a binding or a reference).
  void CheckYieldAwaitName(SourcePos pos, std::u16string_view name, bool yield_keyword,
                           bool await_keyword);
  // A binding identifier or pattern.
  // `nested`: an element of a binding pattern (what is not a name or a
  // pattern there is an invalid target, as V8 reports it).
  Pattern* ParseBindingTarget(bool nested = false);
  Pattern* ParseBindingElement(bool nested = false);  // target with an optional `= default`
  Pattern* ParseArrayBindingPattern();
  Pattern* ParseObjectBindingPattern();
  // Checks that `name` may be bound here (strict-mode restrictions).
  void CheckBindingName(const Identifier* name);
  // Appends the identifiers a pattern binds.
  static void CollectBoundNames(Pattern* pattern, std::vector<Identifier*>* names);
  // Converts an expression that turned out to be an assignment target.
  Pattern* ToAssignmentTarget(Expr* expr, bool nested);
  Pattern* ToArrayAssignmentPattern(ArrayLiteral* array);
  Pattern* ToObjectAssignmentPattern(ObjectLiteral* object);
  // Converts an arrow-function parameter written as an expression.
  Pattern* ToBindingPattern(Node* node);
  // Checks a simple target of `++`, `+=`, for-in/of (Identifier, Member, Keyed).
  // web_compat_call: sloppy code may assign to a call (`f() = 1`, `f()++`,
  // `for (f() in o)`): the call runs, then a ReferenceError is thrown (Annex B's
  // Runtime Errors for Function Call Assignment Targets, as V8 does).
  Expr* CheckSimpleTarget(Expr* expr, const char* message, bool web_compat_call = false);
  bool IsWebCompatCallTarget(const Expr* expr) const;
  bool IsPatternLiteral(const Node* node) const;

  // ---------------------------------------------------------------- members

  std::u16string_view source_;
  Lexer lexer_;
  Token tok_;
  uint32_t prev_end_ = 0;      // end offset of the last consumed token
  SourcePos prev_end_pos_;     // and its position
  std::unique_ptr<AstZone> zone_;
  std::optional<ParseError> error_;
  int depth_ = 0;
  uintptr_t stack_limit_ = 0;  // DepthGuard fails below this stack address
  bool strict_ = false;
  ParseOptions options_;
  FunctionState* function_ = nullptr;
  // Module code: the top level's function state and declaration scope, the
  // exported names so far, the local names export lists name, and whether
  // the top level awaits.
  FunctionState* module_state_ = nullptr;
  DeclScope* module_scope_ = nullptr;
  std::unordered_set<std::u16string> exported_names_;
  std::vector<Identifier*> local_exports_;
  bool top_level_await_ = false;
  // The private names of the classes being parsed, innermost last: what
  // each declares (bits: 1 field or method, 2 getter, 4 setter, 8 static)
  // and the references its body made that it does not declare yet.
  struct PrivateScope {
    std::unordered_map<std::u16string, uint8_t> declared;
    std::vector<std::pair<std::u16string, SourcePos>> unresolved;
  };
  std::vector<PrivateScope> private_scopes_;
  DeclScope* scope_ = nullptr;
  std::vector<std::unique_ptr<DeclScope>> scope_pool_;
  std::vector<DeclScope*> free_scopes_;
  std::vector<FunctionLiteral*> functions_;
  std::unordered_set<const Node*> parenthesized_;
  // Array and object literals with a comma after a spread element (so the
  // spread cannot become a rest element).
  std::unordered_set<const Node*> spread_not_last_;
  ArrowHead arrow_head_;
  // The function's yield/await sites, in source order (a function's own are
  // dropped when it ends).
  std::vector<SuspendSite> suspends_;
  // The offsets of the calls `eval(...)` of the functions being parsed (a
  // function's own are dropped when it ends): those left behind an arrow's
  // start were in its parameters, parsed before the arrow was known.
  std::vector<uint32_t> eval_calls_;
  // The last `await` read as an identifier (for V8's message on `await x`
  // outside an async function).
  uint32_t await_identifier_end_ = 0;
  SourcePos await_identifier_pos_;
};

// Counts one level of parser recursion for as long as it lives, and checks
// that the machine stack is not running out (whatever the build's frame sizes).
class Parser::DepthGuard {
 public:
  explicit DepthGuard(Parser* parser) : parser_(parser) {
    if (++parser_->depth_ > kMaxDepth ||
        reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < parser_->stack_limit_) {
      parser_->FailTooDeep();
    }
  }
  ~DepthGuard() { --parser_->depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  Parser* parser_;
};

}  // namespace jsvm
