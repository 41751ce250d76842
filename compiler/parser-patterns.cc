// Binding patterns, and the conversion of expressions that turn out to be
// assignment targets or arrow-function parameters.
#include "compiler/parser.h"

namespace jsvm {

namespace {

constexpr const char* kInvalidDestructuringTarget = "Invalid destructuring assignment target";
constexpr const char* kRestNotLast = "Rest element must be last element";

}  // namespace

void Parser::CheckBindingName(const Identifier* name) {
  if (!strict_) return;
  if (IsStrictReservedWord(name->name)) Fail(name->pos, "Unexpected strict mode reserved word");
  if (name->name == u"eval" || name->name == u"arguments") {
    Fail(name->pos, "Unexpected eval or arguments in strict mode");
  }
}

void Parser::CheckYieldAwaitName(SourcePos pos, std::u16string_view name, bool yield_keyword,
                                 bool await_keyword) {
  if (name.size() != 5) return;
  if (options_.module && name == u"await") Fail(pos, "Unexpected reserved word");
  if (yield_keyword && name == u"yield") {
    if (strict_) Fail(pos, "Unexpected strict mode reserved word");
    FailWithName(pos, "Unexpected identifier ", name, "");
  }
  if (await_keyword && name == u"await") Fail(pos, "Unexpected reserved word");
}

bool Parser::IsYieldOrAwaitKeyword() const {
  return (function_->is_generator && IsContextual(u"yield")) ||
         (function_->is_async && IsContextual(u"await"));
}

Identifier* Parser::ParseBindingIdentifier() {
  return ParseBindingIdentifier(function_->is_generator, function_->is_async);
}

Identifier* Parser::ParseBindingIdentifier(bool yield_keyword, bool await_keyword) {
  if (tok_.kind != TokenKind::kIdentifier) FailUnexpected();
  Identifier* id = New<Identifier>(tok_.pos);
  id->name = tok_.value;
  CheckBindingName(id);
  CheckYieldAwaitName(id->pos, id->name, yield_keyword, await_keyword);
  if (id->name == u"await" && (function_->await_reserved || options_.module)) Fail(id->pos, "Unexpected reserved word");
  if (id->name == u"await") {
    RecordSuspendSite(SuspendSite::Kind::kAwaitIdentifier, id->pos);
    await_identifier_end_ = tok_.end;
    await_identifier_pos_ = tok_.pos;
  }
  Next();
  return id;
}

Pattern* Parser::ParseBindingTarget(bool nested) {
  DepthGuard guard(this);
  if (tok_.kind == TokenKind::kLBracket) return ParseArrayBindingPattern();
  if (tok_.kind == TokenKind::kLBrace) return ParseObjectBindingPattern();
  if (nested && (tok_.kind != TokenKind::kIdentifier || IsYieldOrAwaitKeyword())) {
    // V8 reads a pattern's element as an expression and then rejects it:
    // `let [1] = []` is an invalid target, not an unexpected number.
    SourcePos pos = tok_.pos;
    Node* e = ParseAssignment(true);
    Fail(pos, e->Is<Member>() || e->Is<Keyed>() ? "Illegal property in declaration context" : kInvalidDestructuringTarget);
  }
  return ParseBindingIdentifier();
}

Pattern* Parser::ParseBindingElement(bool nested) {
  SourcePos pos = tok_.pos;
  Pattern* target = ParseBindingTarget(nested);
  if (tok_.kind != TokenKind::kAssign) return target;
  Next();
  AssignPattern* pattern = New<AssignPattern>(pos);
  pattern->target = target;
  pattern->default_value = ParseAssignment(true);
  return pattern;
}

Pattern* Parser::ParseArrayBindingPattern() {
  ArrayPattern* pattern = New<ArrayPattern>(tok_.pos);
  Next();  // [
  while (tok_.kind != TokenKind::kRBracket) {
    if (tok_.kind == TokenKind::kComma) {
      pattern->elements.push_back(nullptr);
      Next();
      continue;
    }
    if (tok_.kind == TokenKind::kEllipsis) {
      RestElement* rest = New<RestElement>(tok_.pos);
      Next();
      rest->target = ParseBindingTarget(true);
      pattern->elements.push_back(rest);
      if (tok_.kind != TokenKind::kRBracket) Fail(rest->pos, kRestNotLast);
      break;
    }
    pattern->elements.push_back(ParseBindingElement(true));
    if (tok_.kind != TokenKind::kRBracket) Expect(TokenKind::kComma);
  }
  Next();  // ]
  return pattern;
}

Pattern* Parser::ParseObjectBindingPattern() {
  ObjectPattern* pattern = New<ObjectPattern>(tok_.pos);
  Next();  // {
  PropertyName name;
  while (tok_.kind != TokenKind::kRBrace) {
    if (tok_.kind == TokenKind::kEllipsis) {
      SourcePos rest_pos = tok_.pos;
      Next();
      if (tok_.kind != TokenKind::kIdentifier) {
        if (tok_.kind == TokenKind::kLBracket || tok_.kind == TokenKind::kLBrace) {
          Fail(tok_.pos, "`...` must be followed by an identifier in declaration contexts");
        }
        FailUnexpected();
      }
      if (IsYieldOrAwaitKeyword()) {
        // V8 reads it as an expression: yield is then no target, await wants an operand.
        SourcePos pos = tok_.pos;
        ParseAssignment(true);
        Fail(pos, kInvalidDestructuringTarget);
      }
      pattern->rest = ParseBindingIdentifier();
      if (tok_.kind != TokenKind::kRBrace) Fail(rest_pos, kRestNotLast);
      break;
    }
    PatternProperty property;
    property.pos = tok_.pos;
    ParsePropertyName(&name);
    property.key = name.key;
    property.computed = name.computed;
    if (Accept(TokenKind::kColon)) {
      property.value = ParseBindingElement(true);
    } else {
      // Shorthand `{a}` or `{a = default}`.
      if (name.computed || name.token_kind != TokenKind::kIdentifier) {
        if (name.token_kind == TokenKind::kEscapedKeyword) {
          Fail(name.pos, "Keyword must not contain escaped characters");
        }
        if (!name.computed && IsKeywordToken(name.token_kind)) {
          FailWithName(name.pos, "Unexpected token ", name.name, "");
        }
        FailUnexpected();
      }
      Identifier* id = New<Identifier>(name.pos);
      id->name = name.name;
      CheckBindingName(id);
      CheckYieldAwaitName(id->pos, id->name, function_->is_generator, function_->is_async);
      property.value = id;
      if (Accept(TokenKind::kAssign)) {
        AssignPattern* with_default = New<AssignPattern>(name.pos);
        with_default->target = id;
        with_default->default_value = ParseAssignment(true);
        property.value = with_default;
      }
    }
    pattern->properties.push_back(property);
    if (tok_.kind != TokenKind::kRBrace) Expect(TokenKind::kComma);
  }
  Next();  // }
  return pattern;
}

void Parser::CollectBoundNames(Pattern* pattern, std::vector<Identifier*>* names) {
  if (pattern == nullptr) return;
  switch (pattern->kind) {
    case NodeKind::kIdentifier:
      names->push_back(pattern->As<Identifier>());
      return;
    case NodeKind::kArrayPattern:
      for (Pattern* element : pattern->As<ArrayPattern>()->elements) {
        CollectBoundNames(element, names);
      }
      return;
    case NodeKind::kObjectPattern: {
      ObjectPattern* object = pattern->As<ObjectPattern>();
      for (PatternProperty& property : object->properties) CollectBoundNames(property.value, names);
      CollectBoundNames(object->rest, names);
      return;
    }
    case NodeKind::kAssignPattern:
      CollectBoundNames(pattern->As<AssignPattern>()->target, names);
      return;
    case NodeKind::kRestElement:
      CollectBoundNames(pattern->As<RestElement>()->target, names);
      return;
    default:
      return;  // Member and Keyed bind nothing
  }
}

bool Parser::IsPatternLiteral(const Node* node) const {
  return (node->Is<ArrayLiteral>() || node->Is<ObjectLiteral>()) && !IsParenthesized(node);
}

bool Parser::IsWebCompatCallTarget(const Expr* expr) const {
  return !strict_ && expr->Is<Call>() && !expr->As<Call>()->callee->Is<SuperExpression>();
}

Expr* Parser::CheckSimpleTarget(Expr* expr, const char* message, bool web_compat_call) {
  if (expr->Is<Identifier>()) {
    const std::u16string& name = expr->As<Identifier>()->name;
    if (strict_ && (name == u"eval" || name == u"arguments")) {
      Fail(expr->pos, "Unexpected eval or arguments in strict mode");
    }
    return expr;
  }
  if (expr->Is<Member>() || expr->Is<Keyed>()) return expr;
  if (web_compat_call && IsWebCompatCallTarget(expr)) return expr;
  Fail(expr->pos, message);
}

Pattern* Parser::ToAssignmentTarget(Expr* expr, bool nested) {
  DepthGuard guard(this);
  const char* message = nested ? kInvalidDestructuringTarget : "Invalid left-hand side in assignment";
  if (IsParenthesized(expr)) {
    // `(a) = 1` and `[(a.b)] = c` are fine; parenthesized patterns are not.
    if (expr->Is<Identifier>() || expr->Is<Member>() || expr->Is<Keyed>()) {
      return CheckSimpleTarget(expr, message);
    }
    Fail(expr->pos, message);
  }
  switch (expr->kind) {
    case NodeKind::kIdentifier:
    case NodeKind::kMember:
    case NodeKind::kKeyed:
      return CheckSimpleTarget(expr, message);
    case NodeKind::kArrayLiteral:
      return ToArrayAssignmentPattern(expr->As<ArrayLiteral>());
    case NodeKind::kObjectLiteral:
      return ToObjectAssignmentPattern(expr->As<ObjectLiteral>());
    case NodeKind::kAssignment: {
      // An element with a default: `[a = 1] = x` (its target is converted already).
      Assignment* assignment = expr->As<Assignment>();
      if (!nested || assignment->op != AssignOp::kAssign) Fail(expr->pos, message);
      AssignPattern* pattern = New<AssignPattern>(expr->pos);
      pattern->target = assignment->target;
      pattern->default_value = assignment->value;
      return pattern;
    }
    case NodeKind::kAssignPattern: {
      // A shorthand with a default: `{a = 1} = x`.
      AssignPattern* pattern = expr->As<AssignPattern>();
      if (!nested) Fail(expr->pos, message);
      CheckSimpleTarget(pattern->target, message);
      return pattern;
    }
    default:
      Fail(expr->pos, message);
  }
}

Pattern* Parser::ToArrayAssignmentPattern(ArrayLiteral* array) {
  ArrayPattern* pattern = New<ArrayPattern>(array->pos);
  size_t count = array->elements.size();
  pattern->elements.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    Expr* element = array->elements[i];
    if (element == nullptr) {
      pattern->elements.push_back(nullptr);
      continue;
    }
    if (element->Is<Spread>()) {
      if (i + 1 != count || spread_not_last_.count(array) != 0) Fail(element->pos, kRestNotLast);
      Expr* arg = element->As<Spread>()->arg;
      if (arg->Is<Assignment>() && !IsParenthesized(arg)) {
        Fail(element->pos, kInvalidDestructuringTarget);
      }
      RestElement* rest = New<RestElement>(element->pos);
      rest->target = ToAssignmentTarget(arg, true);
      pattern->elements.push_back(rest);
      continue;
    }
    pattern->elements.push_back(ToAssignmentTarget(element, true));
  }
  return pattern;
}

Pattern* Parser::ToObjectAssignmentPattern(ObjectLiteral* object) {
  ObjectPattern* pattern = New<ObjectPattern>(object->pos);
  size_t count = object->properties.size();
  for (size_t i = 0; i < count; ++i) {
    Property& property = object->properties[i];
    switch (property.kind) {
      case PropertyKind::kSpread: {
        if (i + 1 != count || spread_not_last_.count(object) != 0) {
          Fail(property.pos, kRestNotLast);
        }
        Expr* arg = property.value;
        bool simple = arg->Is<Identifier>() || arg->Is<Member>() || arg->Is<Keyed>();
        if (!simple) {
          Fail(arg->pos,
               "`...` must be followed by an assignable reference in assignment contexts");
        }
        pattern->rest = CheckSimpleTarget(arg, kInvalidDestructuringTarget);
        break;
      }
      case PropertyKind::kInit:
      case PropertyKind::kProto: {
        if (property.method) Fail(property.pos, kInvalidDestructuringTarget);
        PatternProperty target;
        target.key = property.key;
        target.computed = property.computed;
        target.pos = property.pos;
        target.value = ToAssignmentTarget(property.value, true);
        pattern->properties.push_back(target);
        break;
      }
      case PropertyKind::kGetter:
      case PropertyKind::kSetter:
        Fail(property.pos, kInvalidDestructuringTarget);
    }
  }
  return pattern;
}

Pattern* Parser::ToBindingPattern(Node* node) {
  DepthGuard guard(this);
  if (IsParenthesized(node)) Fail(node->pos, kInvalidDestructuringTarget);
  switch (node->kind) {
    case NodeKind::kIdentifier:
      CheckBindingName(node->As<Identifier>());
      return node;
    case NodeKind::kMember:
    case NodeKind::kKeyed:
      Fail(node->pos, "Illegal property in declaration context");
    case NodeKind::kAssignment: {
      Assignment* assignment = node->As<Assignment>();
      if (assignment->op != AssignOp::kAssign) Fail(node->pos, kInvalidDestructuringTarget);
      AssignPattern* pattern = New<AssignPattern>(node->pos);
      pattern->target = ToBindingPattern(assignment->target);
      pattern->default_value = assignment->value;
      return pattern;
    }
    case NodeKind::kAssignPattern: {
      AssignPattern* pattern = node->As<AssignPattern>();
      pattern->target = ToBindingPattern(pattern->target);
      return pattern;
    }
    case NodeKind::kArrayLiteral:
      return ToBindingPattern(ToArrayAssignmentPattern(node->As<ArrayLiteral>()));
    case NodeKind::kObjectLiteral:
      return ToBindingPattern(ToObjectAssignmentPattern(node->As<ObjectLiteral>()));
    case NodeKind::kArrayPattern:
      for (Pattern*& element : node->As<ArrayPattern>()->elements) {
        if (element != nullptr) element = ToBindingPattern(element);
      }
      return node;
    case NodeKind::kObjectPattern: {
      ObjectPattern* pattern = node->As<ObjectPattern>();
      for (PatternProperty& property : pattern->properties) {
        property.value = ToBindingPattern(property.value);
      }
      if (pattern->rest != nullptr) {
        if (!pattern->rest->Is<Identifier>()) {
          Fail(pattern->rest->pos,
               "`...` must be followed by an identifier in declaration contexts");
        }
        pattern->rest = ToBindingPattern(pattern->rest);
      }
      return node;
    }
    case NodeKind::kRestElement: {
      RestElement* rest = node->As<RestElement>();
      rest->target = ToBindingPattern(rest->target);
      return node;
    }
    default:
      Fail(node->pos, kInvalidDestructuringTarget);
  }
}

}  // namespace jsvm
