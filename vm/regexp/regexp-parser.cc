// The regexp parser: pattern text -> Tree (regexp-ast.h), with the early
// errors of ECMAScript's Pattern grammar and, without u or v, the Annex B
// extensions node accepts (legacy octal escapes, identity escapes, literal
// braces, quantified lookaheads, \c outside a control letter). Messages are
// V8's. Nesting is bounded (kMaxDepth), so a pattern nested 100,000 deep is
// a SyntaxError, never a deep C++ recursion.
#include <algorithm>
#include <climits>
#include <cstring>

#include "vm/regexp/regexp-ast.h"
#include "vm/regexp/regexp.h"

namespace jsvm::regexp {

namespace {

// Groups, classes and lookarounds nested deeper than this are "Regular
// expression too large": the parser and the compiler recurse once per level.
constexpr int kMaxDepth = 1000;
constexpr uint32_t kMaxCaptures = 1 << 16;
constexpr int32_t kInfinity = -1;
constexpr char32_t kEnd = 0xFFFFFFFF;

struct ParseError {
  const char* message;
};

bool IsSyntaxChar(char32_t c) { return c < 128 && std::strchr("^$\\.*+?()[]{}|", static_cast<int>(c)) && c != 0; }
bool IsDecimal(char32_t c) { return c >= '0' && c <= '9'; }
int HexValue(char32_t c) {
  if (c >= '0' && c <= '9') return static_cast<int>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<int>(c - 'a' + 10);
  if (c >= 'A' && c <= 'F') return static_cast<int>(c - 'A' + 10);
  return -1;
}
bool IsAsciiLetter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

void AddClassEscape(char32_t c, bool unicode_ignore_case, CharSet* set) {
  CharSet s;
  switch (c) {
    case 'd': case 'D':
      s.Add('0', '9');
      break;
    case 's': case 'S':
      for (char32_t w : {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
                         0x3000, 0xFEFF}) {
        s.Add(w, w);
      }
      s.Add(0x2000, 0x200A);
      break;
    default:  // w, W
      s.Add('0', '9');
      s.Add('A', 'Z');
      s.Add('_', '_');
      s.Add('a', 'z');
      if (unicode_ignore_case) {  // WordCharacters: what canonicalizes into the basic ones
        s.Add(0x017F, 0x017F);
        s.Add(0x212A, 0x212A);
      }
      break;
  }
  s.Normalize();
  if (c == 'D' || c == 'S' || c == 'W') s = s.Complement();
  set->AddSet(s);
}

class Parser {
 public:
  Parser(std::u16string_view src, uint16_t flags, Tree* tree)
      : src_(src), tree_(tree), unicode_((flags & (kRegExpUnicode | kRegExpUnicodeSets)) != 0),
        sets_((flags & kRegExpUnicodeSets) != 0), ignore_case_((flags & kRegExpIgnoreCase) != 0) {}

  void Parse() {
    Prescan();
    tree_->group_names.assign(1, u"");
    named_paths_.assign(1, {});
    Node* root = ParseDisjunction(0);
    if (pos_ < src_.size()) {
      // Only a ')' stops a disjunction before the end.
      throw ParseError{"Unmatched ')'"};
    }
    for (Node* ref : named_refs_) {
      std::vector<int32_t> groups;
      for (size_t i = 1; i < tree_->group_names.size(); ++i) {
        if (tree_->group_names[i] == ref->name) groups.push_back(static_cast<int32_t>(i));
      }
      if (groups.empty()) throw ParseError{"Invalid named capture referenced"};
      ref->value = groups[0];
      if (groups.size() > 1) {
        // Duplicate names: at most one of the groups participates, and an
        // unmatched group's backreference matches empty, so the reference is
        // each of them in turn.
        ref->kind = NodeKind::kSeq;
        for (int32_t g : groups) {
          Node* b = New(NodeKind::kBackref);
          b->value = g;
          ref->kids.push_back(b);
        }
      }
    }
    tree_->root = root;
    tree_->capture_count = captures_;
  }

 private:
  // ---- reading the source (code points with u/v, else code units)
  char32_t PeekAt(size_t p, size_t* len = nullptr) const {
    if (p >= src_.size()) return kEnd;
    char16_t c = src_[p];
    if (unicode_ && c >= 0xD800 && c <= 0xDBFF && p + 1 < src_.size() && src_[p + 1] >= 0xDC00 &&
        src_[p + 1] <= 0xDFFF) {
      if (len) *len = 2;
      return 0x10000 + ((c - 0xD800) << 10) + (src_[p + 1] - 0xDC00);
    }
    if (len) *len = 1;
    return c;
  }
  char32_t Peek() const { return PeekAt(pos_); }
  char32_t Next() {
    size_t len = 1;
    char32_t c = PeekAt(pos_, &len);
    pos_ += len;
    return c;
  }
  bool Eat(char32_t c) {
    if (Peek() != c) return false;
    Next();
    return true;
  }
  bool LookingAt(const char* s) const {
    size_t n = std::strlen(s);
    if (pos_ + n > src_.size()) return false;
    for (size_t i = 0; i < n; ++i) {
      if (src_[pos_ + i] != static_cast<char16_t>(s[i])) return false;
    }
    return true;
  }

  // Counts the capturing groups and notes whether any is named, as the
  // grammar's parameters need before parsing (\1 forward references, \k).
  void Prescan() {
    bool in_class = false;
    for (size_t i = 0; i < src_.size(); ++i) {
      char16_t c = src_[i];
      if (c == '\\') {
        ++i;
      } else if (c == '[') {
        in_class = true;  // nested classes (v) do not change what is a group
      } else if (c == ']') {
        in_class = false;
      } else if (c == '(' && !in_class) {
        if (i + 1 < src_.size() && src_[i + 1] == '?') {
          if (i + 2 < src_.size() && src_[i + 2] == '<' && i + 3 < src_.size() && src_[i + 3] != '=' &&
              src_[i + 3] != '!') {
            ++total_groups_;
            has_named_ = true;
          }
        } else {
          ++total_groups_;
        }
      }
    }
    if (unicode_) has_named_ = true;  // \k is always a reference with u/v
  }

  Node* New(NodeKind k) { return tree_->New(k); }

  // ---- Disjunction, Alternative, Term
  Node* ParseDisjunction(int depth) {
    if (depth > kMaxDepth) throw ParseError{"Regular expression too large"};
    // Where named groups are, for MightBothParticipate: this disjunction and its alternative.
    alt_path_.push_back({next_disjunction_++, 0});
    Node* first = ParseAlternative(depth);
    Node* result = first;
    if (Peek() == '|') {
      result = New(NodeKind::kAlt);
      result->kids.push_back(first);
      while (Eat('|')) {
        ++alt_path_.back().second;
        result->kids.push_back(ParseAlternative(depth));
      }
    }
    alt_path_.pop_back();
    return result;
  }

  Node* ParseAlternative(int depth) {
    Node* seq = New(NodeKind::kSeq);
    for (;;) {
      char32_t c = Peek();
      if (c == kEnd || c == '|' || c == ')') break;
      seq->kids.push_back(ParseTerm(depth));
    }
    if (seq->kids.size() == 1) return seq->kids[0];
    return seq;
  }

  Node* ParseTerm(int depth) {
    char32_t c = Peek();
    if (c == '^' || c == '$') {
      Next();
      Node* a = New(NodeKind::kAssert);
      a->value = c == '^' ? kAssertStart : kAssertEnd;
      RejectQuantifier();
      return a;
    }
    if (c == '\\' && (PeekAt(pos_ + 1) == 'b' || PeekAt(pos_ + 1) == 'B')) {
      pos_ += 2;
      Node* a = New(NodeKind::kAssert);
      a->value = src_[pos_ - 1] == 'b' ? kAssertWordBoundary : kAssertNotWordBoundary;
      RejectQuantifier();
      return a;
    }
    if (LookingAt("(?=") || LookingAt("(?!") || LookingAt("(?<=") || LookingAt("(?<!")) {
      bool behind = src_[pos_ + 2] == '<';
      bool negated = src_[pos_ + (behind ? 3 : 2)] == '!';
      pos_ += behind ? 4 : 3;
      Node* look = New(NodeKind::kLook);
      look->behind = behind;
      look->negated = negated;
      int32_t first_capture = static_cast<int32_t>(captures_) + 1;
      look->kids.push_back(ParseDisjunction(depth + 1));
      if (!Eat(')')) throw ParseError{"Unterminated group"};
      look->capture_from = first_capture;
      look->capture_to = static_cast<int32_t>(captures_);
      if (behind || unicode_) {
        RejectQuantifier();
        return look;
      }
      return ParseQuantifier(look, first_capture);  // Annex B: QuantifiableAssertion
    }
    int32_t first_capture = static_cast<int32_t>(captures_) + 1;
    Node* atom = ParseAtom(depth);
    return ParseQuantifier(atom, first_capture);
  }

  // Reads {n}, {n,} or {n,m} at pos_; false (pos_ unchanged) when there is none.
  bool ReadBraces(int32_t* min, int32_t* max) {
    size_t save = pos_;
    if (!Eat('{')) return false;
    auto read_int = [&](int32_t* out) {
      if (!IsDecimal(Peek())) return false;
      int64_t v = 0;
      while (IsDecimal(Peek())) {
        v = std::min<int64_t>(v * 10 + (Next() - '0'), INT32_MAX);
      }
      *out = static_cast<int32_t>(v);
      return true;
    };
    if (!read_int(min)) {
      pos_ = save;
      return false;
    }
    *max = *min;
    if (Eat(',')) {
      if (Peek() == '}') *max = kInfinity;
      else if (!read_int(max)) {
        pos_ = save;
        return false;
      }
    }
    if (!Eat('}')) {
      pos_ = save;
      return false;
    }
    return true;
  }

  bool AtQuantifier() {
    char32_t c = Peek();
    if (c == '*' || c == '+' || c == '?') return true;
    if (c != '{') return false;
    size_t save = pos_;
    int32_t a, b;
    bool ok = ReadBraces(&a, &b);
    pos_ = save;
    return ok || unicode_;
  }

  void RejectQuantifier() {
    if (AtQuantifier()) throw ParseError{"Nothing to repeat"};
  }

  Node* ParseQuantifier(Node* atom, int32_t first_capture) {
    int32_t min, max;
    char32_t c = Peek();
    if (c == '*') {
      Next();
      min = 0, max = kInfinity;
    } else if (c == '+') {
      Next();
      min = 1, max = kInfinity;
    } else if (c == '?') {
      Next();
      min = 0, max = 1;
    } else if (c == '{') {
      if (!ReadBraces(&min, &max)) {
        if (unicode_) throw ParseError{"Incomplete quantifier"};
        return atom;  // Annex B: a literal brace
      }
      if (max != kInfinity && min > max) throw ParseError{"numbers out of order in {} quantifier"};
    } else {
      return atom;
    }
    Node* q = New(NodeKind::kQuant);
    q->min = min;
    q->max = max;
    q->greedy = !Eat('?');
    q->kids.push_back(atom);
    q->capture_from = first_capture;
    q->capture_to = static_cast<int32_t>(captures_);
    return q;
  }

  // ---- atoms
  Node* Char(char32_t c) {
    Node* n = New(NodeKind::kChar);
    n->value = static_cast<int32_t>(c);
    return n;
  }

  Node* ParseAtom(int depth) {
    char32_t c = Peek();
    switch (c) {
      case '.':
        Next();
        return New(NodeKind::kDot);
      case '(':
        return ParseGroup(depth);
      case '[': {
        Next();
        Node* n = New(NodeKind::kSet);
        if (sets_) {
          n->negated = Eat('^');
          n->set = ParseClassSetExpression(depth + 1);
          if (n->negated && !n->set.strings.empty()) {
            throw ParseError{"Negated character class may contain strings"};
          }
        } else {
          ParseClassRanges(n);
        }
        return n;
      }
      case '\\':
        Next();
        return ParseAtomEscape();
      case '*': case '+': case '?':
        throw ParseError{"Nothing to repeat"};
      case '{': {
        if (unicode_) throw ParseError{"Lone quantifier brackets"};
        int32_t a, b;
        size_t save = pos_;
        if (ReadBraces(&a, &b)) {
          pos_ = save;
          throw ParseError{"Nothing to repeat"};
        }
        Next();
        return Char('{');
      }
      case '}': case ']':
        if (unicode_) throw ParseError{"Lone quantifier brackets"};
        Next();
        return Char(c);
      default:
        Next();
        return Char(c);
    }
  }

  Node* ParseGroup(int depth) {
    Next();  // (
    Node* g = New(NodeKind::kGroup);
    if (Eat('?')) {
      if (Eat(':')) {
        g->value = 0;
      } else if (Peek() == '<') {
        Next();
        std::u16string name = ParseGroupName();
        for (size_t i = 1; i < tree_->group_names.size(); ++i) {
          if (tree_->group_names[i] == name && MightBothParticipate(named_paths_[i], alt_path_)) {
            throw ParseError{"Duplicate capture group name"};
          }
        }
        g->value = NewCapture();
        tree_->group_names[static_cast<size_t>(g->value)] = name;
        named_paths_[static_cast<size_t>(g->value)] = alt_path_;
      } else if (Peek() == 'i' || Peek() == 'm' || Peek() == 's' || Peek() == '-') {
        ParseModifiers(g);
      } else {
        throw ParseError{"Invalid group"};
      }
    } else {
      g->value = NewCapture();
    }
    // Inside (?i:...) or (?-i:...) the parser's own ignore-case (\w's case-folding characters) follows the group.
    bool saved_ignore_case = ignore_case_;
    if (g->mods_add & kModifierIgnoreCase) ignore_case_ = true;
    if (g->mods_remove & kModifierIgnoreCase) ignore_case_ = false;
    g->kids.push_back(ParseDisjunction(depth + 1));
    ignore_case_ = saved_ignore_case;
    if (!Eat(')')) throw ParseError{"Unterminated group"};
    return g;
  }

  // RegularExpressionModifiers [- RegularExpressionModifiers] ':' after "(?",
  // with their early errors (V8's messages).
  void ParseModifiers(Node* g) {
    bool removing = false;
    for (;;) {
      char32_t c = Next();
      uint8_t bit = c == 'i' ? kModifierIgnoreCase : c == 'm' ? kModifierMultiline : c == 's' ? kModifierDotAll : 0;
      if (bit) {
        if ((g->mods_add | g->mods_remove) & bit) throw ParseError{"Repeated flag in flag group"};
        (removing ? g->mods_remove : g->mods_add) |= bit;
      } else if (c == '-') {
        if (removing) throw ParseError{"Multiple dashes in flag group"};
        removing = true;
      } else if (c == ':') {
        if (!g->mods_add && !g->mods_remove) throw ParseError{"Invalid flag group"};  // (?-:
        break;
      } else {
        throw ParseError{"Invalid group"};
      }
    }
    g->value = 0;
    tree_->has_modifiers = true;
  }

  // Whether two groups at these alternative paths might both participate in
  // a match: unless, in some disjunction containing both, they are in
  // different alternatives.
  static bool MightBothParticipate(const std::vector<std::pair<int, int>>& a,
                                   const std::vector<std::pair<int, int>>& b) {
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
      if (a[i].first != b[i].first) return true;
      if (a[i].second != b[i].second) return false;
    }
    return true;
  }

  int32_t NewCapture() {
    if (++captures_ >= kMaxCaptures) throw ParseError{"Too many captures"};
    tree_->group_names.emplace_back();
    named_paths_.emplace_back();
    return static_cast<int32_t>(captures_);
  }

  // RegExpIdentifierName then '>' (the '<' is read).
  std::u16string ParseGroupName() {
    std::u16string name;
    bool first = true;
    for (;;) {
      size_t len = 1;
      char32_t c = PeekAt(pos_, &len);
      // Group names read surrogate pairs as one code point in every mode.
      if (!unicode_ && c >= 0xD800 && c <= 0xDBFF && pos_ + 1 < src_.size() && src_[pos_ + 1] >= 0xDC00 &&
          src_[pos_ + 1] <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (src_[pos_ + 1] - 0xDC00);
        len = 2;
      }
      if (c == '>') {
        if (first) throw ParseError{"Invalid capture group name"};
        Next();
        return name;
      }
      pos_ += len;
      if (c == '\\') {
        if (!Eat('u')) throw ParseError{"Invalid capture group name"};
        c = ParseUnicodeEscapeBody(true);
        if (c == kEnd) throw ParseError{"Invalid capture group name"};
      }
      bool ok = first ? (c == '$' || c == '_' || IsRegExpIdStart(c))
                      : (c == '$' || c == '_' || c == 0x200C || c == 0x200D || IsRegExpIdPart(c));
      if (!ok || c == kEnd) throw ParseError{"Invalid capture group name"};
      if (c > 0xFFFF) {
        name += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
        name += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
      } else {
        name += static_cast<char16_t>(c);
      }
      first = false;
    }
  }

  // After "\u": XXXX (a surrogate pair of two escapes combines when
  // `combine`), or {X...} when `braces` are allowed; kEnd when malformed (pos_ then unchanged).
  char32_t ParseUnicodeEscapeBody(bool braces) {
    size_t save = pos_;
    if (braces && Eat('{')) {
      char32_t v = 0;
      bool any = false;
      while (HexValue(Peek()) >= 0) {
        v = v * 16 + static_cast<char32_t>(HexValue(Next()));
        any = true;
        if (v > 0x10FFFF) {
          pos_ = save;
          return kEnd;
        }
      }
      if (!any || !Eat('}')) {
        pos_ = save;
        return kEnd;
      }
      return v;
    }
    char32_t v = ReadHex4();
    if (v == kEnd) {
      pos_ = save;
      return kEnd;
    }
    if (braces && v >= 0xD800 && v <= 0xDBFF && LookingAt("\\u")) {
      size_t at = pos_;
      pos_ += 2;
      char32_t lo = ReadHex4();
      if (lo != kEnd && lo >= 0xDC00 && lo <= 0xDFFF) return 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
      pos_ = at;
    }
    return v;
  }

  char32_t ReadHex4() {
    if (pos_ + 4 > src_.size()) return kEnd;
    char32_t v = 0;
    for (size_t i = 0; i < 4; ++i) {
      int h = HexValue(src_[pos_ + i]);
      if (h < 0) return kEnd;
      v = v * 16 + static_cast<char32_t>(h);
    }
    pos_ += 4;
    return v;
  }

  Node* ParseAtomEscape() {
    char32_t c = Peek();
    if (c == kEnd) throw ParseError{"\\ at end of pattern"};
    if (c >= '1' && c <= '9') {
      size_t save = pos_;
      int64_t n = 0;
      while (IsDecimal(Peek())) n = std::min<int64_t>(n * 10 + (Next() - '0'), INT32_MAX);
      if (n <= total_groups_) {
        Node* b = New(NodeKind::kBackref);
        b->value = static_cast<int32_t>(n);
        return b;
      }
      if (unicode_) throw ParseError{"Invalid escape"};
      pos_ = save;
      if (c >= '8') {
        Next();
        return Char(c);
      }
      return Char(ParseLegacyOctal());
    }
    if (c == 'k' && has_named_) {
      Next();
      if (!Eat('<')) throw ParseError{"Invalid named reference"};
      std::u16string name = ParseGroupName();
      Node* b = New(NodeKind::kBackref);
      b->name = name;
      named_refs_.push_back(b);
      return b;
    }
    if (c == 'd' || c == 'D' || c == 's' || c == 'S' || c == 'w' || c == 'W') {
      Next();
      Node* n = New(NodeKind::kSet);
      AddClassEscape(c, unicode_ && ignore_case_, &n->set);
      return n;
    }
    if ((c == 'p' || c == 'P') && unicode_) {
      Next();
      Node* n = New(NodeKind::kSet);
      ParsePropertyEscape(c == 'P', &n->set, false);
      return n;
    }
    return Char(ParseCharacterEscape(false));
  }

  char32_t ParseLegacyOctal() {
    // Up to three octal digits, at most 0377.
    char32_t v = Next() - '0';
    if (Peek() >= '0' && Peek() <= '7') {
      v = v * 8 + (Next() - '0');
      if (v < 040 && Peek() >= '0' && Peek() <= '7') v = v * 8 + (Next() - '0');
    }
    return v;
  }

  // \p{...} after the p or P: adds the property (or its complement) to set.
  void ParsePropertyEscape(bool negated, CharSet* set, bool in_class) {
    const char* bad = in_class ? "Invalid property name in character class" : "Invalid property name";
    if (!Eat('{')) throw ParseError{bad};
    std::u16string name, value;
    bool has_value = false;
    for (;;) {
      char32_t c = Peek();
      if (c == kEnd) throw ParseError{bad};
      Next();
      if (c == '}') break;
      if (c == '=' && !has_value) {
        has_value = true;
        continue;
      }
      if (!(IsAsciiLetter(c) || IsDecimal(c) || c == '_')) throw ParseError{bad};
      (has_value ? value : name) += static_cast<char16_t>(c);
    }
    if (name.empty() || (has_value && value.empty())) throw ParseError{bad};
    CharSet s;
    if (!UnicodePropertySet(name, has_value ? std::u16string_view(value) : std::u16string_view(),
                            sets_ && !negated, &s)) {
      throw ParseError{bad};
    }
    if (negated) s = s.Complement();
    set->AddSet(s);
  }

  // CharacterEscape after the backslash (also IdentityEscape and, in a
  // class, the Annex B extras).
  char32_t ParseCharacterEscape(bool in_class) {
    char32_t c = Next();
    switch (c) {
      case 'f': return 0x0C;
      case 'n': return 0x0A;
      case 'r': return 0x0D;
      case 't': return 0x09;
      case 'v': return 0x0B;
      case 'c': {
        char32_t l = Peek();
        if (IsAsciiLetter(l) || (in_class && !unicode_ && (IsDecimal(l) || l == '_'))) {
          Next();
          return l % 32;
        }
        if (unicode_) throw ParseError{"Invalid unicode escape"};
        --pos_;  // Annex B: "\c" is a backslash, and the c is read next
        return '\\';
      }
      case '0':
        if (!IsDecimal(Peek())) return 0;
        if (unicode_) throw ParseError{in_class ? "Invalid class escape" : "Invalid decimal escape"};
        --pos_;
        return ParseLegacyOctal();
      case 'x': {
        if (pos_ + 2 <= src_.size() && HexValue(src_[pos_]) >= 0 && HexValue(src_[pos_ + 1]) >= 0) {
          char32_t v = static_cast<char32_t>(HexValue(src_[pos_]) * 16 + HexValue(src_[pos_ + 1]));
          pos_ += 2;
          return v;
        }
        if (unicode_) throw ParseError{"Invalid escape"};
        return 'x';
      }
      case 'u': {
        char32_t v = ParseUnicodeEscapeBody(unicode_);
        if (v != kEnd) return v;
        if (unicode_) throw ParseError{"Invalid Unicode escape"};
        return 'u';
      }
      default:
        break;
    }
    if (unicode_) {
      if (IsSyntaxChar(c) || c == '/') return c;
      if (in_class && c == '-') return c;
      if (in_class && sets_ && c < 128 && std::strchr("&-!#%,:;<=>@`~", static_cast<int>(c))) return c;
      throw ParseError{in_class ? "Invalid class escape" : "Invalid escape"};
    }
    if (in_class && IsDecimal(c)) {
      if (c >= '8') return c;
      --pos_;
      return ParseLegacyOctal();
    }
    if (c == 'k' && has_named_) throw ParseError{"Invalid named reference"};
    return c;
  }

  // ---- classes without v: [^? ClassRanges ]
  // One ClassAtom: a code point (returns true) or a class escape added to
  // *escape_set (returns false).
  bool ParseClassAtom(char32_t* out, CharSet* escape_set) {
    char32_t c = Next();
    if (c != '\\') {
      *out = c;
      return true;
    }
    char32_t e = Peek();
    if (e == kEnd) throw ParseError{"\\ at end of pattern"};
    if (e == 'b') {
      Next();
      *out = 8;
      return true;
    }
    if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
      Next();
      AddClassEscape(e, unicode_ && ignore_case_, escape_set);
      return false;
    }
    if ((e == 'p' || e == 'P') && unicode_) {
      Next();
      ParsePropertyEscape(e == 'P', escape_set, true);
      return false;
    }
    *out = ParseCharacterEscape(true);
    return true;
  }

  void ParseClassRanges(Node* n) {
    n->negated = Eat('^');
    CharSet& set = n->set;
    for (;;) {
      char32_t c = Peek();
      if (c == kEnd) throw ParseError{"Unterminated character class"};
      if (c == ']') {
        Next();
        break;
      }
      char32_t a = 0;
      CharSet a_set;
      bool a_char = ParseClassAtom(&a, &a_set);
      if (Peek() == '-' && PeekAt(pos_ + 1) != ']' && PeekAt(pos_ + 1) != kEnd) {
        Next();  // -
        char32_t b = 0;
        CharSet b_set;
        bool b_char = ParseClassAtom(&b, &b_set);
        if (!a_char || !b_char) {
          if (unicode_) throw ParseError{"Invalid character class"};
          // Annex B: a class escape at either end makes the dash literal.
          if (a_char) set.Add(a, a);
          else set.AddSet(a_set);
          set.Add('-', '-');
          if (b_char) set.Add(b, b);
          else set.AddSet(b_set);
          continue;
        }
        if (a > b) throw ParseError{"Range out of order in character class"};
        set.Add(a, b);
        continue;
      }
      if (a_char) set.Add(a, a);
      else set.AddSet(a_set);
    }
    set.Normalize();
  }

  // ---- classes with v: ClassSetExpression (the '[' and '^' are read), up to its ']'
  bool IsDoublePunctuator() const {
    if (pos_ + 1 >= src_.size() || src_[pos_] != src_[pos_ + 1]) return false;
    char16_t c = src_[pos_];
    return c < 128 && std::strchr("&!#$%*+,.:;<=>?@^`~", c) != nullptr && c != 0;
  }

  enum class OperandKind { kChar, kSet };
  // One ClassSetOperand or ClassSetCharacter: a single code point (kChar,
  // *c set) or a set (nested class, \q{}, class escape).
  OperandKind ParseClassSetOperand(int depth, char32_t* c, CharSet* set) {
    char32_t p = Peek();
    if (p == kEnd) throw ParseError{"Unterminated character class"};
    if (p == '[') {
      Next();
      if (depth > kMaxDepth) throw ParseError{"Regular expression too large"};
      bool negated = Eat('^');
      CharSet inner = ParseClassSetExpression(depth + 1);
      if (negated) {
        if (!inner.strings.empty()) throw ParseError{"Negated character class may contain strings"};
        inner = inner.Complement();
      }
      *set = inner;
      return OperandKind::kSet;
    }
    if (p == '\\') {
      Next();
      char32_t e = Peek();
      if (e == kEnd) throw ParseError{"\\ at end of pattern"};
      if (e == 'd' || e == 'D' || e == 's' || e == 'S' || e == 'w' || e == 'W') {
        Next();
        AddClassEscape(e, ignore_case_, set);
        return OperandKind::kSet;
      }
      if (e == 'p' || e == 'P') {
        Next();
        ParsePropertyEscape(e == 'P', set, true);
        return OperandKind::kSet;
      }
      if (e == 'q') {
        Next();
        if (!Eat('{')) throw ParseError{"Invalid escape"};
        std::u32string s;
        for (;;) {
          char32_t q = Peek();
          if (q == kEnd) throw ParseError{"Invalid escape"};
          if (q == '}' || q == '|') {
            Next();
            if (s.size() == 1) set->Add(s[0], s[0]);
            else set->strings.push_back(s);
            s.clear();
            if (q == '}') break;
            continue;
          }
          if (q == '\\') {
            Next();
            if (Peek() == 'b') {
              Next();
              s += char32_t{8};
            } else {
              s += ParseCharacterEscape(true);
            }
          } else {
            if (IsClassSetSyntaxChar(q) || IsDoublePunctuator()) {
              throw ParseError{"Invalid set operation in character class"};
            }
            s += Next();
          }
        }
        set->Normalize();
        return OperandKind::kSet;
      }
      if (e == 'b') {
        Next();
        *c = 8;
        return OperandKind::kChar;
      }
      *c = ParseCharacterEscape(true);
      return OperandKind::kChar;
    }
    if (IsDoublePunctuator()) throw ParseError{"Invalid set operation in character class"};
    if (IsClassSetSyntaxChar(p)) throw ParseError{"Invalid character in character class"};
    *c = Next();
    return OperandKind::kChar;
  }

  static bool IsClassSetSyntaxChar(char32_t c) {
    return c < 128 && c != 0 && std::strchr("()[]{}/-\\|", static_cast<int>(c)) != nullptr;
  }

  CharSet ParseClassSetExpression(int depth) {
    if (depth > kMaxDepth) throw ParseError{"Regular expression too large"};
    CharSet result;
    if (Eat(']')) return result;
    char32_t c = 0;
    CharSet first;
    OperandKind k = ParseClassSetOperand(depth, &c, &first);
    if (LookingAt("&&") || LookingAt("--")) {
      bool intersect = LookingAt("&&");
      if (k == OperandKind::kChar) first.Add(c, c);
      first.Normalize();
      result = first;
      while (!Eat(']')) {
        if (!LookingAt(intersect ? "&&" : "--")) throw ParseError{"Invalid set operation in character class"};
        pos_ += 2;
        if (LookingAt(intersect ? "&" : "-")) throw ParseError{"Invalid character in character class"};
        CharSet operand;
        if (ParseClassSetOperand(depth, &c, &operand) == OperandKind::kChar) operand.Add(c, c);
        operand.Normalize();
        result = intersect ? result.Intersect(operand) : result.Subtract(operand);
      }
      return result;
    }
    // ClassUnion: operands and ranges.
    for (;;) {
      if (k == OperandKind::kChar) {
        if (Peek() == '-' && !LookingAt("--")) {
          Next();
          char32_t b = 0;
          CharSet ignored;
          if (ParseClassSetOperand(depth, &b, &ignored) != OperandKind::kChar) {
            throw ParseError{"Invalid character class"};
          }
          if (c > b) throw ParseError{"Range out of order in character class"};
          result.Add(c, b);
        } else {
          result.Add(c, c);
        }
      } else {
        result.AddSet(first);
        first = CharSet();
      }
      if (Eat(']')) break;
      if (LookingAt("&&") || LookingAt("--")) throw ParseError{"Invalid set operation in character class"};
      k = ParseClassSetOperand(depth, &c, &first);
    }
    result.Normalize();
    return result;
  }

  std::u16string_view src_;
  Tree* tree_;
  size_t pos_ = 0;
  bool unicode_;
  bool sets_;
  bool ignore_case_;
  bool has_named_ = false;
  int64_t total_groups_ = 0;
  uint32_t captures_ = 0;
  std::vector<Node*> named_refs_;
  // The enclosing disjunctions being parsed, each with the index of the
  // alternative being read; and that path for each capture (by index).
  std::vector<std::pair<int, int>> alt_path_;
  int next_disjunction_ = 0;
  std::vector<std::vector<std::pair<int, int>>> named_paths_;
};

}  // namespace

// ---- CharSet

void CharSet::Add(char32_t lo, char32_t hi) {
  ranges.push_back(lo);
  ranges.push_back(hi);
}

void CharSet::AddSet(const CharSet& other) {
  ranges.insert(ranges.end(), other.ranges.begin(), other.ranges.end());
  strings.insert(strings.end(), other.strings.begin(), other.strings.end());
  Normalize();
}

bool CharSet::Contains(char32_t c) const {
  size_t lo = 0, hi = ranges.size() / 2;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (c < ranges[2 * mid]) hi = mid;
    else if (c > ranges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

void CharSet::Normalize() {
  // A one-code-point "string" is a code point.
  std::vector<std::u32string> multi;
  for (auto& s : strings) {
    if (s.size() == 1) {
      ranges.push_back(s[0]);
      ranges.push_back(s[0]);
    } else {
      multi.push_back(std::move(s));
    }
  }
  std::sort(multi.begin(), multi.end());
  multi.erase(std::unique(multi.begin(), multi.end()), multi.end());
  strings = std::move(multi);
  std::vector<std::pair<char32_t, char32_t>> r;
  for (size_t i = 0; i + 1 < ranges.size(); i += 2) r.emplace_back(ranges[i], ranges[i + 1]);
  std::sort(r.begin(), r.end());
  ranges.clear();
  for (auto [lo, hi] : r) {
    if (!ranges.empty() && lo <= ranges.back() + 1) {
      ranges.back() = std::max(ranges.back(), hi);
    } else {
      ranges.push_back(lo);
      ranges.push_back(hi);
    }
  }
}

CharSet CharSet::Complement() const {
  CharSet out;
  char32_t next = 0;
  for (size_t i = 0; i < ranges.size(); i += 2) {
    if (ranges[i] > next) out.Add(next, ranges[i] - 1);
    next = ranges[i + 1] + 1;
  }
  if (next <= 0x10FFFF) out.Add(next, 0x10FFFF);
  return out;
}

CharSet CharSet::Intersect(const CharSet& other) const {
  CharSet out;
  size_t i = 0, j = 0;
  while (i < ranges.size() && j < other.ranges.size()) {
    char32_t lo = std::max(ranges[i], other.ranges[j]);
    char32_t hi = std::min(ranges[i + 1], other.ranges[j + 1]);
    if (lo <= hi) out.Add(lo, hi);
    if (ranges[i + 1] < other.ranges[j + 1]) i += 2;
    else j += 2;
  }
  for (const auto& s : strings) {
    if (std::find(other.strings.begin(), other.strings.end(), s) != other.strings.end()) out.strings.push_back(s);
  }
  return out;
}

CharSet CharSet::Subtract(const CharSet& other) const {
  CharSet out = Intersect(other.Complement());
  out.strings.clear();
  for (const auto& s : strings) {
    if (std::find(other.strings.begin(), other.strings.end(), s) == other.strings.end()) out.strings.push_back(s);
  }
  return out;
}

bool ParsePattern(std::u16string_view pattern, uint16_t flags, Tree* tree, std::string* error) {
  try {
    Parser(pattern, flags, tree).Parse();
    return true;
  } catch (const ParseError& e) {
    *error = e.message;
    return false;
  }
}

}  // namespace jsvm::regexp
