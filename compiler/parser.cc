// The parser driver: tokens, errors, declarations and the program.
#include "compiler/parser.h"

#include <algorithm>
#include <limits>

#include "vm/execution/native-stack.h"
#include "vm/objects/unicode.h"

namespace jsvm {

ParseResult ParseProgram(std::u16string_view source, const ParseOptions& options) {
  Parser parser(source, options);
  return parser.Parse();
}

Parser::Parser(std::u16string_view source, const ParseOptions& options)
    : source_(source), lexer_(source), zone_(std::make_unique<AstZone>()), options_(options) {}

void Parser::ComputeStackLimit() {
  // Leave part of the stack unused: enough for the deepest single frame, for
  // reporting the error and for unwinding.
  constexpr size_t kReserve = 256 * 1024;
  stack_limit_ = StackLimitFrom(CurrentStackAddress(), 0, kReserve);
}

ParseResult Parser::Parse() {
  ParseResult result;
  ComputeStackLimit();
  try {
    if (source_.size() >= std::numeric_limits<uint32_t>::max()) {
      Fail(SourcePos{}, "Source is too large");
    }
    lexer_.set_module(options_.module);
    Next();
    Program* program = New<Program>(SourcePos{});
    FunctionLiteral* top = NewFunction(FunctionKind::kNormal, SourcePos{});
    program->top = top;

    FunctionState state;
    state.allow_new_target = options_.allow_new_target;
    state.allow_super_property = options_.allow_super_property;
    state.allow_super_call = options_.allow_super_call;
    state.arguments_banned = options_.arguments_banned;
    strict_ = options_.strict || options_.module;
    // Module code awaits at its top level.
    state.is_async = options_.module;
    function_ = &state;
    if (!options_.private_names.empty()) {
      private_scopes_.emplace_back();
      for (const std::u16string& name : options_.private_names) private_scopes_.back().declared.emplace(name, 1);
    }
    DeclScope* scope = PushScope(DeclScope::Kind::kFunction);
    if (options_.module) {
      module_state_ = &state;
      module_scope_ = scope;
    }
    ParseBody(&top->body, TokenKind::kEos, top, nullptr, true);
    if (options_.module) CheckLocalExports();
    top->calls_eval = state.calls_eval;
    if (!private_scopes_.empty()) {
      // Eval code in a class body: its private names are the class's.
      for (auto& [name, pos] : private_scopes_.back().unresolved) {
        if (!private_scopes_.back().declared.count(name)) {
          FailWithName(pos, "Private field ", name, " must be declared in an enclosing class");
        }
      }
    }
    PopScope(scope);
    function_ = nullptr;

    top->strict = strict_;
    top->source_start = 0;
    top->source_end = static_cast<uint32_t>(source_.size());
    top->end_pos = tok_.pos;
    program->body = top->body;
    program->strict = strict_;
    program->is_module = options_.module;
    program->has_top_level_await = top_level_await_;
    top->is_module = options_.module;
    // Module code is resumable: a generator that stops after its
    // declarations, or with top-level await an async function that does.
    top->is_async = top_level_await_;
    top->is_generator = options_.module && !top_level_await_;
    AssignFunctionIds();
    program->function_count = static_cast<uint32_t>(functions_.size());
    result.program = program;
  } catch (const Abort&) {
    result.error = error_;
  }
  result.zone = std::move(zone_);
  return result;
}

void Parser::AssignFunctionIds() {
  // Pre-order by where each function's text starts (arrows are created after
  // their parameters, so creation order is not enough). The top level is first.
  std::stable_sort(functions_.begin() + 1, functions_.end(),
                   [](const FunctionLiteral* a, const FunctionLiteral* b) {
                     return a->source_start < b->source_start;
                   });
  for (size_t i = 0; i < functions_.size(); ++i) {
    functions_[i]->function_id = static_cast<uint32_t>(i);
  }
}

// ------------------------------------------------------------------ errors

void Parser::Fail(SourcePos pos, const std::string& message) {
  ParseError error;
  error.kind = ParseErrorKind::kSyntaxError;
  error.message = message;
  error.pos = pos;
  error_ = std::move(error);
  throw Abort{};
}

void Parser::Fail(SourcePos pos, const char* message) { Fail(pos, std::string(message)); }

void Parser::FailIllegal(const Token& token) {
  ParseError error;
  error.kind = ParseErrorKind::kSyntaxError;
  error.message = token.error_message;
  error.pos = token.error_pos;
  error.unterminated = token.end >= source_.size();
  error_ = std::move(error);
  throw Abort{};
}

void Parser::FailWithName(SourcePos pos, const char* before, std::u16string_view name,
                          const char* after) {
  std::string message = before;
  message += '\'';
  message += Utf16ToUtf8(name);
  message += '\'';
  message += after;
  Fail(pos, message);
}

void Parser::FailUnexpectedText(SourcePos pos, const char* text) {
  std::string message = "Unexpected token '";
  message += text;
  message += '\'';
  Fail(pos, message);
}

void Parser::FailTooDeep() {
  ParseError error;
  error.kind = ParseErrorKind::kRangeError;
  error.message = "Maximum call stack size exceeded";
  error.pos = tok_.pos;
  error_ = std::move(error);
  throw Abort{};
}

void Parser::FailUnexpected(const Token& token) {
  switch (token.kind) {
    case TokenKind::kIllegal:
      FailIllegal(token);
    case TokenKind::kEos:
      Fail(token.pos, "Unexpected end of input");
    case TokenKind::kNumber:
    case TokenKind::kBigInt:
      Fail(token.pos, "Unexpected number");
    case TokenKind::kString:
      Fail(token.pos, "Unexpected string");
    case TokenKind::kTemplateSpan:
    case TokenKind::kTemplateTail:
      Fail(token.pos, "Unexpected template string");
    case TokenKind::kRegExp:
      Fail(token.pos, "Unexpected regular expression");
    case TokenKind::kIdentifier:
      if (strict_ && IsStrictReservedWord(token.value)) {
        Fail(token.pos, "Unexpected strict mode reserved word");
      }
      if (!token.has_escape &&
          (token.value == u"get" || token.value == u"set" || token.value == u"async")) {
        FailWithName(token.pos, "Unexpected token ", token.value, "");  // V8's wording
      }
      FailWithName(token.pos, "Unexpected identifier ", token.value, "");
    case TokenKind::kEscapedKeyword:
      Fail(token.pos, "Keyword must not contain escaped characters");
    case TokenKind::kEnum:
      Fail(token.pos, "Unexpected reserved word");
    default:
      FailUnexpectedText(token.pos, TokenText(token.kind));
  }
}

void Parser::RecordCoverError(CoverErrors* errors, SourcePos pos, const char* message) {
  if (errors == nullptr) Fail(pos, message);
  if (!errors->set) {
    errors->set = true;
    errors->pos = pos;
    errors->message = message;
  }
}

// ------------------------------------------------------------------ tokens

void Parser::Next() {
  prev_end_ = tok_.end;
  prev_end_pos_ = lexer_.PosAt(tok_.end);
  lexer_.Next(&tok_);
  if (tok_.kind == TokenKind::kIllegal) FailIllegal(tok_);
}

bool Parser::Accept(TokenKind kind) {
  if (tok_.kind != kind) return false;
  Next();
  return true;
}

void Parser::Expect(TokenKind kind) {
  if (tok_.kind != kind) FailUnexpected();
  Next();
}

void Parser::ExpectSemicolon() {
  if (tok_.kind == TokenKind::kSemicolon) {
    Next();
    return;
  }
  if (tok_.kind == TokenKind::kRBrace || tok_.kind == TokenKind::kEos || tok_.newline_before) {
    return;
  }
  if (await_identifier_end_ == prev_end_ && prev_end_ != 0 && !function_->is_async) {
    // `await x` outside an async function: V8 names the likely mistake.
    Fail(await_identifier_pos_,
         "await is only valid in async functions and the top level bodies of modules");
  }
  FailUnexpected();
}

TokenKind Parser::PeekKind(bool* newline_before) {
  Lexer::State saved = lexer_.Save();
  Token next;
  lexer_.Next(&next);
  lexer_.Restore(saved);
  if (newline_before != nullptr) *newline_before = next.newline_before;
  return next.kind;
}

void Parser::PeekTwoKinds(TokenKind* first, TokenKind* second) {
  Lexer::State saved = lexer_.Save();
  Token next;
  lexer_.Next(&next);
  *first = next.kind;
  lexer_.Next(&next);
  *second = next.kind;
  lexer_.Restore(saved);
}

bool Parser::AtAsyncFunction() {
  if (tok_.kind != TokenKind::kIdentifier || tok_.value != u"async") return false;
  bool newline = false;
  return PeekKind(&newline) == TokenKind::kFunction && !newline;
}

bool Parser::IsContextual(std::u16string_view word) const {
  return tok_.kind == TokenKind::kIdentifier && !tok_.has_escape && tok_.value == word;
}

StringLiteral* Parser::NewString(SourcePos pos, std::u16string value) {
  StringLiteral* node = New<StringLiteral>(pos);
  node->value = std::move(value);
  return node;
}

void Parser::CheckStrictOctal(const Token& token) {
  if (!strict_) return;
  switch (token.octal) {
    case OctalKind::kNone:
      return;
    case OctalKind::kOctalLiteral:
      Fail(token.octal_pos, "Octal literals are not allowed in strict mode.");
    case OctalKind::kLeadingZero:
      Fail(token.octal_pos, "Decimals with leading zeros are not allowed in strict mode.");
    case OctalKind::kOctalEscape:
      Fail(token.octal_pos, "Octal escape sequences are not allowed in strict mode.");
    case OctalKind::kEightNineEscape:
      Fail(token.octal_pos, "\\8 and \\9 are not allowed in strict mode.");
  }
}

// ------------------------------------------------------------------ declarations

Parser::DeclScope* Parser::PushScope(DeclScope::Kind kind) {
  // Scopes come from a free list (not the C++ stack, to keep the frames of
  // the recursive functions small, and reused, to keep their hash tables).
  DeclScope* scope;
  if (free_scopes_.empty()) {
    scope_pool_.push_back(std::make_unique<DeclScope>());
    scope = scope_pool_.back().get();
  } else {
    scope = free_scopes_.back();
    free_scopes_.pop_back();
  }
  scope->kind = kind;
  scope->outer = scope_;
  scope_ = scope;
  return scope;
}

void Parser::PopScope(DeclScope* scope) {
  scope_ = scope->outer;
  scope->lexical.clear();
  scope->vars.clear();
  scope->params.clear();
  scope->catch_param_is_pattern = false;
  free_scopes_.push_back(scope);
}

void Parser::FailRedeclared(const Identifier* name) {
  FailWithName(name->pos, "Identifier ", name->name, " has already been declared");
}

void Parser::DeclareVar(Identifier* name) {
  std::u16string_view n = name->name;
  for (DeclScope* s = scope_; s != nullptr; s = s->outer) {
    if (s->lexical.count(n) != 0) FailRedeclared(name);
    // Annex B: `catch (e) { var e; }` is allowed when e is a plain identifier.
    if (s->kind == DeclScope::Kind::kCatch && s->params.count(n) != 0 &&
        s->catch_param_is_pattern) {
      FailRedeclared(name);
    }
    s->vars.insert(n);
    if (s->kind == DeclScope::Kind::kFunction) break;
  }
}

void Parser::DeclareLexical(Identifier* name, LexicalKind kind) {
  std::u16string_view n = name->name;
  DeclScope* s = scope_;
  auto it = s->lexical.find(n);
  if (it != s->lexical.end()) {
    // Annex B: sloppy code may repeat a function declaration in a block.
    bool sloppy_functions = !strict_ && kind == LexicalKind::kFunction &&
                            it->second == LexicalKind::kFunction &&
                            s->kind != DeclScope::Kind::kFunction;
    if (!sloppy_functions) FailRedeclared(name);
    return;
  }
  if (s->vars.count(n) != 0) FailRedeclared(name);
  if ((s->kind == DeclScope::Kind::kFunction || s->kind == DeclScope::Kind::kCatch) &&
      s->params.count(n) != 0) {
    FailRedeclared(name);
  }
  s->lexical.emplace(n, kind);
}

void Parser::DeclareFunctionTopLevel(Identifier* name) {
  // Function declarations at the top of a function or script are var-like;
  // at the top of a module, lexical.
  if (options_.module && scope_ == module_scope_) {
    DeclareLexical(name, LexicalKind::kOtherFunction);
    return;
  }
  std::u16string_view n = name->name;
  if (scope_->lexical.count(n) != 0) FailRedeclared(name);
  scope_->vars.insert(n);
}

// ------------------------------------------------------------------ functions

Parser::FunctionState* Parser::EnclosingNonArrow() const {
  FunctionState* state = function_;
  while (state->is_arrow && state->outer != nullptr) state = state->outer;
  return state;
}

}  // namespace jsvm
