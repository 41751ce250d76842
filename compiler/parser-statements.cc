// Statements, declarations, directive prologues and labels.
#include "compiler/parser.h"

namespace jsvm {

namespace {

bool IsUseStrict(std::u16string_view text) {
  return text == u"\"use strict\"" || text == u"'use strict'";
}

}  // namespace

void Parser::ParseBody(std::vector<Stmt*>* body, TokenKind end, FunctionLiteral* fn,
                       const std::vector<Identifier*>* param_names, bool simple_params) {
  bool in_prologue = fn != nullptr;
  // The first legacy octal escape in a directive before "use strict".
  Token octal_directive;
  while (tok_.kind != end) {
    if (in_prologue && tok_.kind == TokenKind::kString) {
      uint32_t start = tok_.pos.offset;
      SourcePos string_pos = tok_.pos;
      bool use_strict = IsUseStrict(source_.substr(start, tok_.end - start));
      OctalKind octal = tok_.octal;
      SourcePos octal_pos = tok_.octal_pos;
      Stmt* stmt = ParseStatementListItem();
      body->push_back(stmt);
      ExprStmt* expr_stmt = stmt->As<ExprStmt>();
      if (expr_stmt != nullptr && expr_stmt->expr->Is<StringLiteral>() &&
          expr_stmt->expr->pos.offset == start && !IsParenthesized(expr_stmt->expr)) {
        if (use_strict) {
          if (!simple_params) {
            Fail(string_pos,
                 "Illegal 'use strict' directive in function with non-simple parameter list");
          }
          fn->has_use_strict_directive = true;
          if (!strict_) {
            strict_ = true;
            CheckStrictOctal(octal_directive);
            // The function's name and parameters are strict code too.
            if (fn->name != nullptr) CheckBindingName(fn->name);
            if (param_names != nullptr) ValidateParams(*param_names, true);
          }
        } else if (octal != OctalKind::kNone && octal_directive.octal == OctalKind::kNone) {
          octal_directive.octal = octal;
          octal_directive.octal_pos = octal_pos;
        }
        continue;
      }
      in_prologue = false;
      continue;
    }
    in_prologue = false;
    body->push_back(ParseStatementListItem());
  }
}

bool Parser::NextIsLetDeclaration() {
  // `let` followed by a binding identifier or pattern starts a declaration.
  TokenKind next = PeekKind();
  return next == TokenKind::kIdentifier || next == TokenKind::kLBracket ||
         next == TokenKind::kLBrace || next == TokenKind::kEscapedKeyword;
}

Stmt* Parser::ParseStatementListItem() {
  switch (tok_.kind) {
    case TokenKind::kImport: {
      TokenKind next = PeekKind();
      if (next == TokenKind::kLParen || next == TokenKind::kPeriod) break;  // import(...), import.meta
      if (AtModuleTopLevel()) return ParseImportDeclaration();
      if (!options_.module) Fail(tok_.pos, "Cannot use import statement outside a module");
      FailUnexpected();
    }
    case TokenKind::kExport:
      if (AtModuleTopLevel()) return ParseExportDeclaration();
      FailUnexpected();
    case TokenKind::kFunction:
      return ParseFunctionDeclaration(scope_->kind != DeclScope::Kind::kFunction);
    case TokenKind::kClass: {
      SourcePos pos = tok_.pos;
      ClassDecl* decl = New<ClassDecl>(pos);
      decl->cls = ParseClass(true);
      return decl;
    }
    case TokenKind::kConst: {
      VarDecl* decl = ParseVariableDeclarations(DeclKind::kConst, false, true);
      ExpectSemicolon();
      return decl;
    }
    case TokenKind::kIdentifier:
      if (IsContextual(u"let") && NextIsLetDeclaration()) {
        VarDecl* decl = ParseVariableDeclarations(DeclKind::kLet, false, true);
        ExpectSemicolon();
        return decl;
      }
      if (AtAsyncFunction()) {
        if (tok_.has_escape) Fail(tok_.pos, "Keyword must not contain escaped characters");
        return ParseFunctionDeclaration(scope_->kind != DeclScope::Kind::kFunction);
      }
      break;
    default:
      break;
  }
  return ParseStatement(StatementContext::kListItem);
}

Stmt* Parser::ParseStatement(StatementContext context) {
  DepthGuard guard(this);
  bool continues_chain = function_->in_label_chain;
  function_->in_label_chain = false;
  switch (tok_.kind) {
    case TokenKind::kLBrace:
      return ParseBlock();
    case TokenKind::kVar: {
      VarDecl* decl = ParseVariableDeclarations(DeclKind::kVar, false, true);
      ExpectSemicolon();
      return decl;
    }
    case TokenKind::kSemicolon: {
      Empty* empty = New<Empty>(tok_.pos);
      Next();
      return empty;
    }
    case TokenKind::kIf:
      return ParseIf();
    case TokenKind::kFor:
      return ParseFor();
    case TokenKind::kWhile:
      return ParseWhile();
    case TokenKind::kDo:
      return ParseDoWhile();
    case TokenKind::kContinue:
      return ParseContinue();
    case TokenKind::kBreak:
      return ParseBreak();
    case TokenKind::kReturn:
      return ParseReturn();
    case TokenKind::kThrow:
      return ParseThrow();
    case TokenKind::kWith:
      return ParseWith();
    case TokenKind::kSwitch:
      return ParseSwitch();
    case TokenKind::kTry:
      return ParseTry();
    case TokenKind::kDebugger: {
      Debugger* node = New<Debugger>(tok_.pos);
      Next();
      ExpectSemicolon();
      return node;
    }
    case TokenKind::kFunction:
      Fail(tok_.pos, strict_ ? "In strict mode code, functions can only be declared at top "
                               "level or inside a block."
                             : "In non-strict mode code, functions can only be declared at "
                               "top level, inside a block, or as the body of an if statement.");
    case TokenKind::kClass:
    case TokenKind::kConst:
      FailUnexpected();  // V8's wording for these two
    case TokenKind::kIdentifier:
      if (IsContextual(u"let")) {
        bool newline;
        TokenKind next = PeekKind(&newline);
        if (next == TokenKind::kLBracket ||
            (!newline && (next == TokenKind::kIdentifier || next == TokenKind::kLBrace))) {
          Fail(tok_.pos, "Lexical declaration cannot appear in a single-statement context");
        }
      }
      if (AtAsyncFunction()) {
        Fail(tok_.pos, "Async functions can only be declared at the top level or inside a block.");
      }
      break;
    default:
      break;
  }
  return ParseExpressionOrLabelled(context, continues_chain);
}

Stmt* Parser::ParseExpressionOrLabelled(StatementContext context, bool continues_chain) {
  SourcePos start = tok_.pos;
  bool maybe_label = tok_.kind == TokenKind::kIdentifier;
  Expr* expr = ParseExpression(true);
  if (maybe_label && tok_.kind == TokenKind::kColon && expr->Is<Identifier>() &&
      !IsParenthesized(expr)) {
    Identifier* label = expr->As<Identifier>();
    Next();
    FunctionState* f = function_;
    for (const Label& l : f->labels) {
      if (l.name == label->name) {
        FailWithName(label->pos, "Label ", label->name, " has already been declared");
      }
    }
    size_t chain_start = continues_chain ? f->label_chain_start : f->labels.size();
    bool chain_in_list = continues_chain ? f->label_chain_in_list
                                         : context == StatementContext::kListItem;
    f->labels.push_back({label->name, false});
    if (tok_.kind == TokenKind::kFor || tok_.kind == TokenKind::kWhile ||
        tok_.kind == TokenKind::kDo) {
      for (size_t i = chain_start; i < f->labels.size(); ++i) f->labels[i].is_loop = true;
    }
    Labeled* node = New<Labeled>(start);
    node->label = label->name;
    if (tok_.kind == TokenKind::kFunction) {
      // Annex B: a labelled function declaration, in sloppy statement lists only.
      if (strict_ || !chain_in_list) {
        Fail(tok_.pos, strict_ ? "In strict mode code, functions can only be declared at top "
                                 "level or inside a block."
                               : "In non-strict mode code, functions can only be declared at "
                                 "top level, inside a block, or as the body of an if "
                                 "statement.");
      }
      node->body = ParseFunctionDeclaration(scope_->kind != DeclScope::Kind::kFunction, true);
    } else {
      f->in_label_chain = true;
      f->label_chain_start = chain_start;
      f->label_chain_in_list = chain_in_list;
      node->body = ParseStatement(StatementContext::kLabelBody);
      f->in_label_chain = false;
    }
    f->labels.pop_back();
    return node;
  }
  ExprStmt* stmt = New<ExprStmt>(start);
  stmt->expr = expr;
  ExpectSemicolon();
  return stmt;
}

Block* Parser::ParseBlock(DeclScope* scope_for_body) {
  Block* block = New<Block>(tok_.pos);
  Expect(TokenKind::kLBrace);
  DeclScope* own = scope_for_body == nullptr ? PushScope(DeclScope::Kind::kBlock) : nullptr;
  while (tok_.kind != TokenKind::kRBrace) block->body.push_back(ParseStatementListItem());
  Next();
  if (own != nullptr) PopScope(own);
  return block;
}

VarDecl* Parser::ParseVariableDeclarations(DeclKind kind, bool for_head, bool accept_in) {
  VarDecl* decl = New<VarDecl>(tok_.pos);
  decl->decl_kind = kind;
  Next();  // var, let or const
  std::vector<Identifier*> names;
  do {
    Declarator d;
    d.pos = tok_.pos;
    d.target = ParseBindingTarget();
    names.clear();
    CollectBoundNames(d.target, &names);
    if (kind != DeclKind::kVar) {
      for (Identifier* name : names) {
        if (name->name == u"let") Fail(name->pos, "let is disallowed as a lexically bound name");
      }
    }
    if (Accept(TokenKind::kAssign)) {
      d.init = ParseAssignment(accept_in);
    } else if (!for_head) {
      if (kind == DeclKind::kConst) Fail(d.pos, "Missing initializer in const declaration");
      if (!d.target->Is<Identifier>()) {
        Fail(d.pos, "Missing initializer in destructuring declaration");
      }
    }
    if (!for_head) {
      for (Identifier* name : names) {
        if (kind == DeclKind::kVar) {
          DeclareVar(name);
        } else {
          DeclareLexical(name, kind == DeclKind::kLet ? LexicalKind::kLet : LexicalKind::kConst);
        }
      }
    }
    decl->declarators.push_back(d);
  } while (Accept(TokenKind::kComma));
  return decl;
}

void Parser::DeclareVarDecl(VarDecl* decl) {
  std::vector<Identifier*> names;
  for (const Declarator& d : decl->declarators) {
    names.clear();
    CollectBoundNames(d.target, &names);
    for (Identifier* name : names) {
      if (decl->decl_kind == DeclKind::kVar) {
        DeclareVar(name);
      } else {
        DeclareLexical(name, decl->decl_kind == DeclKind::kLet ? LexicalKind::kLet
                                                               : LexicalKind::kConst);
      }
    }
  }
}

Stmt* Parser::ParseIf() {
  If* node = New<If>(tok_.pos);
  Next();
  Expect(TokenKind::kLParen);
  node->test = ParseExpression(true);
  Expect(TokenKind::kRParen);
  node->then_stmt = ParseIfClause();
  if (Accept(TokenKind::kElse)) node->else_stmt = ParseIfClause();
  return node;
}

Stmt* Parser::ParseIfClause() {
  if (tok_.kind == TokenKind::kFunction && !strict_) {
    // Annex B: `if (x) function f() {}` is as if the declaration were in a block.
    Block* block = New<Block>(tok_.pos);
    DeclScope* scope = PushScope(DeclScope::Kind::kBlock);
    block->body.push_back(ParseFunctionDeclaration(true, true));
    PopScope(scope);
    return block;
  }
  return ParseStatement(StatementContext::kIfClause);
}

Stmt* Parser::ParseLoopBody() {
  ++function_->breakable_depth;
  ++function_->loop_depth;
  Stmt* body = ParseStatement(StatementContext::kSingle);
  --function_->breakable_depth;
  --function_->loop_depth;
  return body;
}

Stmt* Parser::ParseFor() {
  SourcePos pos = tok_.pos;
  Next();
  bool is_await = false;
  if (tok_.kind == TokenKind::kIdentifier && tok_.value == u"await") {  // V8 allows escapes here
    if (!function_->is_async) Fail(tok_.pos, "Unexpected reserved word");
    if (function_ == module_state_) top_level_await_ = true;
    is_await = true;
    Next();
  }
  Expect(TokenKind::kLParen);
  if (is_await && tok_.kind == TokenKind::kSemicolon) FailUnexpected();
  DeclScope* head_scope = PushScope(DeclScope::Kind::kFor);
  Node* init = nullptr;
  SourcePos init_pos = tok_.pos;
  Node* each = nullptr;  // the left side of for-in/of
  bool is_of = false;
  if (tok_.kind == TokenKind::kSemicolon) {
    // no initializer
  } else if (tok_.kind == TokenKind::kVar || tok_.kind == TokenKind::kConst ||
             (IsContextual(u"let") && NextIsLetDeclaration())) {
    DeclKind kind = tok_.kind == TokenKind::kVar     ? DeclKind::kVar
                    : tok_.kind == TokenKind::kConst ? DeclKind::kConst
                                                     : DeclKind::kLet;
    VarDecl* decl = ParseVariableDeclarations(kind, true, false);
    is_of = IsContextual(u"of");
    if (is_await && !is_of) FailUnexpected();
    if (tok_.kind == TokenKind::kIn || is_of) {
      if (decl->declarators.size() != 1) {
        Fail(decl->declarators[0].pos,
             is_of ? "Invalid left-hand side in for-of loop: Must have a single binding."
                   : "Invalid left-hand side in for-in loop: Must have a single binding.");
      }
      const Declarator& d = decl->declarators[0];
      if (d.init != nullptr &&
          (is_of || strict_ || kind != DeclKind::kVar || !d.target->Is<Identifier>())) {
        Fail(d.pos, is_await ? "for-await-of loop variable declaration may not have an initializer."
                    : is_of  ? "for-of loop variable declaration may not have an initializer."
                             : "for-in loop variable declaration may not have an initializer.");
      }
      DeclareVarDecl(decl);
      each = decl;
    } else {
      for (const Declarator& d : decl->declarators) {
        if (d.init != nullptr) continue;
        if (kind == DeclKind::kConst) Fail(d.pos, "Missing initializer in const declaration");
        if (!d.target->Is<Identifier>()) {
          Fail(d.pos, "Missing initializer in destructuring declaration");
        }
      }
      DeclareVarDecl(decl);
      init = decl;
    }
  } else {
    bool starts_with_let = IsContextual(u"let");
    bool starts_with_async = IsContextual(u"async");
    CoverErrors errors;
    Expr* expr = ParseExpression(false, &errors);
    is_of = IsContextual(u"of");
    if (is_await && !is_of) FailUnexpected();
    if (tok_.kind == TokenKind::kIn || is_of) {
      if (starts_with_let && is_of) {
        Fail(init_pos, "The left-hand side of a for-of loop may not start with 'let'.");
      }
      if ((expr->Is<Yield>() || expr->Is<Await>()) && !IsParenthesized(expr)) {
        Fail(expr->pos, "Invalid left-hand side in for-loop");
      }
      if (starts_with_async && is_of && !is_await && expr->Is<Identifier>() &&
          !IsParenthesized(expr)) {
        // `for (async of` is reserved for async arrow functions.
        Fail(init_pos, "The left-hand side of a for-of loop may not be 'async'.");
      }
      if (IsPatternLiteral(expr)) {
        each = ToAssignmentTarget(expr, false);
      } else {
        each = CheckSimpleTarget(expr, is_of ? "Invalid left-hand side in for-of loop"
                                             : "Invalid left-hand side in for-in loop", true);
      }
    } else {
      if (errors.set) Fail(errors.pos, errors.message);
      init = expr;
    }
  }

  if (each != nullptr) {
    Next();  // in / of
    Expr* right = is_of ? ParseAssignment(true) : ParseExpression(true);
    Expect(TokenKind::kRParen);
    Stmt* body = ParseLoopBody();
    PopScope(head_scope);
    if (is_of) {
      ForOf* node = New<ForOf>(pos);
      node->is_await = is_await;
      node->left = each;
      node->right = right;
      node->body = body;
      return node;
    }
    ForIn* node = New<ForIn>(pos);
    node->left = each;
    node->right = right;
    node->body = body;
    return node;
  }

  For* node = New<For>(pos);
  node->init = init;
  Expect(TokenKind::kSemicolon);
  if (tok_.kind != TokenKind::kSemicolon) node->test = ParseExpression(true);
  Expect(TokenKind::kSemicolon);
  if (tok_.kind != TokenKind::kRParen) node->update = ParseExpression(true);
  Expect(TokenKind::kRParen);
  node->body = ParseLoopBody();
  PopScope(head_scope);
  return node;
}

Stmt* Parser::ParseWhile() {
  While* node = New<While>(tok_.pos);
  Next();
  Expect(TokenKind::kLParen);
  node->test = ParseExpression(true);
  Expect(TokenKind::kRParen);
  node->body = ParseLoopBody();
  return node;
}

Stmt* Parser::ParseDoWhile() {
  DoWhile* node = New<DoWhile>(tok_.pos);
  Next();
  node->body = ParseLoopBody();
  Expect(TokenKind::kWhile);
  Expect(TokenKind::kLParen);
  node->test = ParseExpression(true);
  Expect(TokenKind::kRParen);
  // A semicolon is inserted after do-while even without a newline.
  Accept(TokenKind::kSemicolon);
  return node;
}

Stmt* Parser::ParseContinue() {
  Continue* node = New<Continue>(tok_.pos);
  Next();
  if (tok_.kind == TokenKind::kIdentifier && !tok_.newline_before) {
    const Label* found = nullptr;
    for (const Label& l : function_->labels) {
      if (l.name == tok_.value) found = &l;
    }
    if (found == nullptr) FailWithName(tok_.pos, "Undefined label ", tok_.value, "");
    if (!found->is_loop) {
      FailWithName(tok_.pos, "Illegal continue statement: ", tok_.value,
                   " does not denote an iteration statement");
    }
    node->label = tok_.value;
    Next();
    ExpectSemicolon();
    return node;
  }
  ExpectSemicolon();
  if (function_->loop_depth == 0) {
    Fail(node->pos, "Illegal continue statement: no surrounding iteration statement");
  }
  return node;
}

Stmt* Parser::ParseBreak() {
  Break* node = New<Break>(tok_.pos);
  Next();
  if (tok_.kind == TokenKind::kIdentifier && !tok_.newline_before) {
    bool found = false;
    for (const Label& l : function_->labels) found |= l.name == tok_.value;
    if (!found) FailWithName(tok_.pos, "Undefined label ", tok_.value, "");
    node->label = tok_.value;
    Next();
    ExpectSemicolon();
    return node;
  }
  ExpectSemicolon();
  if (function_->breakable_depth == 0) Fail(node->pos, "Illegal break statement");
  return node;
}

Stmt* Parser::ParseReturn() {
  Return* node = New<Return>(tok_.pos);
  if (!function_->allow_return) Fail(tok_.pos, "Illegal return statement");
  Next();
  if (tok_.kind != TokenKind::kSemicolon && tok_.kind != TokenKind::kRBrace &&
      tok_.kind != TokenKind::kEos && !tok_.newline_before) {
    node->value = ParseExpression(true);
  }
  ExpectSemicolon();
  return node;
}

Stmt* Parser::ParseThrow() {
  Throw* node = New<Throw>(tok_.pos);
  Next();
  if (tok_.newline_before) Fail(node->pos, "Illegal newline after throw");
  node->value = ParseExpression(true);
  ExpectSemicolon();
  return node;
}

Stmt* Parser::ParseWith() {
  With* node = New<With>(tok_.pos);
  if (strict_) Fail(tok_.pos, "Strict mode code may not include a with statement");
  Next();
  Expect(TokenKind::kLParen);
  node->object = ParseExpression(true);
  Expect(TokenKind::kRParen);
  node->body = ParseStatement(StatementContext::kSingle);
  return node;
}

Stmt* Parser::ParseSwitch() {
  Switch* node = New<Switch>(tok_.pos);
  Next();
  Expect(TokenKind::kLParen);
  node->discriminant = ParseExpression(true);
  Expect(TokenKind::kRParen);
  Expect(TokenKind::kLBrace);
  DeclScope* scope = PushScope(DeclScope::Kind::kSwitch);
  ++function_->breakable_depth;
  bool has_default = false;
  while (tok_.kind != TokenKind::kRBrace) {
    SwitchCase c;
    c.pos = tok_.pos;
    if (Accept(TokenKind::kCase)) {
      c.test = ParseExpression(true);
    } else if (tok_.kind == TokenKind::kDefault) {
      if (has_default) Fail(tok_.pos, "More than one default clause in switch statement");
      has_default = true;
      Next();
    } else {
      FailUnexpected();
    }
    Expect(TokenKind::kColon);
    while (tok_.kind != TokenKind::kCase && tok_.kind != TokenKind::kDefault &&
           tok_.kind != TokenKind::kRBrace) {
      c.body.push_back(ParseStatementListItem());
    }
    node->cases.push_back(std::move(c));
  }
  Next();
  --function_->breakable_depth;
  PopScope(scope);
  return node;
}

Stmt* Parser::ParseTry() {
  Try* node = New<Try>(tok_.pos);
  Next();
  if (tok_.kind != TokenKind::kLBrace) FailUnexpected();
  node->block = ParseBlock();
  if (tok_.kind == TokenKind::kCatch) {
    Next();
    DeclScope* scope = PushScope(DeclScope::Kind::kCatch);
    if (Accept(TokenKind::kLParen)) {
      node->catch_param = ParseBindingTarget();
      std::vector<Identifier*> names;
      CollectBoundNames(node->catch_param, &names);
      scope->catch_param_is_pattern = !node->catch_param->Is<Identifier>();
      for (Identifier* name : names) {
        // A pattern's names are lexical bindings (V8): `catch ([let])` is an
        // error, `catch (let)` is not.
        if (scope->catch_param_is_pattern && name->name == u"let") {
          Fail(name->pos, "let is disallowed as a lexically bound name");
        }
        if (!scope->params.insert(name->name).second) FailRedeclared(name);
      }
      Expect(TokenKind::kRParen);
    }
    if (tok_.kind != TokenKind::kLBrace) FailUnexpected();
    node->handler = ParseBlock(scope);
    PopScope(scope);
  }
  if (tok_.kind == TokenKind::kFinally) {
    Next();
    if (tok_.kind != TokenKind::kLBrace) FailUnexpected();
    node->finalizer = ParseBlock();
  }
  if (node->handler == nullptr && node->finalizer == nullptr) {
    Fail(tok_.pos, "Missing catch or finally after try");
  }
  return node;
}

}  // namespace jsvm
