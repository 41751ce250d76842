// The regexp compiler: Tree -> RegExpProgram bytecode (regexp-bytecodes.h),
// the flags text, literal validation and the disassembler.
#include <algorithm>
#include <cstdio>

#include "vm/regexp/regexp-ast.h"
#include "vm/regexp/regexp-bytecodes.h"
#include "vm/regexp/regexp.h"

namespace jsvm {

namespace regexp {
namespace {

class Compiler {
 public:
  Compiler(RegExpProgram* program, uint16_t flags)
      : p_(program), ignore_case_((flags & kRegExpIgnoreCase) != 0),
        unicode_((flags & (kRegExpUnicode | kRegExpUnicodeSets)) != 0),
        multiline_((flags & kRegExpMultiline) != 0), dot_all_((flags & kRegExpDotAll) != 0) {}

  void CompileRoot(Node* root, bool has_modifiers) {
    EmitOp(Op::kSave, {0});
    Emit(root, false);
    EmitOp(Op::kSave, {1});
    EmitOp(Op::kMatch, {});
    NoteUnitsAfterRuns();
    // The scans below read the pattern's flags, not a group's: with modifiers, none.
    if (has_modifiers) return;
    p_->required_unit = RequiredUnit(root);
    CharSet first;
    bool any = false;
    if (!FirstUnits(root, &first, &any) && !any) {
      first.Normalize();
      p_->first_known = true;
      p_->first_units = first.ranges;
      for (size_t i = 0; i < first.ranges.size(); i += 2) {
        for (char32_t c = first.ranges[i]; c <= first.ranges[i + 1] && c < 256; ++c) {
          p_->first_latin1[c >> 6] |= uint64_t{1} << (c & 63);
        }
        if (first.ranges[i + 1] >= 256) p_->first_above_latin1 = true;
      }
    }
    p_->anchored = Anchored(root);
    LiteralPrefix(root, &p_->prefix);
    if (p_->prefix.empty() && !unicode_) LiteralInfix(root);  // u/v: candidates could fall inside a pair
  }

 private:
  std::vector<int32_t>& code() { return p_->code; }
  int32_t Here() const { return static_cast<int32_t>(p_->code.size()); }
  void EmitOp(Op op, std::initializer_list<int32_t> operands) {
    code().push_back(static_cast<int32_t>(op));
    code().insert(code().end(), operands.begin(), operands.end());
  }
  // Emits op with operands; returns the index of the operand to patch (`patch`).
  int32_t EmitPatchable(Op op, std::initializer_list<int32_t> operands, int patch) {
    int32_t at = Here() + 1 + patch;
    EmitOp(op, operands);
    return at;
  }
  void Patch(int32_t at) { code()[static_cast<size_t>(at)] = Here(); }
  int32_t NewReg() { return static_cast<int32_t>(p_->register_count++); }
  int32_t AddSet(const CharSet& set) {
    p_->sets.push_back(set.ranges);
    return static_cast<int32_t>(p_->sets.size() - 1);
  }

  // Whether c has other characters of the same canonical form.
  bool CaseSensitive(char32_t c) const {
    if (c < 128) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return true;
  }

  void EmitChar(char32_t c, bool back) {
    if (ignore_case_ && CaseSensitive(c)) {
      EmitOp(back ? Op::kCharIBack : Op::kCharI, {static_cast<int32_t>(Canonicalize(c, unicode_))});
    } else {
      EmitOp(back ? Op::kCharBack : Op::kChar, {static_cast<int32_t>(c)});
    }
  }

  void Emit(Node* n, bool back) {
    switch (n->kind) {
      case NodeKind::kEmpty:
        return;
      case NodeKind::kChar:
        EmitChar(static_cast<char32_t>(n->value), back);
        return;
      case NodeKind::kDot:
        EmitOp(back ? Op::kDotBack : Op::kDot, {dot_all_ ? 1 : 0});
        return;
      case NodeKind::kSet:
        EmitSet(n, back);
        return;
      case NodeKind::kAssert:
        switch (n->value) {
          case kAssertStart: EmitOp(Op::kAssertStart, {multiline_ ? 1 : 0}); break;
          case kAssertEnd: EmitOp(Op::kAssertEnd, {multiline_ ? 1 : 0}); break;
          // Operand: 1 negated (\B), 2 with u/v and i (U+017F and U+212A are word characters).
          case kAssertWordBoundary: EmitOp(Op::kWordBoundary, {unicode_ && ignore_case_ ? 2 : 0}); break;
          default: EmitOp(Op::kWordBoundary, {1 | (unicode_ && ignore_case_ ? 2 : 0)}); break;
        }
        return;
      case NodeKind::kBackref:
        EmitOp(back ? Op::kBackrefBack : Op::kBackref, {n->value, ignore_case_ ? 1 : 0});
        return;
      case NodeKind::kGroup:
        if (n->value == 0) {
          // (?ims-ims:...): the instructions inside carry the group's flags.
          bool saved[] = {ignore_case_, multiline_, dot_all_};
          if (n->mods_add & kModifierIgnoreCase) ignore_case_ = true;
          if (n->mods_remove & kModifierIgnoreCase) ignore_case_ = false;
          if (n->mods_add & kModifierMultiline) multiline_ = true;
          if (n->mods_remove & kModifierMultiline) multiline_ = false;
          if (n->mods_add & kModifierDotAll) dot_all_ = true;
          if (n->mods_remove & kModifierDotAll) dot_all_ = false;
          Emit(n->kids[0], back);
          ignore_case_ = saved[0];
          multiline_ = saved[1];
          dot_all_ = saved[2];
          return;
        }
        EmitOp(Op::kSave, {2 * n->value + (back ? 1 : 0)});
        Emit(n->kids[0], back);
        EmitOp(Op::kSave, {2 * n->value + (back ? 0 : 1)});
        return;
      case NodeKind::kLook: {
        int32_t marker = NewReg();
        int32_t cont = EmitPatchable(Op::kLookStart, {marker, n->negated ? 1 : 0, 0}, 2);
        Emit(n->kids[0], n->behind);
        EmitOp(Op::kLookEnd, {marker, n->negated ? 1 : 0});
        Patch(cont);
        return;
      }
      case NodeKind::kQuant:
        EmitQuantifier(n, back);
        return;
      case NodeKind::kAlt: {
        std::vector<int32_t> ends;
        for (size_t i = 0; i < n->kids.size(); ++i) {
          if (i + 1 == n->kids.size()) {
            Emit(n->kids[i], back);
            break;
          }
          int32_t next = EmitPatchable(Op::kPush, {0}, 0);
          Emit(n->kids[i], back);
          ends.push_back(EmitPatchable(Op::kGoto, {0}, 0));
          Patch(next);
        }
        for (int32_t e : ends) Patch(e);
        return;
      }
      case NodeKind::kSeq:
        if (back) {
          for (size_t i = n->kids.size(); i-- > 0;) Emit(n->kids[i], back);
        } else {
          for (Node* k : n->kids) Emit(k, back);
        }
        return;
    }
  }

  void EmitSet(Node* n, bool back) {
    CharSet set = n->set;
    if (ignore_case_) set = CanonicalizeSet(set, unicode_);
    std::vector<int32_t> ends;
    if (!set.strings.empty()) {
      // Strings first, longest first, then the single code points.
      std::vector<std::u32string> strings = set.strings;
      std::stable_sort(strings.begin(), strings.end(),
                       [](const std::u32string& a, const std::u32string& b) { return a.size() > b.size(); });
      for (const auto& s : strings) {
        int32_t next = EmitPatchable(Op::kPush, {0}, 0);
        if (back) {
          for (size_t i = s.size(); i-- > 0;) EmitChar(s[i], true);
        } else {
          for (char32_t c : s) EmitChar(c, false);
        }
        ends.push_back(EmitPatchable(Op::kGoto, {0}, 0));
        Patch(next);
      }
    }
    int32_t flags = (n->negated ? kSetNegated : 0) | (ignore_case_ ? kSetIgnoreCase : 0);
    EmitOp(back ? Op::kSetBack : Op::kSet, {AddSet(set), flags});
    for (int32_t e : ends) Patch(e);
  }

  // The fewest code units the node can match (capped).
  static int64_t MinLength(const Node* n) {
    switch (n->kind) {
      case NodeKind::kChar:
      case NodeKind::kDot:
        return 1;
      case NodeKind::kSet:
        // A v-flag class may hold the empty string (\q{}): then a quantifier over it needs its empty check.
        for (const std::u32string& str : n->set.strings) {
          if (str.empty()) return 0;
        }
        return 1;
      case NodeKind::kGroup:
        return MinLength(n->kids[0]);
      case NodeKind::kQuant:
        return std::min<int64_t>(int64_t{n->min} * MinLength(n->kids[0]), 1 << 30);
      case NodeKind::kAlt: {
        int64_t m = INT64_MAX;
        for (const Node* k : n->kids) m = std::min(m, MinLength(k));
        return m;
      }
      case NodeKind::kSeq: {
        int64_t m = 0;
        for (const Node* k : n->kids) m = std::min<int64_t>(m + MinLength(k), 1 << 30);
        return m;
      }
      default:
        return 0;
    }
  }

  void EmitQuantifier(Node* n, bool back) {
    Node* body = n->kids[0];
    if (n->max == 0) return;
    if (n->min == 1 && n->max == 1) {
      Emit(body, back);
      return;
    }
    bool can_be_empty = MinLength(body) == 0;
    bool has_captures = n->capture_from <= n->capture_to;
    int32_t pos_reg = can_be_empty ? NewReg() : -1;
    auto emit_body = [&](int32_t count_reg) {
      if (pos_reg >= 0) EmitOp(Op::kSetRegPos, {pos_reg});
      if (has_captures) EmitOp(Op::kClearCaptures, {n->capture_from, n->capture_to});
      Emit(body, back);
      if (pos_reg >= 0) EmitOp(Op::kEmptyCheck, {pos_reg, count_reg, n->min});
    };
    if (n->min == 0 && n->max == 1) {
      if (n->greedy) {
        int32_t skip = EmitPatchable(Op::kPush, {0}, 0);
        emit_body(-1);
        Patch(skip);
      } else {
        int32_t take = EmitPatchable(Op::kPush, {0}, 0);
        int32_t skip = EmitPatchable(Op::kGoto, {0}, 0);
        Patch(take);
        emit_body(-1);
        Patch(skip);
      }
      return;
    }
    // A greedy run of one code unit (with u or v: one code point) with nothing
    // to reset: one instruction that takes as many as match and gives them
    // back one by one.
    bool single = body->kind == NodeKind::kDot || (body->kind == NodeKind::kSet && body->set.strings.empty()) ||
                  (body->kind == NodeKind::kChar && (unicode_ || body->value < 0x10000));
    if (n->greedy && !back && single && !has_captures) {
      int32_t len_at = unicode_ ? EmitPatchable(Op::kRepeatGreedyU, {n->min, n->max, 0}, 2)
                                : EmitPatchable(Op::kRepeatGreedy, {n->min, n->max, 0, -1}, 2);
      int32_t atom = Here();
      Emit(body, false);
      code()[static_cast<size_t>(len_at)] = Here() - atom;
      return;
    }
    int32_t count_reg = -1;
    if (!(n->min == 0 && n->max == -1)) {
      count_reg = NewReg();
      EmitOp(Op::kSetReg, {count_reg, 0});
    }
    int32_t loop = Here();
    int32_t exit = EmitPatchable(Op::kLoop, {count_reg, n->min, n->max, 0, n->greedy ? 1 : 0}, 3);
    emit_body(count_reg);
    if (count_reg >= 0) EmitOp(Op::kIncReg, {count_reg});
    EmitOp(Op::kGoto, {loop});
    Patch(exit);
  }

  // Adds to *set the code units a match of n can start with; returns whether
  // n can match empty. *any: the first unit cannot be known.
  bool FirstUnits(const Node* n, CharSet* set, bool* any) const {
    if (*any) return true;
    switch (n->kind) {
      case NodeKind::kChar: {
        auto c = static_cast<char32_t>(n->value);
        if (ignore_case_ && c < 128 && CaseSensitive(c)) {
          // The ASCII letters' case pair, and with u/v the two non-ASCII
          // characters that fold to ASCII (U+017F to s, U+212A to k).
          set->Add(c | 0x20, c | 0x20);
          set->Add(c & ~0x20u, c & ~0x20u);
          if (unicode_ && (c | 0x20) == 's') set->Add(0x017F, 0x017F);
          if (unicode_ && (c | 0x20) == 'k') set->Add(0x212A, 0x212A);
        } else if (c > 0xFFFF || (ignore_case_ && CaseSensitive(c)) || (unicode_ && c >= 0xD800 && c <= 0xDFFF)) {
          *any = true;
        } else {
          set->Add(c, c);
        }
        return false;
      }
      case NodeKind::kSet: {
        if (n->negated || !n->set.strings.empty() || ignore_case_ || unicode_) {
          *any = true;
          return false;
        }
        for (size_t i = 0; i + 1 < n->set.ranges.size(); i += 2) {
          if (n->set.ranges[i] <= 0xFFFF) set->Add(n->set.ranges[i], std::min<char32_t>(n->set.ranges[i + 1], 0xFFFF));
        }
        return false;
      }
      case NodeKind::kDot:
        *any = true;
        return false;
      case NodeKind::kBackref:
        *any = true;
        return true;
      case NodeKind::kGroup:
        return FirstUnits(n->kids[0], set, any);
      case NodeKind::kQuant:
        if (n->max == 0) return true;
        return FirstUnits(n->kids[0], set, any) || n->min == 0;
      case NodeKind::kAlt: {
        bool empty = false;
        for (const Node* k : n->kids) empty |= FirstUnits(k, set, any);
        return empty;
      }
      case NodeKind::kSeq:
        for (const Node* k : n->kids) {
          if (!FirstUnits(k, set, any)) return false;
        }
        return true;
      default:  // assertions and lookarounds consume nothing
        return true;
    }
  }

  // A greedy run followed (past Saves, which neither fail nor move) by a
  // literal unit only ever gives back to a position holding that unit: the
  // run's `next` operand lets the interpreter skip the others (irregexp's
  // quick check after a loop).
  void NoteUnitsAfterRuns() {
    std::vector<int32_t>& c = code();
    for (size_t pc = 0; pc < c.size(); pc += 1 + static_cast<size_t>(kOperandCount[c[pc]])) {
      if (static_cast<Op>(c[pc]) != Op::kRepeatGreedy) continue;
      size_t next = pc + 5 + static_cast<size_t>(c[pc + 3]);
      while (static_cast<Op>(c[next]) == Op::kSave) next += 2;
      if (static_cast<Op>(c[next]) == Op::kChar && !unicode_) c[pc + 4] = c[next + 1];
    }
  }

 public:
  // Whether every match of n starts with ^ (not multiline): only index 0 can match.
  bool Anchored(const Node* n) const {
    switch (n->kind) {
      case NodeKind::kAssert:
        return n->value == kAssertStart && !multiline_;
      case NodeKind::kGroup:
        return Anchored(n->kids[0]);
      case NodeKind::kSeq:
        return !n->kids.empty() && Anchored(n->kids[0]);
      case NodeKind::kAlt:
        for (const Node* k : n->kids) {
          if (!Anchored(k)) return false;
        }
        return true;
      default:
        return false;
    }
  }

 private:
  // Appends to *prefix the literal code units n begins with; returns whether
  // all of n was such literals (or consumed nothing), so that what follows
  // may extend the prefix.
  bool LiteralPrefix(const Node* n, std::u16string* prefix) const {
    switch (n->kind) {
      case NodeKind::kChar: {
        auto c = static_cast<char32_t>(n->value);
        if (c > 0xFFFF || (c >= 0xD800 && c <= 0xDFFF) || (ignore_case_ && CaseSensitive(c))) return false;
        *prefix += static_cast<char16_t>(c);
        return true;
      }
      case NodeKind::kEmpty:
      case NodeKind::kAssert:
      case NodeKind::kLook:  // zero-width: the literals after it still start the match
        return true;
      case NodeKind::kGroup:
        return LiteralPrefix(n->kids[0], prefix);
      case NodeKind::kSeq:
        for (const Node* k : n->kids) {
          if (!LiteralPrefix(k, prefix)) return false;
        }
        return true;
      default:
        return false;
    }
  }

  // The most code units n can match (-1: unbounded or unknown).
  static int64_t MaxLength(const Node* n) {
    switch (n->kind) {
      case NodeKind::kChar:
        return n->value > 0xFFFF ? 2 : 1;
      case NodeKind::kDot:
      case NodeKind::kSet:
        return n->set.strings.empty() ? 2 : -1;
      case NodeKind::kEmpty:
      case NodeKind::kAssert:
      case NodeKind::kLook:
        return 0;
      case NodeKind::kGroup:
        return MaxLength(n->kids[0]);
      case NodeKind::kQuant: {
        int64_t k = MaxLength(n->kids[0]);
        if (k < 0 || n->max < 0) return k == 0 ? 0 : -1;
        return std::min<int64_t>(k * n->max, 1 << 30);
      }
      case NodeKind::kAlt: {
        int64_t m = 0;
        for (const Node* k : n->kids) {
          int64_t x = MaxLength(k);
          if (x < 0) return -1;
          m = std::max(m, x);
        }
        return m;
      }
      case NodeKind::kSeq: {
        int64_t m = 0;
        for (const Node* k : n->kids) {
          int64_t x = MaxLength(k);
          if (x < 0) return -1;
          m = std::min<int64_t>(m + x, 1 << 30);
        }
        return m;
      }
      default:
        return -1;
    }
  }

  // The longest run of case-sensitive literal code units in the top-level
  // sequence whose offset from the match's start is bounded (program infix).
  void LiteralInfix(const Node* root) {
    if (root->kind != NodeKind::kSeq) return;
    int64_t min_off = 0, max_off = 0;
    std::u16string run;
    int64_t run_min = 0, run_max = 0;
    auto keep = [&]() {
      if (run.size() > p_->infix.size() && run.size() >= 2) {
        p_->infix = run;
        p_->infix_min = static_cast<uint32_t>(run_min);
        p_->infix_max = static_cast<uint32_t>(run_max);
      }
      run.clear();
    };
    for (const Node* k : root->kids) {
      auto c = static_cast<char32_t>(k->value);
      if (k->kind == NodeKind::kChar && c <= 0xFFFF && !(c >= 0xD800 && c <= 0xDFFF) &&
          !(ignore_case_ && CaseSensitive(c))) {
        if (run.empty()) {
          run_min = min_off;
          run_max = max_off;
        }
        run += static_cast<char16_t>(c);
        ++min_off;
        ++max_off;
        continue;
      }
      keep();
      int64_t lo = MinLength(k), hi = MaxLength(k);
      if (hi < 0) return;  // later offsets are unbounded
      min_off += lo;
      max_off += hi;
      if (max_off > (1 << 20)) return;
    }
    keep();
  }

  // A code unit that every match contains, from the mandatory part of the
  // top-level sequence (0xFFFFFFFF: none).
  uint32_t RequiredUnit(const Node* n) const {
    switch (n->kind) {
      case NodeKind::kChar: {
        auto c = static_cast<char32_t>(n->value);
        if (c > 0xFFFF || (ignore_case_ && (c >= 128 || CaseSensitive(c)))) return 0xFFFFFFFFu;
        if (unicode_ && c >= 0xD800 && c <= 0xDFFF) return 0xFFFFFFFFu;
        return c;
      }
      case NodeKind::kGroup:
        return RequiredUnit(n->kids[0]);
      case NodeKind::kQuant:
        return n->min >= 1 ? RequiredUnit(n->kids[0]) : 0xFFFFFFFFu;
      case NodeKind::kSeq:
        for (const Node* k : n->kids) {
          uint32_t u = RequiredUnit(k);
          if (u != 0xFFFFFFFFu) return u;
        }
        return 0xFFFFFFFFu;
      default:
        return 0xFFFFFFFFu;
    }
  }

  RegExpProgram* p_;
  bool ignore_case_, unicode_, multiline_, dot_all_;
};

}  // namespace
}  // namespace regexp

bool ParseRegExpFlags(std::u16string_view text, uint16_t* flags) {
  uint16_t f = 0;
  for (char16_t c : text) {
    uint16_t bit;
    switch (c) {
      case 'd': bit = kRegExpHasIndices; break;
      case 'g': bit = kRegExpGlobal; break;
      case 'i': bit = kRegExpIgnoreCase; break;
      case 'm': bit = kRegExpMultiline; break;
      case 's': bit = kRegExpDotAll; break;
      case 'u': bit = kRegExpUnicode; break;
      case 'v': bit = kRegExpUnicodeSets; break;
      case 'y': bit = kRegExpSticky; break;
      default: return false;
    }
    if (f & bit) return false;
    f |= bit;
  }
  if ((f & kRegExpUnicode) && (f & kRegExpUnicodeSets)) return false;
  *flags = f;
  return true;
}

std::string RegExpFlagsText(uint16_t flags) {
  std::string s;
  if (flags & kRegExpHasIndices) s += 'd';
  if (flags & kRegExpGlobal) s += 'g';
  if (flags & kRegExpIgnoreCase) s += 'i';
  if (flags & kRegExpMultiline) s += 'm';
  if (flags & kRegExpDotAll) s += 's';
  if (flags & kRegExpUnicode) s += 'u';
  if (flags & kRegExpUnicodeSets) s += 'v';
  if (flags & kRegExpSticky) s += 'y';
  return s;
}

std::shared_ptr<const RegExpProgram> CompileRegExp(std::u16string_view pattern, uint16_t flags,
                                                   std::string* error) {
  regexp::Tree tree;
  if (!regexp::ParsePattern(pattern, flags, &tree, error)) return nullptr;
  auto program = std::make_shared<RegExpProgram>();
  program->source = std::u16string(pattern);
  program->flags = flags;
  program->capture_count = tree.capture_count;
  program->group_names = tree.group_names;
  for (const auto& n : tree.group_names) program->has_named_groups |= !n.empty();
  regexp::Compiler compiler(program.get(), flags);
  compiler.CompileRoot(tree.root, tree.has_modifiers);
  // `^\s+|\s+$` (the classic trim): past index 0 only `\s+$` can match, so
  // those positions run a program of the other alternatives alone (same
  // capture numbering; the left-out groups stay unmatched).
  if (!tree.has_modifiers && tree.root->kind == regexp::NodeKind::kAlt && !program->anchored) {
    std::vector<regexp::Node*> rest;
    for (regexp::Node* k : tree.root->kids) {
      if (!compiler.Anchored(k)) rest.push_back(k);
    }
    if (rest.size() < tree.root->kids.size()) {
      regexp::Node* alt = rest[0];
      if (rest.size() > 1) {
        alt = tree.New(regexp::NodeKind::kAlt);
        alt->kids = rest;
      }
      auto tail = std::make_shared<RegExpProgram>();
      tail->source = program->source;
      tail->flags = flags;
      tail->capture_count = program->capture_count;
      tail->group_names = program->group_names;
      tail->has_named_groups = program->has_named_groups;
      regexp::Compiler(tail.get(), flags).CompileRoot(alt, false);
      program->past_start = tail;
    }
  }
  return program;
}

std::string ValidateRegExpLiteral(std::u16string_view body, std::u16string_view flags_text) {
  uint16_t flags;
  std::string utf8;
  auto append = [&utf8](std::u16string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      char32_t c = s[i];
      if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (s[++i] - 0xDC00);
      } else if (c >= 0xD800 && c <= 0xDFFF) {
        c = 0xFFFD;
      }
      if (c < 0x80) {
        utf8 += static_cast<char>(c);
      } else if (c < 0x800) {
        utf8 += static_cast<char>(0xC0 | (c >> 6));
        utf8 += static_cast<char>(0x80 | (c & 0x3F));
      } else if (c < 0x10000) {
        utf8 += static_cast<char>(0xE0 | (c >> 12));
        utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        utf8 += static_cast<char>(0x80 | (c & 0x3F));
      } else {
        utf8 += static_cast<char>(0xF0 | (c >> 18));
        utf8 += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        utf8 += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        utf8 += static_cast<char>(0x80 | (c & 0x3F));
      }
    }
  };
  if (!ParseRegExpFlags(flags_text, &flags)) {
    return "Invalid regular expression flags";
  }
  regexp::Tree tree;
  std::string error;
  if (regexp::ParsePattern(body, flags, &tree, &error)) return "";
  utf8 = "Invalid regular expression: /";
  append(body);
  utf8 += "/";
  append(flags_text);
  utf8 += ": " + error;
  return utf8;
}

std::string DisassembleRegExp(const RegExpProgram& program) {
  std::string out;
  char line[160];
  std::snprintf(line, sizeof line, "captures: %u, registers: %u, sets: %zu\n", program.capture_count,
                program.register_count, program.sets.size());
  out += line;
  for (size_t i = 0; i < program.sets.size(); ++i) {
    std::snprintf(line, sizeof line, "  set %zu:", i);
    out += line;
    const auto& r = program.sets[i];
    for (size_t j = 0; j + 1 < r.size() && j < 32; j += 2) {
      if (r[j] == r[j + 1]) std::snprintf(line, sizeof line, " %X", static_cast<unsigned>(r[j]));
      else std::snprintf(line, sizeof line, " %X-%X", static_cast<unsigned>(r[j]), static_cast<unsigned>(r[j + 1]));
      out += line;
    }
    if (r.size() > 32) out += " ...";
    out += "\n";
  }
  size_t pc = 0;
  while (pc < program.code.size()) {
    auto op = static_cast<size_t>(program.code[pc]);
    std::snprintf(line, sizeof line, "  %4zu: %s", pc, regexp::kOpName[op]);
    out += line;
    int n = regexp::kOperandCount[op];
    for (int k = 0; k < n; ++k) {
      int32_t v = program.code[pc + 1 + static_cast<size_t>(k)];
      auto o = static_cast<regexp::Op>(op);
      bool is_char = (o == regexp::Op::kChar || o == regexp::Op::kCharBack || o == regexp::Op::kCharI ||
                      o == regexp::Op::kCharIBack);
      if (is_char && v >= 0x20 && v < 0x7F) std::snprintf(line, sizeof line, "%s'%c'", k ? ", " : " ", v);
      else std::snprintf(line, sizeof line, "%s%d", k ? ", " : " ", v);
      out += line;
    }
    out += "\n";
    pc += 1 + static_cast<size_t>(n);
  }
  return out;
}

}  // namespace jsvm
