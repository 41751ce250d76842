#include "compiler/call-printer.h"

#include <vector>

#include "vm/execution/operations.h"

namespace jsvm {

namespace {

constexpr char16_t kIntermediate[] = u"(intermediate value)";

std::u16string Ascii(const std::string& s) { return std::u16string(s.begin(), s.end()); }

const char16_t* BinaryToken(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return u"+";
    case BinaryOp::kSub: return u"-";
    case BinaryOp::kMul: return u"*";
    case BinaryOp::kDiv: return u"/";
    case BinaryOp::kMod: return u"%";
    case BinaryOp::kExp: return u"**";
    case BinaryOp::kShl: return u"<<";
    case BinaryOp::kSar: return u">>";
    case BinaryOp::kShr: return u">>>";
    case BinaryOp::kBitAnd: return u"&";
    case BinaryOp::kBitOr: return u"|";
    case BinaryOp::kBitXor: return u"^";
    case BinaryOp::kEq: return u"==";
    case BinaryOp::kNe: return u"!=";
    case BinaryOp::kStrictEq: return u"===";
    case BinaryOp::kStrictNe: return u"!==";
    case BinaryOp::kLt: return u"<";
    case BinaryOp::kGt: return u">";
    case BinaryOp::kLe: return u"<=";
    case BinaryOp::kGe: return u">=";
    case BinaryOp::kIn: return u"in";
    case BinaryOp::kInstanceOf: return u"instanceof";
  }
  return u"?";
}

const char16_t* UnaryToken(UnaryOp op) {
  switch (op) {
    case UnaryOp::kMinus: return u"-";
    case UnaryOp::kPlus: return u"+";
    case UnaryOp::kNot: return u"!";
    case UnaryOp::kBitNot: return u"~";
    case UnaryOp::kTypeof: return u"typeof ";
    case UnaryOp::kVoid: return u"void ";
    case UnaryOp::kDelete: return u"delete ";
  }
  return u"?";
}

// V8 folds a left-leaning chain of one arithmetic, bitwise or logical
// operator into one n-ary node (`a + b + c`); comparisons and `**` stay binary.
bool IsNaryBinary(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: case BinaryOp::kSub: case BinaryOp::kMul: case BinaryOp::kDiv: case BinaryOp::kMod:
    case BinaryOp::kShl: case BinaryOp::kSar: case BinaryOp::kShr:
    case BinaryOp::kBitAnd: case BinaryOp::kBitOr: case BinaryOp::kBitXor:
      return true;
    default:
      return false;
  }
}

class Printer {
 public:
  explicit Printer(CallPrintMode mode) : mode_(mode) {}

  // Appends `e`; what V8 does not print becomes "(intermediate value)".
  void Print(const Expr* e) {
    size_t before = out_.size();
    Visit(e);
    if (out_.size() == before) out_ += kIntermediate;
  }

  std::u16string Take() { return std::move(out_); }

 private:
  void Literal(const Expr* e) {
    if (auto* s = e->As<StringLiteral>()) out_ += u"\"" + s->value + u"\"";
    else if (auto* n = e->As<NumberLiteral>()) out_ += Ascii(NumberToStdString(n->value));
  }

  // The parts of a left-leaning chain `a op b op c` (same operator).
  template <class N, class Op>
  void Chain(const N* n, Op op, const char16_t* token, bool nary) {
    std::vector<const Expr*> parts;
    const Expr* left = n;
    while (true) {
      auto* b = left->As<N>();
      if (!b || b->op != op || (!nary && b != n)) break;
      parts.push_back(b->right);
      left = b->left;
    }
    out_ += u"(";
    Print(left);
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
      out_ += u" ";
      out_ += token;
      out_ += u" ";
      Print(*it);
    }
    out_ += u")";
  }

  // V8's parser folds a unary operator on a literal (`-1`, `!0`) into a
  // literal; prints that and returns true.
  bool FoldUnary(const Unary* u) {
    const Expr* x = u->operand;
    if (u->op == UnaryOp::kNot) {
      bool falsy;
      if (auto* n = x->As<NumberLiteral>()) falsy = n->value == 0 || n->value != n->value;
      else if (auto* s = x->As<StringLiteral>()) falsy = s->value.empty();
      else if (auto* b = x->As<BooleanLiteral>()) falsy = !b->value;
      else if (x->Is<NullLiteral>()) falsy = true;
      else return false;
      out_ += falsy ? u"true" : u"false";
      return true;
    }
    auto* n = x->As<NumberLiteral>();
    if (!n) return false;
    double v = n->value;
    switch (u->op) {
      case UnaryOp::kPlus: break;
      case UnaryOp::kMinus: v = -v; break;
      case UnaryOp::kBitNot: v = ~DoubleToInt32(v); break;
      default: return false;
    }
    out_ += Ascii(NumberToStdString(v));
    return true;
  }

  void Visit(const Expr* e) {
    switch (e->kind) {
      case NodeKind::kIdentifier: out_ += e->As<Identifier>()->name; return;
      case NodeKind::kThisExpression: out_ += u"this"; return;
      case NodeKind::kNumberLiteral: case NodeKind::kStringLiteral: Literal(e); return;
      case NodeKind::kNullLiteral: out_ += u"null"; return;
      case NodeKind::kBooleanLiteral: out_ += e->As<BooleanLiteral>()->value ? u"true" : u"false"; return;
      case NodeKind::kRegExpLiteral: {
        auto* r = e->As<RegExpLiteral>();
        out_ += u"/" + r->pattern + u"/" + r->flags;
        return;
      }
      case NodeKind::kTemplateLiteral: {
        // V8 prints the substitutions only: `a${x}b` is "x"; without any
        // the template is a string literal.
        auto* t = e->As<TemplateLiteral>();
        if (t->exprs.empty() && !t->cooked.empty()) out_ += u"\"" + t->cooked[0] + u"\"";
        for (const Expr* x : t->exprs) Print(x);
        return;
      }
      case NodeKind::kMember: {
        auto* m = e->As<Member>();
        Print(m->object);
        out_ += m->optional ? u"?." : u".";
        out_ += m->name;
        return;
      }
      case NodeKind::kKeyed: {
        auto* k = e->As<Keyed>();
        Print(k->object);
        if (auto* s = k->key->As<StringLiteral>()) {  // o["x"] prints as o.x
          out_ += k->optional ? u"?." : u".";
          out_ += s->value;
          return;
        }
        out_ += k->optional ? u"?.[" : u"[";
        Print(k->key);
        out_ += u"]";
        return;
      }
      case NodeKind::kCall: {
        auto* c = e->As<struct Call>();
        if (c->callee->Is<SuperExpression>()) return;
        Print(c->callee);
        if (mode_ == CallPrintMode::kCall) out_ += u"(...)";
        return;
      }
      case NodeKind::kTaggedTemplate:
        Print(e->As<TaggedTemplate>()->tag);
        if (mode_ == CallPrintMode::kCall) out_ += u"(...)";
        return;
      case NodeKind::kOptionalChain: Print(e->As<OptionalChain>()->expr); return;
      case NodeKind::kUnary: {
        auto* u = e->As<Unary>();
        if (FoldUnary(u)) return;
        out_ += u"(";
        out_ += UnaryToken(u->op);
        Print(u->operand);
        out_ += u")";
        return;
      }
      case NodeKind::kUpdate: {
        auto* u = e->As<Update>();
        const char16_t* op = u->increment ? u"++" : u"--";
        out_ += u"(";
        if (u->prefix) out_ += op;
        Print(u->target);
        if (!u->prefix) out_ += op;
        out_ += u")";
        return;
      }
      case NodeKind::kBinary: {
        auto* b = e->As<Binary>();
        Chain(b, b->op, BinaryToken(b->op), IsNaryBinary(b->op));
        return;
      }
      case NodeKind::kLogical: {
        auto* l = e->As<Logical>();
        Chain(l, l->op, l->op == LogicalOp::kAnd ? u"&&" : l->op == LogicalOp::kOr ? u"||" : u"??", true);
        return;
      }
      case NodeKind::kSequence: {
        auto* s = e->As<Sequence>();
        out_ += u"(";
        for (size_t i = 0; i < s->exprs.size(); ++i) {
          if (i) out_ += u" , ";
          Print(s->exprs[i]);
        }
        out_ += u")";
        return;
      }
      case NodeKind::kAssignment: Print(e->As<Assignment>()->target); return;  // V8 prints the target only
      case NodeKind::kConditional:
        // V8 visits the three parts without printing them.
        for (int i = 0; i < 3; ++i) out_ += kIntermediate;
        return;
      case NodeKind::kArrayLiteral: {
        auto* a = e->As<ArrayLiteral>();
        out_ += u"[";
        for (size_t i = 0; i < a->elements.size(); ++i) {
          if (i) out_ += u",";
          if (a->elements[i]) Print(a->elements[i]);
          else out_ += kIntermediate;
        }
        out_ += u"]";
        return;
      }
      case NodeKind::kObjectLiteral: {
        // V8 visits each value without printing it.
        out_ += u"{";
        for (size_t i = 0; i < e->As<ObjectLiteral>()->properties.size(); ++i) out_ += kIntermediate;
        out_ += u"}";
        return;
      }
      case NodeKind::kSpread:
        out_ += u"(...";
        Print(e->As<Spread>()->arg);
        out_ += u")";
        return;
      default:
        return;  // functions, classes, new, super, new.target: "(intermediate value)"
    }
  }

  CallPrintMode mode_;
  std::u16string out_;
};

}  // namespace

std::u16string PrintCallSite(const Expr* e, CallPrintMode mode) {
  Printer p(mode);
  p.Print(e);
  return p.Take();
}

CallSiteKind IterationSiteKind(const Expr* subject) {
  auto* c = subject->As<struct Call>();
  bool call = (c && !c->callee->Is<SuperExpression>()) || subject->Is<TaggedTemplate>();
  return call ? CallSiteKind::kCallIterable : CallSiteKind::kIterable;
}

std::u16string PrintIterationSubject(const Expr* subject) {
  if (auto* c = subject->As<struct Call>(); c && !c->callee->Is<SuperExpression>()) {
    return PrintCallSite(c->callee, CallPrintMode::kIterator);
  }
  if (auto* t = subject->As<TaggedTemplate>()) return PrintCallSite(t->tag, CallPrintMode::kIterator);
  return PrintCallSite(subject, CallPrintMode::kIterator);
}

}  // namespace jsvm
