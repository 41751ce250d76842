// Functions, methods, arrow functions and classes.
#include <unordered_set>

#include "compiler/parser.h"

namespace jsvm {

FunctionLiteral* Parser::NewFunction(FunctionKind kind, SourcePos start) {
  FunctionLiteral* fn = New<FunctionLiteral>(start);
  fn->fn_kind = kind;
  fn->source_start = start.offset;
  functions_.push_back(fn);
  return fn;
}

void Parser::ValidateParams(const std::vector<Identifier*>& names, bool unique_required) {
  for (Identifier* name : names) CheckBindingName(name);
  if (!unique_required || names.size() < 2) return;
  if (names.size() <= 8) {
    for (size_t i = 1; i < names.size(); ++i) {
      for (size_t j = 0; j < i; ++j) {
        if (names[i]->name == names[j]->name) {
          Fail(names[i]->pos, "Duplicate parameter name not allowed in this context");
        }
      }
    }
    return;
  }
  std::unordered_set<std::u16string_view> seen;
  for (Identifier* name : names) {
    if (!seen.insert(name->name).second) {
      Fail(name->pos, "Duplicate parameter name not allowed in this context");
    }
  }
}

FunctionLiteral* Parser::ParseFunctionRest(FunctionLiteral* fn) {
  DepthGuard guard(this);
  FunctionKind kind = fn->fn_kind;
  FunctionState state;
  state.outer = function_;
  state.is_generator = fn->is_generator;
  state.is_async = fn->is_async;
  state.allow_return = true;
  state.allow_new_target = true;
  state.allow_super_property = kind != FunctionKind::kNormal;
  state.allow_super_call = kind == FunctionKind::kDerivedConstructor;
  bool saved_strict = strict_;
  function_ = &state;
  DeclScope* scope = PushScope(DeclScope::Kind::kFunction);
  size_t suspend_mark = suspends_.size();
  size_t eval_mark = eval_calls_.size();

  // Parameters.
  SourcePos params_pos = tok_.pos;
  Expect(TokenKind::kLParen);
  state.in_params = true;
  bool simple = true;
  while (tok_.kind != TokenKind::kRParen) {
    if (tok_.kind == TokenKind::kEllipsis) {
      RestElement* rest = New<RestElement>(tok_.pos);
      Next();
      rest->target = ParseBindingTarget();
      if (tok_.kind == TokenKind::kAssign) {
        Fail(tok_.pos, "Rest parameter may not have a default initializer");
      }
      fn->params.push_back(rest);
      simple = false;
      if (tok_.kind == TokenKind::kComma) {
        Fail(tok_.pos, "Rest parameter must be last formal parameter");
      }
      break;
    }
    Pattern* param = ParseBindingElement();
    if (!param->Is<Identifier>()) simple = false;
    fn->params.push_back(param);
    if (tok_.kind != TokenKind::kRParen) Expect(TokenKind::kComma);
  }
  Expect(TokenKind::kRParen);
  state.in_params = false;
  std::vector<Identifier*> names;
  for (Pattern* param : fn->params) CollectBoundNames(param, &names);
  for (Identifier* name : names) scope->params.insert(name->name);
  bool unique = strict_ || !simple || kind != FunctionKind::kNormal;
  ValidateParams(names, unique);
  if (kind == FunctionKind::kGetter && !fn->params.empty()) {
    Fail(params_pos, "Getter must not have any formal parameters.");
  }
  if (kind == FunctionKind::kSetter) {
    if (fn->params.size() != 1) Fail(params_pos, "Setter must have exactly one formal parameter.");
    if (fn->params[0]->Is<RestElement>()) {
      Fail(params_pos, "Setter function argument must not be a rest parameter");
    }
  }

  // Body.
  if (tok_.kind != TokenKind::kLBrace) FailUnexpected();
  Next();
  ParseBody(&fn->body, TokenKind::kRBrace, fn, &names, simple);
  fn->strict = strict_;
  fn->end_pos = tok_.pos;
  Next();  // }
  fn->source_end = prev_end_;

  fn->calls_eval = state.calls_eval;
  suspends_.resize(suspend_mark);
  eval_calls_.resize(eval_mark);
  PopScope(scope);
  function_ = state.outer;
  strict_ = saved_strict;
  return fn;
}

Stmt* Parser::ParseFunctionDeclaration(bool block_level, bool single_statement) {
  SourcePos start = tok_.pos;
  bool is_async = tok_.kind != TokenKind::kFunction;
  if (is_async) Next();  // async
  SourcePos last = tok_.pos;  // V8 reports a missing name at the token before it
  Next();                     // function
  bool is_generator = tok_.kind == TokenKind::kMul;
  if (is_generator) {
    if (single_statement) {
      Fail(tok_.pos, "Generators can only be declared at the top level or inside a block.");
    }
    last = tok_.pos;
    Next();
  }
  if (tok_.kind == TokenKind::kLParen) Fail(last, "Function statements require a function name");
  FunctionLiteral* fn = NewFunction(FunctionKind::kNormal, start);
  fn->is_generator = is_generator;
  fn->is_async = is_async;
  // The name is bound outside: yield and await are what they are there.
  fn->name = ParseBindingIdentifier();
  fn->is_declaration = true;
  if (block_level) {
    DeclareLexical(fn->name, is_generator || is_async ? LexicalKind::kOtherFunction
                                                      : LexicalKind::kFunction);
  } else {
    DeclareFunctionTopLevel(fn->name);
  }
  ParseFunctionRest(fn);
  FunctionDecl* decl = New<FunctionDecl>(start);
  decl->fn = fn;
  return decl;
}

Expr* Parser::ParseFunctionExpression() {
  SourcePos start = tok_.pos;
  bool is_async = tok_.kind != TokenKind::kFunction;
  if (is_async) Next();  // async
  Next();                // function
  FunctionLiteral* fn = NewFunction(FunctionKind::kNormal, start);
  fn->is_expression = true;
  fn->is_async = is_async;
  fn->is_generator = Accept(TokenKind::kMul);
  // The name is bound inside: yield and await are what they are in the function.
  if (tok_.kind != TokenKind::kLParen) {
    size_t suspend_mark = suspends_.size();
    fn->name = ParseBindingIdentifier(fn->is_generator, is_async);
    suspends_.resize(suspend_mark);  // its own name is no `await` of the code around it
  }
  return ParseFunctionRest(fn);
}

FunctionLiteral* Parser::ParseMethod(FunctionKind kind, SourcePos start, bool is_generator,
                                     bool is_async) {
  FunctionLiteral* fn = NewFunction(kind, start);
  fn->is_generator = is_generator;
  fn->is_async = is_async;
  return ParseFunctionRest(fn);
}

std::vector<Pattern*> Parser::ArrowParamsFromHead(ArrowHead* head) {
  std::vector<Pattern*> params;
  params.reserve(head->items.size() + 1);
  for (Expr* item : head->items) params.push_back(ToBindingPattern(item));
  if (head->rest != nullptr) params.push_back(head->rest);
  head->items.clear();
  head->rest = nullptr;
  return params;
}

Expr* Parser::ParseArrowFunction(SourcePos start, std::vector<Pattern*> params, bool accept_in,
                                 bool is_async) {
  // tok_ is `=>`.
  FunctionLiteral* fn = NewFunction(FunctionKind::kArrow, start);
  fn->params = std::move(params);
  fn->is_async = is_async;
  FunctionState state;
  state.outer = function_;
  state.is_arrow = true;
  state.is_async = is_async;
  state.allow_return = true;
  bool saved_strict = strict_;
  DeclScope* scope = PushScope(DeclScope::Kind::kFunction);
  bool simple = true;
  std::vector<Identifier*> names;
  for (Pattern* param : fn->params) {
    if (!param->Is<Identifier>()) simple = false;
    CollectBoundNames(param, &names);
  }
  for (Identifier* name : names) scope->params.insert(name->name);
  ValidateParams(names, true);
  if (is_async) {
    for (Identifier* name : names) {
      if (name->name == u"await") {
        Fail(name->pos, "'await' is not a valid identifier name in an async function");
      }
    }
  }
  size_t suspend_mark = suspends_.size();
  // A call of eval in the parameters makes this arrow a caller of eval.
  size_t eval_mark = eval_calls_.size();
  while (eval_mark > 0 && eval_calls_[eval_mark - 1] >= start.offset) --eval_mark;
  if (eval_mark < eval_calls_.size()) state.calls_eval = true;
  Next();  // =>
  function_ = &state;
  if (tok_.kind == TokenKind::kLBrace) {
    Next();
    ParseBody(&fn->body, TokenKind::kRBrace, fn, &names, simple);
    fn->end_pos = tok_.pos;
    Next();  // }
  } else {
    Expr* value = ParseAssignment(accept_in);
    Return* ret = New<Return>(value->pos);
    ret->value = value;
    fn->body.push_back(ret);
    fn->expression_body = true;
    fn->end_pos = prev_end_pos_;
  }
  fn->strict = strict_;
  fn->source_end = prev_end_;
  fn->calls_eval = state.calls_eval;
  suspends_.resize(suspend_mark);
  eval_calls_.resize(eval_mark);
  PopScope(scope);
  function_ = state.outer;
  strict_ = saved_strict;
  return fn;
}

ClassLiteral* Parser::ParseClass(bool is_declaration) {
  ClassLiteral* cls = New<ClassLiteral>(tok_.pos);
  cls->source_start = tok_.pos.offset;
  bool saved_strict = strict_;
  strict_ = true;  // all parts of a class are strict code
  Next();          // class
  if (tok_.kind == TokenKind::kIdentifier) {
    // V8 rejects `yield` in a generator before it looks at strict-mode words.
    strict_ = saved_strict;
    CheckYieldAwaitName(tok_.pos, tok_.value, function_->is_generator, function_->is_async);
    strict_ = true;
    cls->name = ParseBindingIdentifier();
  } else if (is_declaration) {
    FailUnexpected();
  }
  if (is_declaration) DeclareLexical(cls->name, LexicalKind::kClass);
  if (Accept(TokenKind::kExtends)) {
    DepthGuard guard(this);
    cls->extends = ParseLeftHandSide(nullptr);
  }
  Expect(TokenKind::kLBrace);
  private_scopes_.emplace_back();
  bool has_constructor = false;
  while (tok_.kind != TokenKind::kRBrace) {
    if (Accept(TokenKind::kSemicolon)) continue;
    ParseClassMember(cls, &has_constructor);
  }
  cls->source_end = tok_.end;
  for (FunctionLiteral* init : {cls->instance_init, cls->static_init}) {
    if (init) init->source_end = cls->source_end;
  }
  if (cls->instance_init && cls->constructor && !cls->extends) cls->constructor->initializes_instance = true;
  // Private names the body uses but this class does not declare must be
  // declared by an enclosing class.
  PrivateScope scope = std::move(private_scopes_.back());
  private_scopes_.pop_back();
  for (auto& [name, pos] : scope.unresolved) {
    if (scope.declared.count(name)) continue;
    if (private_scopes_.empty()) FailWithName(pos, "Private field ", name, " must be declared in an enclosing class");
    private_scopes_.back().unresolved.emplace_back(name, pos);
  }
  Next();  // }
  strict_ = saved_strict;
  return cls;
}

FunctionLiteral* Parser::ClassInitializer(ClassLiteral* cls, bool is_static) {
  FunctionLiteral*& init = is_static ? cls->static_init : cls->instance_init;
  if (!init) {
    init = NewFunction(FunctionKind::kMethod, cls->pos);
    init->source_start = cls->source_start;
    init->strict = true;
    init->initializer_of = cls;
    init->static_initializer = is_static;
    init->end_pos = cls->pos;
  }
  return init;
}

void Parser::DeclarePrivateName(const std::u16string& name, SourcePos pos, PropertyKind kind, bool is_static) {
  if (name == u"#constructor") Fail(pos, "Classes may not have a private field named '#constructor'");
  uint8_t bits = kind == PropertyKind::kGetter ? 2 : kind == PropertyKind::kSetter ? 4 : 1;
  if (is_static) bits |= 8;
  auto [it, inserted] = private_scopes_.back().declared.emplace(name, bits);
  if (inserted) return;
  uint8_t old = it->second;
  // A getter and a setter of the same staticness make one accessor.
  bool pair = (old & 8) == (bits & 8) && ((old & 7) | (bits & 7)) == 6 && (old & 7) != (bits & 7);
  if (!pair) FailWithName(pos, "Identifier ", name, " has already been declared");
  it->second = static_cast<uint8_t>(old | bits);
}

PrivateName* Parser::ParsePrivateNameReference() {
  PrivateName* name = New<PrivateName>(tok_.pos);
  name->name = tok_.value;
  if (private_scopes_.empty()) {
    FailWithName(tok_.pos, "Private field ", name->name, " must be declared in an enclosing class");
  }
  private_scopes_.back().unresolved.emplace_back(name->name, tok_.pos);
  Next();
  return name;
}

void Parser::ParseClassMember(ClassLiteral* cls, bool* has_constructor) {
  DepthGuard guard(this);
  Property member;
  member.pos = tok_.pos;
  SourcePos start = tok_.pos;
  auto is_modifier = [this]() {
    // `static`, `get` and `set` are names when a method or field follows
    // them; `get` or `set` and a line break before `*`: a field, then a
    // generator method (accessors cannot be generators).
    bool newline = false;
    TokenKind next = PeekKind(&newline);
    if (next == TokenKind::kMul && newline && !IsContextual(u"static")) return false;
    return next != TokenKind::kLParen && next != TokenKind::kAssign &&
           next != TokenKind::kSemicolon && next != TokenKind::kRBrace;
  };
  if (IsContextual(u"static") && !tok_.has_escape && PeekKind() == TokenKind::kLBrace) {
    // static { ... }
    Next();
    member.is_static = true;
    member.static_block = ParseStaticBlock(ClassInitializer(cls, true));
    cls->members.push_back(member);
    return;
  }
  if (IsContextual(u"static") && is_modifier()) {
    member.is_static = true;
    Next();
    start = tok_.pos;
  }
  bool is_async = false;
  if (IsContextual(u"async")) {
    // `async` is a modifier when a name or `*` follows it on the same line.
    bool newline = false;
    TokenKind next = PeekKind(&newline);
    is_async = !newline && next != TokenKind::kLParen && next != TokenKind::kAssign &&
               next != TokenKind::kSemicolon && next != TokenKind::kRBrace;
    if (is_async) Next();
  }
  bool is_generator = Accept(TokenKind::kMul);
  FunctionKind kind = FunctionKind::kMethod;
  if (!is_async && !is_generator && (IsContextual(u"get") || IsContextual(u"set")) &&
      is_modifier()) {
    kind = tok_.value == u"get" ? FunctionKind::kGetter : FunctionKind::kSetter;
    Next();
  }
  PropertyName name;
  if (tok_.kind == TokenKind::kPrivateName) {
    PrivateName* key = New<PrivateName>(tok_.pos);
    key->name = tok_.value;
    name.pos = tok_.pos;
    name.token_kind = tok_.kind;
    name.name = tok_.value;
    name.key = key;
    member.is_private = true;
    Next();
  } else {
    ParsePropertyName(&name);
    CheckEscapedModifier(name);
  }
  member.key = name.key;
  member.computed = name.computed;

  if (tok_.kind == TokenKind::kLParen) {
    if (!member.is_static && !member.is_private && KeyIs(name, u"constructor")) {
      if (kind != FunctionKind::kMethod) Fail(name.pos, "Class constructor may not be an accessor");
      if (is_generator) Fail(name.pos, "Class constructor may not be a generator");
      if (is_async) Fail(name.pos, "Class constructor may not be an async method");
      if (*has_constructor) Fail(name.pos, "A class may only have one constructor");
      *has_constructor = true;
      FunctionKind ctor_kind = cls->extends != nullptr ? FunctionKind::kDerivedConstructor
                                                       : FunctionKind::kClassConstructor;
      cls->constructor = ParseMethod(ctor_kind, start);
      return;
    }
    if (member.is_static && !member.is_private && KeyIs(name, u"prototype")) {
      Fail(name.pos, "Classes may not have a static property named 'prototype'");
    }
    member.kind = kind == FunctionKind::kGetter   ? PropertyKind::kGetter
                  : kind == FunctionKind::kSetter ? PropertyKind::kSetter
                                                  : PropertyKind::kInit;
    member.method = kind == FunctionKind::kMethod;
    if (member.is_private) {
      DeclarePrivateName(name.name, name.pos, member.kind, member.is_static);
      if (!member.is_static) {
        cls->has_private_methods = true;
        ClassInitializer(cls, false);  // adds the brand to each instance
      }
    }
    member.value = ParseMethod(kind, start, is_generator, is_async);
    cls->members.push_back(member);
    return;
  }
  // get x, async x and *x must be methods.
  if (kind != FunctionKind::kMethod || is_async || is_generator) FailUnexpected();

  // A field: `x;`, `x = value;`, `static y = value;`.
  if (!member.is_private && KeyIs(name, u"constructor")) Fail(name.pos, "Classes may not have a field named 'constructor'");
  if (member.is_static && !member.is_private && (KeyIs(name, u"prototype") || KeyIs(name, u"constructor"))) {
    Fail(name.pos, "Classes may not have a static property named 'prototype'");
  }
  if (member.is_private) DeclarePrivateName(name.name, name.pos, PropertyKind::kInit, member.is_static);
  member.is_field = true;
  FunctionLiteral* init = ClassInitializer(cls, member.is_static);
  if (Accept(TokenKind::kAssign)) member.value = ParseFieldInitializer(init);
  if (!Accept(TokenKind::kSemicolon) && tok_.kind != TokenKind::kRBrace && !tok_.newline_before) {
    FailUnexpected();
  }
  cls->members.push_back(member);
}

Expr* Parser::ParseFieldInitializer(FunctionLiteral* init) {
  // Evaluated like a method body: `this`, super.x and new.target are allowed;
  // `arguments` is not.
  FunctionState state;
  state.outer = function_;
  state.allow_new_target = true;
  state.allow_super_property = true;
  state.arguments_banned = true;
  function_ = &state;
  Expr* value = ParseAssignment(true);
  function_ = state.outer;
  if (state.calls_eval) init->calls_eval = true;
  return value;
}

Block* Parser::ParseStaticBlock(FunctionLiteral* init) {
  // A var scope of its own, with the rules of a method body (no `arguments`,
  // `await` reserved, no return).
  Block* block = New<Block>(tok_.pos);
  FunctionState state;
  state.outer = function_;
  state.allow_new_target = true;
  state.allow_super_property = true;
  state.arguments_banned = true;
  state.await_reserved = true;
  function_ = &state;
  DeclScope* scope = PushScope(DeclScope::Kind::kFunction);
  Expect(TokenKind::kLBrace);
  while (tok_.kind != TokenKind::kRBrace) block->body.push_back(ParseStatementListItem());
  Next();  // }
  PopScope(scope);
  function_ = state.outer;
  if (state.calls_eval) init->calls_eval = true;
  return block;
}

}  // namespace jsvm
