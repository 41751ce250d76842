// Expressions: operators by precedence, calls and members, literals.
#include <algorithm>

#include "compiler/parser.h"
#include "vm/regexp/regexp.h"

namespace jsvm {

namespace {

constexpr int kLowestPrecedence = 4;  // ?? and ||
constexpr int kBitOrPrecedence = 6;   // the operands of ??

AssignOp ToAssignOp(TokenKind kind) {
  switch (kind) {
    case TokenKind::kAssignAdd: return AssignOp::kAdd;
    case TokenKind::kAssignSub: return AssignOp::kSub;
    case TokenKind::kAssignMul: return AssignOp::kMul;
    case TokenKind::kAssignDiv: return AssignOp::kDiv;
    case TokenKind::kAssignMod: return AssignOp::kMod;
    case TokenKind::kAssignExp: return AssignOp::kExp;
    case TokenKind::kAssignShl: return AssignOp::kShl;
    case TokenKind::kAssignSar: return AssignOp::kSar;
    case TokenKind::kAssignShr: return AssignOp::kShr;
    case TokenKind::kAssignBitAnd: return AssignOp::kBitAnd;
    case TokenKind::kAssignBitOr: return AssignOp::kBitOr;
    case TokenKind::kAssignBitXor: return AssignOp::kBitXor;
    case TokenKind::kAssignAnd: return AssignOp::kAnd;
    case TokenKind::kAssignOr: return AssignOp::kOr;
    case TokenKind::kAssignNullish: return AssignOp::kNullish;
    default: return AssignOp::kAssign;
  }
}

BinaryOp ToBinaryOp(TokenKind kind) {
  switch (kind) {
    case TokenKind::kAdd: return BinaryOp::kAdd;
    case TokenKind::kSub: return BinaryOp::kSub;
    case TokenKind::kMul: return BinaryOp::kMul;
    case TokenKind::kDiv: return BinaryOp::kDiv;
    case TokenKind::kMod: return BinaryOp::kMod;
    case TokenKind::kExp: return BinaryOp::kExp;
    case TokenKind::kShl: return BinaryOp::kShl;
    case TokenKind::kSar: return BinaryOp::kSar;
    case TokenKind::kShr: return BinaryOp::kShr;
    case TokenKind::kBitAnd: return BinaryOp::kBitAnd;
    case TokenKind::kBitOr: return BinaryOp::kBitOr;
    case TokenKind::kBitXor: return BinaryOp::kBitXor;
    case TokenKind::kEq: return BinaryOp::kEq;
    case TokenKind::kNe: return BinaryOp::kNe;
    case TokenKind::kStrictEq: return BinaryOp::kStrictEq;
    case TokenKind::kStrictNe: return BinaryOp::kStrictNe;
    case TokenKind::kLt: return BinaryOp::kLt;
    case TokenKind::kGt: return BinaryOp::kGt;
    case TokenKind::kLe: return BinaryOp::kLe;
    case TokenKind::kGe: return BinaryOp::kGe;
    case TokenKind::kIn: return BinaryOp::kIn;
    default: return BinaryOp::kInstanceOf;
  }
}

}  // namespace

Expr* Parser::ParseExpression(bool accept_in, CoverErrors* errors) {
  SourcePos start = tok_.pos;
  Expr* first = ParseAssignment(accept_in, errors);
  if (tok_.kind != TokenKind::kComma) return first;
  Sequence* sequence = New<Sequence>(start);
  sequence->exprs.push_back(first);
  while (Accept(TokenKind::kComma)) sequence->exprs.push_back(ParseAssignment(accept_in, errors));
  return sequence;
}

Expr* Parser::ParseAssignment(bool accept_in, CoverErrors* errors) {
  // This function is on the recursion path of every nested expression: its
  // rarer branches live in helpers to keep its stack frame small.
  DepthGuard guard(this);
  if (function_->is_generator && IsContextual(u"yield")) return ParseYield(accept_in);
  SourcePos start = tok_.pos;
  CoverErrors own;
  CoverErrors* cover = errors != nullptr ? errors : &own;
  CoverErrors outer = *cover;  // errors of earlier siblings, kept for the caller
  *cover = CoverErrors{};

  Expr* lhs = ParseConditional(accept_in, cover);

  if (tok_.kind == TokenKind::kArrow) {
    *cover = outer;
    return ParseArrowFromCover(lhs, start, accept_in);
  }
  if (IsAssignmentToken(tok_.kind)) {
    Expr* node = ParseAssignmentRest(lhs, start, accept_in, cover);
    *cover = outer;
    return node;
  }
  if (cover->set) {
    // Still fine only if this is a literal that may become a pattern later.
    if (errors == nullptr || !IsPatternLiteral(lhs)) Fail(cover->pos, cover->message);
    if (outer.set) *cover = outer;
  } else {
    *cover = outer;
  }
  return lhs;
}

Expr* Parser::ParseArrowFromCover(Expr* lhs, SourcePos start, bool accept_in) {
  // tok_ is `=>`; lhs must be `x` or a parenthesized list (or `async (...)`,
  // `async x`) just marked as an arrow head.
  if (tok_.newline_before) FailUnexpected();
  std::vector<Pattern*> params;
  bool is_async = false;
  if (lhs == arrow_head_.marker && lhs != nullptr) {
    arrow_head_.marker = nullptr;
    is_async = arrow_head_.is_async;
    SourcePos head_start = arrow_head_.start;
    params = ArrowParamsFromHead(&arrow_head_);
    CheckArrowParamsSuspend(head_start, is_async);
  } else if (lhs->Is<Identifier>() && !IsParenthesized(lhs) && lhs->pos.offset == start.offset) {
    params.push_back(ToBindingPattern(lhs));
  } else {
    Fail(tok_.pos, "Malformed arrow function parameter list");
  }
  return ParseArrowFunction(start, std::move(params), accept_in, is_async);
}

void Parser::RecordSuspendSite(SuspendSite::Kind kind, SourcePos pos) {
  suspends_.push_back(SuspendSite{kind, pos});
}

void Parser::CheckArrowParamsSuspend(SourcePos start, bool is_async) {
  // The sites are in source order, and those of the enclosing function
  // before the head are all before `start`.
  auto it = std::lower_bound(
      suspends_.begin(), suspends_.end(), start.offset,
      [](const SuspendSite& site, uint32_t offset) { return site.pos.offset < offset; });
  for (; it != suspends_.end(); ++it) {
    switch (it->kind) {
      case SuspendSite::Kind::kYield:
        Fail(it->pos, "Yield expression not allowed in formal parameter");
      case SuspendSite::Kind::kAwait:
        Fail(it->pos, "Illegal await-expression in formal parameters of async function");
      case SuspendSite::Kind::kAwaitIdentifier:
        if (is_async) {
          Fail(it->pos, "'await' is not a valid identifier name in an async function");
        }
        break;
    }
  }
}

Expr* Parser::ParseYield(bool accept_in) {
  // tok_ is `yield` in a generator.
  SourcePos pos = tok_.pos;
  if (function_->in_params) Fail(pos, "Yield expression not allowed in formal parameter");
  RecordSuspendSite(SuspendSite::Kind::kYield, pos);
  Yield* node = New<Yield>(pos);
  Next();
  if (tok_.newline_before) return node;  // `yield` ends at a line break
  if (Accept(TokenKind::kMul)) {
    node->delegate = true;
    node->arg = ParseAssignment(accept_in);
    return node;
  }
  switch (tok_.kind) {
    // The tokens that may follow an AssignmentExpression and cannot start one.
    case TokenKind::kEos:
    case TokenKind::kSemicolon:
    case TokenKind::kRBrace:
    case TokenKind::kRBracket:
    case TokenKind::kRParen:
    case TokenKind::kColon:
    case TokenKind::kComma:
    case TokenKind::kIn:
      return node;
    default:
      node->arg = ParseAssignment(accept_in);
      return node;
  }
}

Expr* Parser::ParseAwait() {
  // tok_ is `await` in an async function.
  DepthGuard guard(this);
  SourcePos pos = tok_.pos;
  if (function_->in_params) {
    Fail(pos, "Illegal await-expression in formal parameters of async function");
  }
  RecordSuspendSite(SuspendSite::Kind::kAwait, pos);
  if (function_ == module_state_) top_level_await_ = true;
  Await* node = New<Await>(pos);
  Next();
  node->arg = ParseUnary(nullptr);
  return node;
}

Expr* Parser::ParseAssignmentRest(Expr* lhs, SourcePos start, bool accept_in,
                                  CoverErrors* cover) {
  // tok_ is an assignment operator.
  AssignOp op = ToAssignOp(tok_.kind);
  Pattern* target;
  if (op == AssignOp::kAssign && IsPatternLiteral(lhs)) {
    target = ToAssignmentTarget(lhs, false);
  } else {
    if (cover->set) Fail(cover->pos, cover->message);
    // Logical assignment takes no call (it has no web-compat form).
    bool call_ok = op != AssignOp::kAnd && op != AssignOp::kOr && op != AssignOp::kNullish;
    if (!lhs->Is<Identifier>() && !lhs->Is<Member>() && !lhs->Is<Keyed>() &&
        !(call_ok && IsWebCompatCallTarget(lhs))) {
      Fail(start, "Invalid left-hand side in assignment");
    }
    target = CheckSimpleTarget(lhs, "Invalid left-hand side in assignment", call_ok);
  }
  Next();
  Assignment* node = New<Assignment>(start);
  node->op = op;
  node->target = target;
  node->named_target = !IsParenthesized(lhs);
  node->value = ParseAssignment(accept_in);
  return node;
}

Expr* Parser::ParseConditional(bool accept_in, CoverErrors* errors) {
  SourcePos start = tok_.pos;
  Expr* test = ParseBinary(kLowestPrecedence, accept_in, errors);
  if (tok_.kind != TokenKind::kConditional) return test;
  Next();
  Conditional* node = New<Conditional>(start);
  node->test = test;
  node->then_expr = ParseAssignment(true);
  Expect(TokenKind::kColon);
  node->else_expr = ParseAssignment(accept_in);
  return node;
}

Expr* Parser::ParseBinary(int min_precedence, bool accept_in, CoverErrors* errors) {
  SourcePos start = tok_.pos;
  int saved_depth = depth_;
  Expr* left;
  if (tok_.kind == TokenKind::kPrivateName && accept_in && min_precedence <= TokenPrecedence(TokenKind::kIn) &&
      PeekKind() == TokenKind::kIn) {
    left = ParsePrivateNameReference();  // #x in obj
  } else {
    left = ParseUnary(errors);
  }
  for (;;) {
    TokenKind op = tok_.kind;
    int precedence = TokenPrecedence(op);
    if (op == TokenKind::kIn && !accept_in) precedence = 0;
    if (precedence == 0 || precedence < min_precedence) break;
    SourcePos op_pos = tok_.pos;
    bool left_bare = !IsParenthesized(left);
    if (op == TokenKind::kExp && left_bare && (left->Is<Unary>() || left->Is<Await>())) {
      Fail(left->pos,
           "Unary operator used immediately before exponentiation expression. Parenthesis "
           "must be used to disambiguate operator precedence");
    }
    if (left_bare && left->Is<Logical>()) {
      // `??` does not mix with && and || without parentheses.
      LogicalOp left_op = left->As<Logical>()->op;
      bool left_nullish = left_op == LogicalOp::kNullish;
      if ((op == TokenKind::kNullish && !left_nullish) ||
          ((op == TokenKind::kAnd || op == TokenKind::kOr) && left_nullish)) {
        FailUnexpectedText(op_pos, TokenText(op));
      }
    }
    Next();
    Expr* right;
    if (op == TokenKind::kExp) {
      DepthGuard guard(this);
      right = ParseBinary(precedence, accept_in, nullptr);  // right-associative
    } else if (op == TokenKind::kNullish) {
      right = ParseBinary(kBitOrPrecedence, accept_in, nullptr);
    } else {
      right = ParseBinary(precedence + 1, accept_in, nullptr);
    }
    if (op == TokenKind::kAnd || op == TokenKind::kOr || op == TokenKind::kNullish) {
      Logical* node = New<Logical>(start);
      node->op = op == TokenKind::kAnd  ? LogicalOp::kAnd
                 : op == TokenKind::kOr ? LogicalOp::kOr
                                        : LogicalOp::kNullish;
      node->left = left;
      node->right = right;
      left = node;
    } else {
      Binary* node = New<Binary>(start);
      node->op = ToBinaryOp(op);
      node->left = left;
      node->right = right;
      left = node;
    }
    // A long chain is a deep (left-leaning) tree: count it as nesting.
    if (++depth_ > kMaxDepth) FailTooDeep();
  }
  depth_ = saved_depth;
  return left;
}

Expr* Parser::ParseUnary(CoverErrors* errors) {
  SourcePos pos = tok_.pos;
  UnaryOp op;
  switch (tok_.kind) {
    case TokenKind::kDelete: op = UnaryOp::kDelete; break;
    case TokenKind::kVoid: op = UnaryOp::kVoid; break;
    case TokenKind::kTypeof: op = UnaryOp::kTypeof; break;
    case TokenKind::kAdd: op = UnaryOp::kPlus; break;
    case TokenKind::kSub: op = UnaryOp::kMinus; break;
    case TokenKind::kNot: op = UnaryOp::kNot; break;
    case TokenKind::kBitNot: op = UnaryOp::kBitNot; break;
    case TokenKind::kIncrement:
    case TokenKind::kDecrement: {
      DepthGuard guard(this);
      bool increment = tok_.kind == TokenKind::kIncrement;
      Next();
      Expr* operand = ParseUnary(nullptr);
      Update* node = New<Update>(pos);
      node->increment = increment;
      node->prefix = true;
      node->target = CheckSimpleTarget(operand, "Invalid left-hand side expression in prefix operation", true);
      return node;
    }
    default: {
      if (function_->is_async && IsContextual(u"await")) return ParseAwait();
      // A LeftHandSideExpression, possibly with a postfix ++/--.
      Expr* expr = ParseLeftHandSide(errors);
      if ((tok_.kind == TokenKind::kIncrement || tok_.kind == TokenKind::kDecrement) &&
          !tok_.newline_before) {
        return ParsePostfixUpdate(expr, pos);
      }
      return expr;
    }
  }
  DepthGuard guard(this);
  Next();
  Expr* operand = ParseUnary(nullptr);
  if (op == UnaryOp::kDelete && strict_ && operand->Is<Identifier>()) {
    Fail(operand->pos, "Delete of an unqualified identifier in strict mode.");
  }
  if (op == UnaryOp::kDelete) {  // `delete (this.#x)` too
    Expr* target = operand->Is<OptionalChain>() ? operand->As<OptionalChain>()->expr : operand;
    if (auto* k = target->As<Keyed>(); k && k->key->Is<PrivateName>()) Fail(k->key->pos, "Private fields can not be deleted");
  }
  Unary* node = New<Unary>(pos);
  node->op = op;
  node->operand = operand;
  return node;
}

Expr* Parser::ParsePostfixUpdate(Expr* expr, SourcePos pos) {
  Update* node = New<Update>(pos);
  node->increment = tok_.kind == TokenKind::kIncrement;
  node->prefix = false;
  node->target = CheckSimpleTarget(expr, "Invalid left-hand side expression in postfix operation", true);
  Next();
  return node;
}

Expr* Parser::ParseLeftHandSide(CoverErrors* errors) {
  SourcePos start = tok_.pos;
  Expr* expr;
  if (tok_.kind == TokenKind::kNew) {
    expr = ParseNew();
  } else if (tok_.kind == TokenKind::kSuper) {
    expr = ParseSuper(true);
  } else {
    expr = ParsePrimary(errors);
    // `async(` on one line: the call may be an async arrow's parameters.
    if (tok_.kind == TokenKind::kLParen && !tok_.newline_before && expr->Is<Identifier>() &&
        expr->pos.offset == start.offset && source_.substr(start.offset, 5) == u"async" &&
        expr->As<Identifier>()->name == u"async") {
      expr = ParseAsyncCallOrArrowHead(expr, start);
      if (expr == arrow_head_.marker) return expr;
    }
  }
  return ParseCallTail(expr, start, true);
}

Expr* Parser::ParseCallTail(Expr* expr, SourcePos start, bool allow_calls) {
  int saved_depth = depth_;
  bool optional_chain = false;
  for (;;) {
    switch (tok_.kind) {
      case TokenKind::kPeriod: {
        Next();
        if (tok_.kind == TokenKind::kPrivateName) {
          if (expr->Is<SuperExpression>()) Fail(tok_.pos, "Unexpected private field");
          Keyed* node = New<Keyed>(start);
          node->object = expr;
          node->key = ParsePrivateNameReference();
          expr = node;
          break;
        }
        Member* node = New<Member>(start);
        node->object = expr;
        node->name = ParseIdentifierName();
        expr = node;
        break;
      }
      case TokenKind::kLBracket: {
        Next();
        Keyed* node = New<Keyed>(start);
        node->object = expr;
        node->key = ParseExpression(true);
        Expect(TokenKind::kRBracket);
        expr = node;
        break;
      }
      case TokenKind::kLParen: {
        if (!allow_calls) goto done;
        Call* node = New<Call>(start);
        node->callee = expr;
        ParseArguments(&node->args);
        NoteEvalCall(node);
        expr = node;
        break;
      }
      case TokenKind::kTemplateSpan:
      case TokenKind::kTemplateTail: {
        if (optional_chain) Fail(tok_.pos, "Invalid tagged template on optional chain");
        TaggedTemplate* node = New<TaggedTemplate>(start);
        node->tag = expr;
        node->quasi = ParseTemplateLiteral(true);
        expr = node;
        break;
      }
      case TokenKind::kQuestionPeriod: {
        if (!allow_calls) Fail(tok_.pos, "Invalid optional chain from new expression");
        optional_chain = true;
        Next();
        if (tok_.kind == TokenKind::kLParen) {
          Call* node = New<Call>(start);
          node->callee = expr;
          node->optional = true;
          ParseArguments(&node->args);
          expr = node;
        } else if (tok_.kind == TokenKind::kLBracket) {
          Next();
          Keyed* node = New<Keyed>(start);
          node->object = expr;
          node->key = ParseExpression(true);
          node->optional = true;
          Expect(TokenKind::kRBracket);
          expr = node;
        } else if (tok_.kind == TokenKind::kTemplateSpan ||
                   tok_.kind == TokenKind::kTemplateTail) {
          Fail(tok_.pos, "Invalid tagged template on optional chain");
        } else if (tok_.kind == TokenKind::kPrivateName) {
          Keyed* node = New<Keyed>(start);
          node->object = expr;
          node->optional = true;
          node->key = ParsePrivateNameReference();
          expr = node;
        } else {
          Member* node = New<Member>(start);
          node->object = expr;
          node->optional = true;
          node->name = ParseIdentifierName();
          expr = node;
        }
        break;
      }
      default:
        goto done;
    }
    // A long chain is a deep (left-leaning) tree: count it as nesting.
    if (++depth_ > kMaxDepth) FailTooDeep();
  }
done:
  depth_ = saved_depth;
  if (optional_chain) {
    OptionalChain* chain = New<OptionalChain>(start);
    chain->expr = expr;
    expr = chain;
  }
  return expr;
}

Expr* Parser::ParseNew() {
  DepthGuard guard(this);
  SourcePos pos = tok_.pos;
  Next();  // new
  if (tok_.kind == TokenKind::kPeriod) {
    Next();
    if (!IsContextual(u"target")) FailUnexpected();
    if (!EnclosingNonArrow()->allow_new_target) {
      Fail(tok_.pos, "new.target expression is not allowed here");
    }
    Next();
    return New<NewTarget>(pos);
  }
  SourcePos callee_start = tok_.pos;
  Expr* callee;
  if (tok_.kind == TokenKind::kNew) {
    callee = ParseNew();
  } else if (tok_.kind == TokenKind::kSuper) {
    callee = ParseSuper(false);
  } else {
    if (tok_.kind == TokenKind::kImport && PeekKind() == TokenKind::kLParen) {
      Fail(tok_.pos, "Cannot use new with import");
    }
    callee = ParsePrimary(nullptr);
  }
  callee = ParseCallTail(callee, callee_start, false);
  ::jsvm::New* node = New<::jsvm::New>(pos);
  node->callee = callee;
  if (tok_.kind == TokenKind::kLParen) ParseArguments(&node->args);
  return node;
}

void Parser::NoteEvalCall(const Call* call) {
  auto* id = call->callee->As<Identifier>();
  if (id && id->name == u"eval" && function_) {
    function_->calls_eval = true;
    eval_calls_.push_back(call->pos.offset);
  }
}

Expr* Parser::ParseSuper(bool allow_call) {
  SourcePos pos = tok_.pos;
  Next();  // super
  FunctionState* f = EnclosingNonArrow();
  if (tok_.kind == TokenKind::kLParen && allow_call) {
    if (!f->allow_super_call) Fail(pos, "'super' keyword unexpected here");
    Call* node = New<Call>(pos);
    node->callee = New<SuperExpression>(pos);
    ParseArguments(&node->args);
    return node;
  }
  if ((tok_.kind == TokenKind::kPeriod || tok_.kind == TokenKind::kLBracket) &&
      f->allow_super_property) {
    return New<SuperExpression>(pos);
  }
  Fail(pos, "'super' keyword unexpected here");
}

void Parser::ParseArguments(std::vector<Expr*>* args) {
  Expect(TokenKind::kLParen);
  while (tok_.kind != TokenKind::kRParen) {
    if (tok_.kind == TokenKind::kEllipsis) {
      Spread* spread = New<Spread>(tok_.pos);
      Next();
      spread->arg = ParseAssignment(true);
      args->push_back(spread);
    } else {
      args->push_back(ParseAssignment(true));
    }
    if (tok_.kind == TokenKind::kRParen) break;
    if (tok_.kind != TokenKind::kComma) {
      if (tok_.kind == TokenKind::kIllegal) FailUnexpected();
      Fail(tok_.pos, "missing ) after argument list");
    }
    Next();
  }
  Next();
}

std::u16string Parser::ParseIdentifierName() {
  std::u16string name;
  if (tok_.kind == TokenKind::kIdentifier || tok_.kind == TokenKind::kEscapedKeyword) {
    name = tok_.value;
  } else if (IsKeywordToken(tok_.kind)) {
    for (const char* p = TokenText(tok_.kind); *p != '\0'; ++p) name.push_back(*p);
  } else {
    FailUnexpected();
  }
  Next();
  return name;
}

Identifier* Parser::ParseIdentifierReference() {
  if (tok_.kind != TokenKind::kIdentifier) FailUnexpected();
  if (strict_ && IsStrictReservedWord(tok_.value)) {
    Fail(tok_.pos, "Unexpected strict mode reserved word");
  }
  if (tok_.value.size() == 5) {
    bool yield_keyword = function_->is_generator && tok_.value == u"yield";
    bool await_keyword = function_->is_async && tok_.value == u"await";
    if ((yield_keyword || await_keyword) && tok_.has_escape) {
      Fail(tok_.pos, "Keyword must not contain escaped characters");
    }
    CheckYieldAwaitName(tok_.pos, tok_.value, function_->is_generator, function_->is_async);
    if (tok_.value == u"await" && (function_->await_reserved || options_.module)) Fail(tok_.pos, "Unexpected reserved word");
    if (tok_.value == u"await") {
      RecordSuspendSite(SuspendSite::Kind::kAwaitIdentifier, tok_.pos);
      await_identifier_end_ = tok_.end;
      await_identifier_pos_ = tok_.pos;
    }
  }
  if (tok_.value == u"arguments" && EnclosingNonArrow()->arguments_banned) {
    Fail(tok_.pos,
         "'arguments' is not allowed in class field initializer or static initialization block");
  }
  Identifier* id = New<Identifier>(tok_.pos);
  id->name = tok_.value;
  Next();
  return id;
}

Expr* Parser::ParsePrimary(CoverErrors* errors) {
  SourcePos pos = tok_.pos;
  switch (tok_.kind) {
    case TokenKind::kIdentifier:
      if (IsContextual(u"async")) return ParseAsyncPrimary();
      return ParseIdentifierReference();
    case TokenKind::kThis:
      Next();
      return New<ThisExpression>(pos);
    case TokenKind::kImport:
      return ParseImportExpression();
    case TokenKind::kNull:
      Next();
      return New<NullLiteral>(pos);
    case TokenKind::kTrue:
    case TokenKind::kFalse: {
      BooleanLiteral* node = New<BooleanLiteral>(pos);
      node->value = tok_.kind == TokenKind::kTrue;
      Next();
      return node;
    }
    case TokenKind::kNumber: {
      CheckStrictOctal(tok_);
      NumberLiteral* node = New<NumberLiteral>(pos);
      node->value = tok_.number;
      Next();
      return node;
    }
    case TokenKind::kString: {
      CheckStrictOctal(tok_);
      StringLiteral* node = NewString(pos, tok_.value);
      Next();
      return node;
    }
    case TokenKind::kBigInt: {
      BigIntLiteral* node = New<BigIntLiteral>(pos);
      node->digits = tok_.value;
      Next();
      return node;
    }
    case TokenKind::kTemplateSpan:
    case TokenKind::kTemplateTail:
      return ParseTemplateLiteral(false);
    case TokenKind::kLBracket:
      return ParseArrayLiteral(errors);
    case TokenKind::kLBrace:
      return ParseObjectLiteral(errors);
    case TokenKind::kLParen:
      return ParseParenthesized();
    case TokenKind::kFunction:
      return ParseFunctionExpression();
    case TokenKind::kClass:
      return ParseClass(false);
    case TokenKind::kDiv:
    case TokenKind::kAssignDiv: {
      lexer_.RescanRegExp(&tok_);
      if (tok_.kind == TokenKind::kIllegal) FailUnexpected();
      // An invalid pattern is an early error (the regexp parser's message).
      std::string regexp_error = ValidateRegExpLiteral(tok_.value, tok_.raw);
      if (!regexp_error.empty()) Fail(pos, regexp_error);
      RegExpLiteral* node = New<RegExpLiteral>(pos);
      node->pattern = tok_.value;
      node->flags = tok_.raw;
      Next();
      return node;
    }
    default:
      FailUnexpected();
  }
}

Expr* Parser::ParseParenthesized() {
  // On the recursion path of nested parentheses, so the common `(expr)` is
  // handled here with few locals and everything else in helpers.
  SourcePos start = tok_.pos;
  Next();  // (
  if (tok_.kind == TokenKind::kRParen || tok_.kind == TokenKind::kEllipsis) {
    return ParseParenthesizedList(start, nullptr, nullptr);
  }
  CoverErrors inner;
  Expr* first = ParseAssignment(true, &inner);
  if (tok_.kind == TokenKind::kComma) return ParseParenthesizedList(start, first, &inner);
  Expect(TokenKind::kRParen);
  if (tok_.kind == TokenKind::kArrow && !tok_.newline_before) {
    return MakeArrowHead(start, first);
  }
  if (inner.set) Fail(inner.pos, inner.message);
  MarkParenthesized(first);
  return first;
}

Expr* Parser::ParseParenthesizedList(SourcePos start, Expr* first, CoverErrors* inner) {
  // tok_ is `)` or `...` after `(`, or `,` after the first item.
  CoverErrors own;
  if (inner == nullptr) inner = &own;
  std::vector<Expr*> items;
  if (first != nullptr) {
    items.push_back(first);
    Next();  // ,
  }
  if (first == nullptr && tok_.kind == TokenKind::kRParen) {
    // `()` is only valid as the parameters of an arrow function.
    SourcePos rparen = tok_.pos;
    Next();
    if (tok_.kind != TokenKind::kArrow || tok_.newline_before) {
      Fail(rparen, "Unexpected token ')'");
    }
    return MakeArrowHead(start, std::move(items), nullptr);
  }
  Pattern* rest = nullptr;
  bool trailing_comma = false;
  SourcePos trailing_pos;
  for (;;) {
    if (tok_.kind == TokenKind::kRParen && first != nullptr) {
      trailing_comma = true;  // `(a, b,)`
      trailing_pos = tok_.pos;
      break;
    }
    if (tok_.kind == TokenKind::kEllipsis) {
      RestElement* element = New<RestElement>(tok_.pos);
      Next();
      element->target = ParseBindingTarget();
      if (tok_.kind == TokenKind::kAssign) {
        Fail(tok_.pos, "Rest parameter may not have a default initializer");
      }
      if (tok_.kind == TokenKind::kComma) {
        Fail(tok_.pos, "Rest parameter must be last formal parameter");
      }
      rest = element;
      break;
    }
    items.push_back(ParseAssignment(true, inner));
    if (tok_.kind != TokenKind::kComma) break;
    Next();
    first = items[0];
  }
  Expect(TokenKind::kRParen);
  if (tok_.kind == TokenKind::kArrow && !tok_.newline_before) {
    return MakeArrowHead(start, std::move(items), rest);
  }
  if (rest != nullptr) Fail(rest->pos, "Unexpected token '...'");
  if (trailing_comma) Fail(trailing_pos, "Unexpected token ')'");
  if (inner->set) Fail(inner->pos, inner->message);
  Sequence* sequence = New<Sequence>(items[0]->pos);
  sequence->exprs = std::move(items);
  MarkParenthesized(sequence);
  return sequence;
}

Expr* Parser::MakeArrowHead(SourcePos start, std::vector<Expr*> items, Pattern* rest) {
  arrow_head_.marker = New<Sequence>(start);
  arrow_head_.items = std::move(items);
  arrow_head_.rest = rest;
  arrow_head_.start = start;
  arrow_head_.is_async = false;
  return arrow_head_.marker;
}

Expr* Parser::ParseAsyncPrimary() {
  // tok_ is `async`, without escapes.
  SourcePos start = tok_.pos;
  bool newline = false;
  TokenKind next = PeekKind(&newline);
  if (newline) return ParseIdentifierReference();
  if (next == TokenKind::kFunction) return ParseFunctionExpression();
  if (next != TokenKind::kIdentifier) return ParseIdentifierReference();
  // `async x =>` (V8 looks for the arrow, even on the next line).
  TokenKind after;
  PeekTwoKinds(&next, &after);
  if (after != TokenKind::kArrow) return ParseIdentifierReference();
  Next();  // async
  Identifier* param = ParseBindingIdentifier();
  Expr* head = MakeArrowHead(start, param);
  arrow_head_.is_async = true;
  return head;
}

Expr* Parser::ParseAsyncCallOrArrowHead(Expr* callee, SourcePos start) {
  // tok_ is the `(` after `async`.
  CoverErrors cover;
  std::vector<Expr*> args;
  bool rest_not_last = false;
  SourcePos rest_comma;
  Next();  // (
  while (tok_.kind != TokenKind::kRParen) {
    bool spread = tok_.kind == TokenKind::kEllipsis;
    if (spread) {
      Spread* node = New<Spread>(tok_.pos);
      Next();
      node->arg = ParseAssignment(true, &cover);
      args.push_back(node);
    } else {
      args.push_back(ParseAssignment(true, &cover));
    }
    if (tok_.kind == TokenKind::kRParen) break;
    if (tok_.kind != TokenKind::kComma) {
      if (tok_.kind == TokenKind::kIllegal) FailUnexpected();
      Fail(tok_.pos, "missing ) after argument list");
    }
    if (spread && !rest_not_last) {
      rest_not_last = true;
      rest_comma = tok_.pos;
    }
    Next();
  }
  Next();  // )
  if (tok_.kind == TokenKind::kArrow && !tok_.newline_before) {
    if (rest_not_last) Fail(rest_comma, "Rest parameter must be last formal parameter");
    Pattern* rest = nullptr;
    if (!args.empty() && args.back()->Is<Spread>()) {
      Spread* spread = args.back()->As<Spread>();
      args.pop_back();
      if (spread->arg->Is<Assignment>() && !IsParenthesized(spread->arg)) {
        Fail(spread->arg->As<Assignment>()->value->pos,
             "Rest parameter may not have a default initializer");
      }
      RestElement* element = New<RestElement>(spread->pos);
      element->target = ToBindingPattern(spread->arg);
      rest = element;
    }
    Expr* head = MakeArrowHead(start, std::move(args), rest);
    arrow_head_.is_async = true;
    return head;
  }
  if (cover.set) Fail(cover.pos, cover.message);
  Call* node = New<Call>(start);
  node->callee = callee;
  node->args = std::move(args);
  NoteEvalCall(node);
  return node;
}

Expr* Parser::MakeArrowHead(SourcePos start, Expr* only_item) {
  std::vector<Expr*> items;
  items.push_back(only_item);
  return MakeArrowHead(start, std::move(items), nullptr);
}

void Parser::MarkParenthesized(const Node* node) { parenthesized_.insert(node); }

Expr* Parser::ParseArrayLiteral(CoverErrors* errors) {
  ArrayLiteral* array = New<ArrayLiteral>(tok_.pos);
  Next();  // [
  while (tok_.kind != TokenKind::kRBracket) {
    if (tok_.kind == TokenKind::kComma) {
      array->elements.push_back(nullptr);
      Next();
      continue;
    }
    Expr* element;
    if (tok_.kind == TokenKind::kEllipsis) {
      Spread* spread = New<Spread>(tok_.pos);
      Next();
      spread->arg = ParseAssignment(true, errors);
      element = spread;
    } else {
      element = ParseAssignment(true, errors);
    }
    array->elements.push_back(element);
    if (tok_.kind == TokenKind::kRBracket) break;
    Expect(TokenKind::kComma);
    if (element->Is<Spread>()) spread_not_last_.insert(array);
  }
  Next();
  return array;
}

void Parser::ParsePropertyName(PropertyName* name) {
  name->pos = tok_.pos;
  name->computed = false;
  name->token_kind = tok_.kind;
  name->has_escape = tok_.has_escape;
  name->name.clear();
  switch (tok_.kind) {
    case TokenKind::kIdentifier:
    case TokenKind::kEscapedKeyword:
      name->name = tok_.value;
      name->key = NewString(tok_.pos, tok_.value);
      break;
    case TokenKind::kString:
      CheckStrictOctal(tok_);
      name->name = tok_.value;
      name->key = NewString(tok_.pos, tok_.value);
      break;
    case TokenKind::kNumber: {
      CheckStrictOctal(tok_);
      NumberLiteral* key = New<NumberLiteral>(tok_.pos);
      key->value = tok_.number;
      name->key = key;
      break;
    }
    case TokenKind::kBigInt:  // the key is the value's decimal digits
      name->key = NewString(tok_.pos, tok_.value);
      break;
    case TokenKind::kLBracket:
      Next();
      name->computed = true;
      name->key = ParseAssignment(true);
      if (tok_.kind != TokenKind::kRBracket) FailUnexpected();
      break;
    default:
      if (!IsKeywordToken(tok_.kind)) FailUnexpected();
      for (const char* p = TokenText(tok_.kind); *p != '\0'; ++p) name->name.push_back(*p);
      name->key = NewString(tok_.pos, name->name);
      break;
  }
  Next();
}

bool Parser::ParseObjectMethodWithModifiers(Property* property, PropertyName* name) {
  // tok_ is `*` or `async`.
  SourcePos start = tok_.pos;
  bool is_async = false;
  if (tok_.kind != TokenKind::kMul) {
    ParsePropertyName(name);  // async
    TokenKind k = tok_.kind;
    if (k == TokenKind::kComma || k == TokenKind::kColon || k == TokenKind::kLParen ||
        k == TokenKind::kRBrace || k == TokenKind::kAssign || tok_.newline_before) {
      return false;  // the name `async`
    }
    is_async = true;
  }
  bool is_generator = Accept(TokenKind::kMul);
  ParsePropertyName(name);
  if (tok_.kind != TokenKind::kLParen) FailUnexpected();
  property->key = name->key;
  property->computed = name->computed;
  property->method = true;
  property->value = ParseMethod(FunctionKind::kMethod, start, is_generator, is_async);
  return true;
}

void Parser::CheckEscapedModifier(const PropertyName& name) {
  if (!name.has_escape || name.token_kind != TokenKind::kIdentifier || tok_.newline_before) return;
  bool is_async = name.name == u"async";
  if (!is_async && name.name != u"get" && name.name != u"set") return;
  TokenKind k = tok_.kind;
  if (k == TokenKind::kIdentifier || k == TokenKind::kEscapedKeyword || k == TokenKind::kString ||
      k == TokenKind::kNumber || k == TokenKind::kBigInt || k == TokenKind::kLBracket || IsKeywordToken(k) ||
      (is_async && k == TokenKind::kMul)) {
    Fail(name.pos, "Keyword must not contain escaped characters");
  }
}

bool Parser::KeyIs(const PropertyName& name, std::u16string_view text) {
  if (name.computed || name.token_kind == TokenKind::kNumber || name.token_kind == TokenKind::kBigInt) return false;
  return name.name == text;
}

Expr* Parser::ParseObjectLiteral(CoverErrors* errors) {
  ObjectLiteral* object = New<ObjectLiteral>(tok_.pos);
  Next();  // {
  bool has_proto = false;
  PropertyName name;
  while (tok_.kind != TokenKind::kRBrace) {
    Property property;
    property.pos = tok_.pos;
    if (tok_.kind == TokenKind::kEllipsis) {
      Next();
      property.kind = PropertyKind::kSpread;
      property.value = ParseAssignment(true, errors);
      object->properties.push_back(property);
      if (tok_.kind == TokenKind::kRBrace) break;
      Expect(TokenKind::kComma);
      spread_not_last_.insert(object);
      continue;
    }
    if (tok_.kind == TokenKind::kMul || IsContextual(u"async")) {
      if (ParseObjectMethodWithModifiers(&property, &name)) {
        object->properties.push_back(property);
        if (tok_.kind != TokenKind::kRBrace) Expect(TokenKind::kComma);
        continue;
      }
    } else {
      ParsePropertyName(&name);
      CheckEscapedModifier(name);
    }
    bool accessor = (name.token_kind == TokenKind::kIdentifier && !name.has_escape &&
                     (name.name == u"get" || name.name == u"set")) &&
                    tok_.kind != TokenKind::kComma && tok_.kind != TokenKind::kColon &&
                    tok_.kind != TokenKind::kLParen && tok_.kind != TokenKind::kRBrace &&
                    tok_.kind != TokenKind::kAssign;
    if (accessor) {
      bool getter = name.name == u"get";
      SourcePos start = name.pos;
      ParsePropertyName(&name);
      property.kind = getter ? PropertyKind::kGetter : PropertyKind::kSetter;
      property.key = name.key;
      property.computed = name.computed;
      property.value = ParseMethod(getter ? FunctionKind::kGetter : FunctionKind::kSetter, start);
    } else if (tok_.kind == TokenKind::kLParen) {
      property.key = name.key;
      property.computed = name.computed;
      property.method = true;
      property.value = ParseMethod(FunctionKind::kMethod, name.pos);
    } else if (tok_.kind == TokenKind::kColon) {
      Next();
      property.key = name.key;
      property.computed = name.computed;
      property.value = ParseAssignment(true, errors);
      if (KeyIs(name, u"__proto__")) {
        property.kind = PropertyKind::kProto;
        if (has_proto) {
          RecordCoverError(errors, name.pos,
                           "Duplicate __proto__ fields are not allowed in object literals");
        }
        has_proto = true;
      }
    } else if (!name.computed &&
               (tok_.kind == TokenKind::kComma || tok_.kind == TokenKind::kRBrace ||
                tok_.kind == TokenKind::kAssign)) {
      // Shorthand `a` or (only in a pattern) `a = default`.
      if (name.token_kind != TokenKind::kIdentifier) {
        if (name.token_kind == TokenKind::kEscapedKeyword) {
          Fail(name.pos, "Keyword must not contain escaped characters");
        }
        if (name.token_kind == TokenKind::kString || name.token_kind == TokenKind::kNumber ||
            name.token_kind == TokenKind::kBigInt) {
          FailUnexpected();
        }
        FailWithName(name.pos, "Unexpected token ", name.name, "");
      }
      if (strict_ && IsStrictReservedWord(name.name)) {
        Fail(name.pos, "Unexpected strict mode reserved word");
      }
      if (name.name == u"arguments" && EnclosingNonArrow()->arguments_banned) {
        Fail(name.pos, "'arguments' is not allowed in class field initializer or static "
                       "initialization block");
      }
      CheckYieldAwaitName(name.pos, name.name, function_->is_generator, function_->is_async);
      if (name.name == u"await") RecordSuspendSite(SuspendSite::Kind::kAwaitIdentifier, name.pos);
      Identifier* id = New<Identifier>(name.pos);
      id->name = name.name;
      property.key = name.key;
      property.shorthand = true;
      if (tok_.kind == TokenKind::kAssign) {
        RecordCoverError(errors, name.pos, "Invalid shorthand property initializer");
        Next();
        AssignPattern* pattern = New<AssignPattern>(name.pos);
        pattern->target = id;
        pattern->default_value = ParseAssignment(true);
        property.value = pattern;
      } else {
        property.value = id;
      }
    } else {
      FailUnexpected();
    }
    object->properties.push_back(property);
    if (tok_.kind != TokenKind::kRBrace) Expect(TokenKind::kComma);
  }
  Next();
  return object;
}

TemplateLiteral* Parser::ParseTemplateLiteral(bool tagged) {
  TemplateLiteral* node = New<TemplateLiteral>(tok_.pos);
  for (;;) {
    if (!tok_.cooked_valid && !tagged) {
      Fail(tok_.invalid_escape_pos, tok_.invalid_escape_message);
    }
    node->cooked.push_back(tok_.cooked_valid ? tok_.value : std::u16string());
    node->cooked_valid.push_back(tok_.cooked_valid);
    node->raw.push_back(tok_.raw);
    if (tok_.kind == TokenKind::kTemplateTail) {
      Next();
      return node;
    }
    Next();  // the head or middle piece
    SourcePos expr_pos = tok_.pos;
    node->exprs.push_back(ParseExpression(true));
    if (tok_.kind != TokenKind::kRBrace) Fail(expr_pos, "Missing } in template expression");
    lexer_.RescanTemplateContinuation(&tok_);
    if (tok_.kind == TokenKind::kIllegal) FailUnexpected();
  }
}

}  // namespace jsvm
