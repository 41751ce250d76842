// The parser: module code. Import and export declarations (module top level
// only), import attributes, import() and import.meta, and the module's
// early errors (duplicate exports, exports of undeclared names).
#include "compiler/parser.h"

#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

// Whether `s` is well-formed UTF-16 (no lone surrogate): what a string may
// be when it names an export.
bool IsWellFormed(std::u16string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    char16_t c = s[i];
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
        ++i;
        continue;
      }
      return false;
    }
    if (c >= 0xDC00 && c <= 0xDFFF) return false;
  }
  return true;
}

}  // namespace

bool Parser::AtModuleTopLevel() const {
  return options_.module && function_ == module_state_ && scope_ == module_scope_;
}

std::u16string Parser::ParseModuleExportName(bool* is_string, bool* is_reserved) {
  *is_string = tok_.kind == TokenKind::kString;
  *is_reserved = tok_.kind != TokenKind::kIdentifier && tok_.kind != TokenKind::kString;
  if (*is_string) {
    if (!IsWellFormed(tok_.value)) Fail(tok_.pos, "Invalid module export name: contains unpaired surrogate");
    std::u16string name = tok_.value;
    Next();
    return name;
  }
  if (tok_.kind == TokenKind::kIdentifier && tok_.has_escape) *is_reserved = IsStrictReservedWord(tok_.value);
  return ParseIdentifierName();
}

std::u16string Parser::ParseModuleSpecifier() {
  if (tok_.kind != TokenKind::kString) FailUnexpected();
  std::u16string specifier = tok_.value;
  Next();
  return specifier;
}

std::u16string Parser::ParseImportAttributes() {
  // `with { type: 'json' }` (or the older `assert { ... }` on the same line).
  bool with = tok_.kind == TokenKind::kWith;
  if (!with && !(IsContextual(u"assert") && !tok_.newline_before)) return {};
  Next();
  Expect(TokenKind::kLBrace);
  std::u16string type;
  std::unordered_set<std::u16string> keys;
  while (tok_.kind != TokenKind::kRBrace) {
    SourcePos pos = tok_.pos;
    std::u16string key;
    if (tok_.kind == TokenKind::kString) {
      key = tok_.value;
      Next();
    } else {
      key = ParseIdentifierName();
    }
    if (!keys.insert(key).second) Fail(pos, "Import attribute has duplicate key '" + Utf16ToUtf8(key) + "'");
    Expect(TokenKind::kColon);
    if (tok_.kind != TokenKind::kString) FailUnexpected();
    if (key == u"type") type = tok_.value;
    Next();
    if (!Accept(TokenKind::kComma)) break;
  }
  Expect(TokenKind::kRBrace);
  return type;
}

Identifier* Parser::ParseImportedBinding() {
  Identifier* local = ParseBindingIdentifier();
  DeclareLexical(local, LexicalKind::kConst);
  return local;
}

Stmt* Parser::ParseImportDeclaration() {
  ImportDecl* decl = New<ImportDecl>(tok_.pos);
  Next();  // import
  if (tok_.kind == TokenKind::kString) {
    decl->specifier = ParseModuleSpecifier();
    decl->type_attribute = ParseImportAttributes();
  } else {
    bool need_more = true;
    if (tok_.kind == TokenKind::kIdentifier) {
      ImportBinding binding;
      binding.pos = tok_.pos;
      binding.import_name = u"default";
      binding.local = ParseImportedBinding();
      decl->bindings.push_back(binding);
      need_more = Accept(TokenKind::kComma);
    }
    if (need_more && tok_.kind == TokenKind::kMul) {
      ImportBinding binding;
      binding.pos = tok_.pos;
      Next();
      if (!IsContextual(u"as")) FailUnexpected();
      Next();
      binding.is_namespace = true;
      binding.local = ParseImportedBinding();
      decl->bindings.push_back(binding);
    } else if (need_more && tok_.kind == TokenKind::kLBrace) {
      Next();
      while (tok_.kind != TokenKind::kRBrace) {
        ImportBinding binding;
        binding.pos = tok_.pos;
        Token name_token = tok_;
        bool is_string = false, is_reserved = false;
        binding.import_name = ParseModuleExportName(&is_string, &is_reserved);
        if (IsContextual(u"as")) {
          Next();
          binding.local = ParseImportedBinding();
        } else {
          // `{ x }` binds x itself: it must be a valid binding name.
          if (is_string) FailUnexpected();
          if (is_reserved || name_token.kind != TokenKind::kIdentifier) FailUnexpected(name_token);
          Identifier* local = New<Identifier>(name_token.pos);
          local->name = binding.import_name;
          CheckBindingName(local);
          CheckYieldAwaitName(local->pos, local->name, false, true);
          DeclareLexical(local, LexicalKind::kConst);
          binding.local = local;
        }
        decl->bindings.push_back(binding);
        if (!Accept(TokenKind::kComma)) break;
      }
      Expect(TokenKind::kRBrace);
    } else if (need_more) {
      FailUnexpected();
    }
    ParseFromClause(&decl->specifier, &decl->type_attribute);
  }
  ExpectSemicolon();
  return decl;
}

void Parser::ParseFromClause(std::u16string* specifier, std::u16string* type) {
  if (!IsContextual(u"from")) FailUnexpected();
  Next();
  *specifier = ParseModuleSpecifier();
  *type = ParseImportAttributes();
}

void Parser::AddExportName(const std::u16string& name, SourcePos pos) {
  if (!exported_names_.insert(name).second) {
    FailWithName(pos, "Duplicate export of ", name, "");
  }
}

Stmt* Parser::ParseExportDeclaration() {
  ExportDecl* decl = New<ExportDecl>(tok_.pos);
  Next();  // export
  switch (tok_.kind) {
    case TokenKind::kMul: {
      Next();
      decl->export_kind = ExportKind::kStar;
      if (IsContextual(u"as")) {
        Next();
        SourcePos pos = tok_.pos;
        bool is_string = false, is_reserved = false;
        decl->star_name = ParseModuleExportName(&is_string, &is_reserved);
        decl->export_kind = ExportKind::kStarAs;
        AddExportName(decl->star_name, pos);
      }
      ParseFromClause(&decl->specifier, &decl->type_attribute);
      ExpectSemicolon();
      return decl;
    }
    case TokenKind::kLBrace: {
      Next();
      // A local export list may name neither strings nor reserved words;
      // known only once `from` is seen or not.
      std::optional<Token> bad_local;
      while (tok_.kind != TokenKind::kRBrace) {
        ExportSpecifier spec;
        spec.pos = tok_.pos;
        Token local_token = tok_;
        bool is_string = false, is_reserved = false;
        spec.local_name = ParseModuleExportName(&is_string, &is_reserved);
        if ((is_string || is_reserved) && !bad_local) bad_local = local_token;
        spec.export_name = spec.local_name;
        if (IsContextual(u"as")) {
          Next();
          bool s2 = false, r2 = false;
          spec.pos = tok_.pos;
          spec.export_name = ParseModuleExportName(&s2, &r2);
        }
        decl->specifiers.push_back(spec);
        if (!Accept(TokenKind::kComma)) break;
      }
      Expect(TokenKind::kRBrace);
      if (IsContextual(u"from")) {
        decl->export_kind = ExportKind::kFrom;
        ParseFromClause(&decl->specifier, &decl->type_attribute);
      } else {
        decl->export_kind = ExportKind::kNamed;
        if (bad_local) FailUnexpected(*bad_local);
        for (ExportSpecifier& spec : decl->specifiers) {
          spec.local = New<Identifier>(spec.pos);
          spec.local->name = spec.local_name;
          local_exports_.push_back(spec.local);
        }
      }
      for (const ExportSpecifier& spec : decl->specifiers) AddExportName(spec.export_name, spec.pos);
      ExpectSemicolon();
      return decl;
    }
    case TokenKind::kDefault: {
      SourcePos default_pos = tok_.pos;
      Next();
      decl->export_kind = ExportKind::kDefault;
      AddExportName(u"default", default_pos);
      bool function = tok_.kind == TokenKind::kFunction || AtAsyncFunction();
      if (function) {
        // A declaration, hoisted like any other; anonymous, it binds `.default`.
        bool is_async = tok_.kind != TokenKind::kFunction;
        TokenKind after_function, after_star;
        if (is_async) {
          PeekTwoKinds(&after_function, &after_star);
        } else {
          after_function = PeekKind();
          after_star = after_function;
        }
        bool anonymous = is_async ? (after_star == TokenKind::kLParen ||
                                     (after_star == TokenKind::kMul && PeekThirdIsLParen()))
                                  : (after_function == TokenKind::kLParen ||
                                     (after_function == TokenKind::kMul && PeekThirdIsLParen()));
        if (anonymous) {
          decl->declaration = ParseAnonymousDefaultFunction();
        } else {
          decl->declaration = ParseFunctionDeclaration(false);
        }
        return decl;
      }
      if (tok_.kind == TokenKind::kClass) {
        TokenKind next = PeekKind();
        bool named = next == TokenKind::kIdentifier;
        if (named) {
          ClassDecl* cls = New<ClassDecl>(tok_.pos);
          cls->cls = ParseClass(true);
          decl->declaration = cls;
          return decl;
        }
      }
      // An expression, or `export default class {}` (a declaration, so no
      // semicolon follows): bound to `.default`, an anonymous function or
      // class named "default".
      bool anonymous_class = tok_.kind == TokenKind::kClass;
      decl->value = anonymous_class ? ParseClass(false) : ParseAssignment(true);
      Identifier* binding = New<Identifier>(default_pos);
      binding->name = u".default";
      DeclareLexical(binding, LexicalKind::kConst);
      decl->default_binding = binding;
      if (!anonymous_class) ExpectSemicolon();
      return decl;
    }
    case TokenKind::kVar:
    case TokenKind::kConst:
    case TokenKind::kClass:
    case TokenKind::kFunction:
    case TokenKind::kIdentifier: {
      if (tok_.kind == TokenKind::kIdentifier && !AtAsyncFunction() &&
          !(IsContextual(u"let") && NextIsLetDeclaration())) {
        FailUnexpected();
      }
      decl->export_kind = ExportKind::kDeclaration;
      Stmt* s = tok_.kind == TokenKind::kVar ? ParseStatement(StatementContext::kListItem) : ParseStatementListItem();
      decl->declaration = s;
      std::vector<Identifier*> names;
      if (auto* v = s->As<VarDecl>()) {
        for (Declarator& d : v->declarators) CollectBoundNames(d.target, &names);
      } else if (auto* f = s->As<FunctionDecl>()) {
        names.push_back(f->fn->name);
      } else if (auto* c = s->As<ClassDecl>()) {
        names.push_back(c->cls->name);
      }
      for (Identifier* id : names) AddExportName(id->name, id->pos);
      return decl;
    }
    default:
      FailUnexpected();
  }
}

Stmt* Parser::ParseAnonymousDefaultFunction() {
  SourcePos start = tok_.pos;
  bool is_async = tok_.kind != TokenKind::kFunction;
  if (is_async) Next();  // async
  Next();                // function
  FunctionLiteral* fn = NewFunction(FunctionKind::kNormal, start);
  fn->is_async = is_async;
  fn->is_generator = Accept(TokenKind::kMul);
  fn->is_declaration = true;
  fn->default_export = true;
  Identifier* name = New<Identifier>(start);
  name->name = u".default";
  DeclareLexical(name, LexicalKind::kOtherFunction);
  fn->name = name;
  ParseFunctionRest(fn);
  FunctionDecl* decl = New<FunctionDecl>(start);
  decl->fn = fn;
  return decl;
}

bool Parser::PeekThirdIsLParen() {
  // tok_ is `function` or `async`; the token after the `*` that follows it.
  Lexer::State saved = lexer_.Save();
  Token t1, t2, t3;
  lexer_.Next(&t1);
  if (tok_.kind != TokenKind::kFunction) lexer_.Next(&t2);  // async function *
  lexer_.Next(&t3);
  lexer_.Restore(saved);
  return t3.kind == TokenKind::kLParen;
}

void Parser::CheckLocalExports() {
  for (Identifier* id : local_exports_) {
    if (module_scope_->lexical.count(id->name) == 0 && module_scope_->vars.count(id->name) == 0) {
      FailWithName(id->pos, "Export ", id->name, " is not defined in module");
    }
  }
}

Expr* Parser::ParseImportExpression() {
  SourcePos pos = tok_.pos;
  Next();  // import
  if (tok_.kind == TokenKind::kPeriod) {
    Next();
    if (!IsContextual(u"meta")) FailUnexpected();
    if (!options_.module) Fail(pos, "Cannot use 'import.meta' outside a module");
    Next();
    return New<ImportMeta>(pos);
  }
  if (tok_.kind != TokenKind::kLParen) FailUnexpected();
  Next();
  ImportCall* call = New<ImportCall>(pos);
  if (tok_.kind == TokenKind::kRParen) Fail(tok_.pos, "import() requires a specifier");
  if (tok_.kind == TokenKind::kEllipsis) FailUnexpected();
  call->specifier = ParseAssignment(true);
  if (Accept(TokenKind::kComma) && tok_.kind != TokenKind::kRParen) {
    if (tok_.kind == TokenKind::kEllipsis) FailUnexpected();
    call->options = ParseAssignment(true);
    Accept(TokenKind::kComma);
  }
  Expect(TokenKind::kRParen);
  return call;
}

}  // namespace jsvm
