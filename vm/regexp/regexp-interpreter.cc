// The regexp interpreter: runs a RegExpProgram over UTF-16 code units with
// an explicit backtrack stack. A choice point records where to resume (pc,
// pos) and how long the undo log was; every write to a capture or register
// logs the old value, so backtracking pops the choice and unwinds the log to
// its length. Lookarounds push a marker choice: the body's success discards
// the choices above it (lookarounds are atomic), its failure pops down to it.
// No C++ recursion happens per character, per iteration or per nesting level.
#include <algorithm>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "vm/regexp/regexp-ast.h"
#include "vm/regexp/regexp-bytecodes.h"
#include "vm/regexp/regexp.h"

namespace jsvm {

namespace {

using regexp::Op;

// The backtrack stack's limit (choice points); past it the match ends with
// kStackOverflow (a RangeError, as V8's "Maximum call stack size exceeded").
constexpr size_t kMaxChoices = 8u << 20;

enum ChoiceKind : int32_t { kChoice, kLookMarker, kNegativeLookMarker, kGiveBack };
// The `next` of a RepeatGreedyU's choice: it gives back whole code points.
constexpr int32_t kByCodePoint = -2;

struct Choice {
  int32_t pc;
  int32_t pos;
  uint32_t undo;
  int32_t kind;
  int32_t floor = 0;  // kGiveBack: the fewest units the run may keep (its start + min)
  int32_t next = -1;  // kGiveBack: the unit that must follow the run (-1: any; kByCodePoint: a u/v run)
};

struct Undo {
  int32_t slot;
  int32_t old;
};

}  // namespace

struct RegExpScratch::Buffers {
  std::vector<int32_t> slots;
  std::vector<Choice> choices;
  std::vector<Undo> undo;
};

RegExpScratch::RegExpScratch() : buffers_(std::make_unique<Buffers>()) {}
RegExpScratch::~RegExpScratch() = default;

RegExpScratch::Buffers* RegExpScratch::Acquire() {
  if (in_use_) return nullptr;
  in_use_ = true;
  return buffers_.get();
}

namespace {

bool IsLineTerminator(char32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }
bool IsBasicWordChar(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

class Matcher {
 public:
  Matcher(const RegExpProgram& p, std::u16string_view s, const RegExpLimits& limits, RegExpScratch::Buffers* b)
      : p_(p), s_(s.data()), len_(static_cast<int32_t>(s.size())), limits_(limits),
        unicode_((p.flags & (kRegExpUnicode | kRegExpUnicodeSets)) != 0),
        capture_slots_(2 * (p.capture_count + 1)),
        slots_(b->slots), choices_(b->choices), undo_(b->undo), poll_countdown_(limits.poll_interval) {
    slots_.resize(capture_slots_ + p.register_count);
  }

  RegExpResult Run(int32_t start, std::vector<int32_t>* captures) {
    RegExpResult r = Attempt(start);
    if (r == RegExpResult::kMatch) captures->assign(slots_.begin(), slots_.begin() + capture_slots_);
    return r;
  }
  uint64_t backtracks() const { return backtracks_; }
  // Reports the steps taken since the last poll.
  void FlushSteps() {
    uint32_t taken = limits_.poll_interval - poll_countdown_;
    poll_countdown_ = limits_.poll_interval;
    if (taken > 0 && limits_.poll) limits_.poll(limits_.context, taken);
  }

 private:
  // Reads the character at pos forwards (a code point with u/v); *next is the position after it.
  char32_t ReadForward(int32_t pos, int32_t* next) const {
    char32_t c = s_[pos];
    if (unicode_ && c >= 0xD800 && c <= 0xDBFF && pos + 1 < len_ && s_[pos + 1] >= 0xDC00 && s_[pos + 1] <= 0xDFFF) {
      *next = pos + 2;
      return 0x10000 + ((c - 0xD800) << 10) + (s_[pos + 1] - 0xDC00);
    }
    *next = pos + 1;
    return c;
  }
  char32_t ReadBackward(int32_t pos, int32_t* prev) const {
    char32_t c = s_[pos - 1];
    if (unicode_ && c >= 0xDC00 && c <= 0xDFFF && pos - 2 >= 0 && s_[pos - 2] >= 0xD800 && s_[pos - 2] <= 0xDBFF) {
      *prev = pos - 2;
      return 0x10000 + ((s_[pos - 2] - 0xD800) << 10) + (c - 0xDC00);
    }
    *prev = pos - 1;
    return c;
  }
  char32_t Canon(char32_t c) const { return regexp::Canonicalize(c, unicode_); }

  bool InSet(int32_t idx, int32_t flags, char32_t c) const {
    if (flags & regexp::kSetIgnoreCase) c = Canon(c);
    const std::vector<char32_t>& r = p_.sets[static_cast<size_t>(idx)];
    size_t lo = 0, hi = r.size() / 2;
    bool found = false;
    while (lo < hi) {
      size_t mid = (lo + hi) / 2;
      if (c < r[2 * mid]) hi = mid;
      else if (c > r[2 * mid + 1]) lo = mid + 1;
      else {
        found = true;
        break;
      }
    }
    return found != ((flags & regexp::kSetNegated) != 0);
  }

  // Whether one forward Char, CharI, Dot or Set instruction matches code unit c (not u/v).
  bool MatchesUnit(const int32_t* ins, char32_t c) const {
    switch (static_cast<Op>(ins[0])) {
      case Op::kChar: return c == static_cast<char32_t>(ins[1]);
      case Op::kCharI: return Canon(c) == static_cast<char32_t>(ins[1]);
      case Op::kDot: return ins[1] || !IsLineTerminator(c);
      case Op::kSet: return InSet(ins[1], ins[2], c);
      default: return false;
    }
  }

  // Whether the unit at i is a word character (unicode_icase: with u/v and i, U+017F and U+212A too).
  bool IsWordAt(int32_t i, bool unicode_icase) const {
    if (i < 0 || i >= len_) return false;
    char32_t c = s_[i];
    if (IsBasicWordChar(c)) return true;
    return unicode_icase && (c == 0x017F || c == 0x212A);
  }

  inline __attribute__((always_inline)) void Write(int32_t slot, int32_t value) {
    // Only a choice point can unwind a write: without one there is nothing to log.
    if (!choices_.empty()) undo_.push_back({slot, slots_[static_cast<size_t>(slot)]});
    slots_[static_cast<size_t>(slot)] = value;
  }
  void UnwindTo(uint32_t size) {
    while (undo_.size() > size) {
      slots_[static_cast<size_t>(undo_.back().slot)] = undo_.back().old;
      undo_.pop_back();
    }
  }
  int32_t Reg(int32_t r) const { return slots_[capture_slots_ + static_cast<size_t>(r)]; }
  void SetReg(int32_t r, int32_t v) { Write(static_cast<int32_t>(capture_slots_) + r, v); }

  bool BackrefMatches(int32_t n, bool icase, bool back, int32_t* pos) const {
    int32_t start = slots_[2 * static_cast<size_t>(n)], end = slots_[2 * static_cast<size_t>(n) + 1];
    if (start < 0 || end < 0) return true;  // an unmatched group matches empty
    int32_t len = end - start;
    int32_t at = back ? *pos - len : *pos;
    if (at < 0 || at + len > len_) return false;
    if (!icase) {
      for (int32_t i = 0; i < len; ++i) {
        if (s_[start + i] != s_[at + i]) return false;
      }
    } else {
      int32_t i = 0;
      while (i < len) {
        int32_t ni, nj;
        char32_t a = ReadForward(start + i, &ni);
        char32_t b = ReadForward(at + i, &nj);
        if (ni - start != nj - at || Canon(a) != Canon(b)) return false;
        i = ni - start;
      }
    }
    *pos = back ? at : at + len;
    return true;
  }

  RegExpResult Attempt(int32_t start) {
    // Registers are always written before they are read: only captures start unset.
    std::fill(slots_.begin(), slots_.begin() + static_cast<std::ptrdiff_t>(capture_slots_), -1);
    choices_.clear();
    undo_.clear();
    const int32_t* code = p_.code.data();
    int32_t pc = 0;
    int32_t pos = start;
    for (;;) {
      const int32_t* ins = code + pc;
      switch (static_cast<Op>(ins[0])) {
        case Op::kChar: {
          if (pos >= len_) goto fail;
          int32_t next;
          if (ReadForward(pos, &next) != static_cast<char32_t>(ins[1])) goto fail;
          pos = next;
          pc += 2;
          break;
        }
        case Op::kCharBack: {
          if (pos <= 0) goto fail;
          int32_t prev;
          if (ReadBackward(pos, &prev) != static_cast<char32_t>(ins[1])) goto fail;
          pos = prev;
          pc += 2;
          break;
        }
        case Op::kCharI: {
          if (pos >= len_) goto fail;
          int32_t next;
          if (Canon(ReadForward(pos, &next)) != static_cast<char32_t>(ins[1])) goto fail;
          pos = next;
          pc += 2;
          break;
        }
        case Op::kCharIBack: {
          if (pos <= 0) goto fail;
          int32_t prev;
          if (Canon(ReadBackward(pos, &prev)) != static_cast<char32_t>(ins[1])) goto fail;
          pos = prev;
          pc += 2;
          break;
        }
        case Op::kDot: {
          if (pos >= len_) goto fail;
          int32_t next;
          char32_t c = ReadForward(pos, &next);
          if (!ins[1] && IsLineTerminator(c)) goto fail;
          pos = next;
          pc += 2;
          break;
        }
        case Op::kDotBack: {
          if (pos <= 0) goto fail;
          int32_t prev;
          char32_t c = ReadBackward(pos, &prev);
          if (!ins[1] && IsLineTerminator(c)) goto fail;
          pos = prev;
          pc += 2;
          break;
        }
        case Op::kSet: {
          if (pos >= len_) goto fail;
          int32_t next;
          if (!InSet(ins[1], ins[2], ReadForward(pos, &next))) goto fail;
          pos = next;
          pc += 3;
          break;
        }
        case Op::kSetBack: {
          if (pos <= 0) goto fail;
          int32_t prev;
          if (!InSet(ins[1], ins[2], ReadBackward(pos, &prev))) goto fail;
          pos = prev;
          pc += 3;
          break;
        }
        case Op::kBackref:
        case Op::kBackrefBack:
          if (!BackrefMatches(ins[1], ins[2] != 0, static_cast<Op>(ins[0]) == Op::kBackrefBack, &pos)) goto fail;
          pc += 3;
          break;
        case Op::kAssertStart:
          if (pos != 0 && !(ins[1] && IsLineTerminator(s_[pos - 1]))) goto fail;
          pc += 2;
          break;
        case Op::kAssertEnd:
          if (pos != len_ && !(ins[1] && IsLineTerminator(s_[pos]))) goto fail;
          pc += 2;
          break;
        case Op::kWordBoundary: {
          bool unicode_icase = (ins[1] & 2) != 0;
          bool boundary = IsWordAt(pos - 1, unicode_icase) != IsWordAt(pos, unicode_icase);
          if (boundary == ((ins[1] & 1) != 0)) goto fail;
          pc += 2;
          break;
        }
        case Op::kPush:
          if (choices_.size() >= kMaxChoices) return RegExpResult::kStackOverflow;
          choices_.push_back({ins[1], pos, static_cast<uint32_t>(undo_.size()), kChoice, 0});
          pc += 2;
          break;
        case Op::kGoto:
          pc = ins[1];
          break;
        case Op::kSave:
          Write(ins[1], pos);
          pc += 2;
          break;
        case Op::kClearCaptures:
          for (int32_t g = ins[1]; g <= ins[2]; ++g) {
            if (slots_[2 * static_cast<size_t>(g)] != -1) Write(2 * g, -1);
            if (slots_[2 * static_cast<size_t>(g) + 1] != -1) Write(2 * g + 1, -1);
          }
          pc += 3;
          break;
        case Op::kSetReg:
          SetReg(ins[1], ins[2]);
          pc += 3;
          break;
        case Op::kSetRegPos:
          SetReg(ins[1], pos);
          pc += 2;
          break;
        case Op::kIncReg:
          SetReg(ins[1], Reg(ins[1]) + 1);
          pc += 2;
          break;
        case Op::kLoop: {
          // An iteration is a step as a backtrack is: ((a*){93}a*){93} does most of its
          // work going forwards between backtracks.
          if (--poll_countdown_ == 0) Poll();
          int32_t count = ins[1] >= 0 ? Reg(ins[1]) : 0;
          if (count < ins[2]) {
            pc += 6;
            break;
          }
          if (ins[3] >= 0 && count >= ins[3]) {
            pc = ins[4];
            break;
          }
          if (choices_.size() >= kMaxChoices) return RegExpResult::kStackOverflow;
          if (ins[5]) {
            choices_.push_back({ins[4], pos, static_cast<uint32_t>(undo_.size()), kChoice, 0});
            pc += 6;
          } else {
            choices_.push_back({pc + 6, pos, static_cast<uint32_t>(undo_.size()), kChoice, 0});
            pc = ins[4];
          }
          break;
        }
        case Op::kEmptyCheck:
          if (pos == Reg(ins[1]) && (ins[2] < 0 || Reg(ins[2]) >= ins[3])) goto fail;
          pc += 4;
          break;
        case Op::kLookStart:
          if (choices_.size() >= kMaxChoices) return RegExpResult::kStackOverflow;
          SetReg(ins[1], static_cast<int32_t>(choices_.size()));
          choices_.push_back({ins[3], pos, static_cast<uint32_t>(undo_.size()),
                              ins[2] ? kNegativeLookMarker : kLookMarker, 0});
          pc += 4;
          break;
        case Op::kLookEnd: {
          auto marker = static_cast<size_t>(Reg(ins[1]));
          Choice m = choices_[marker];
          choices_.resize(marker);
          if (ins[2]) goto fail;  // the negative lookaround's body matched
          pos = m.pos;
          pc += 3;
          break;
        }
        case Op::kRepeatGreedy: {
          const int32_t* atom = ins + 5;
          int32_t limit = ins[2] < 0 ? len_ : std::min<int64_t>(len_, int64_t{pos} + ins[2]);
          int32_t end = pos;
          while (end < limit && MatchesUnit(atom, s_[end])) ++end;
          if (end - pos < ins[1]) goto fail;  // (min may be up to INT32_MAX: pos + min could overflow)
          int32_t floor = pos + ins[1];
          end = GiveBackTo(end, floor, ins[4]);
          if (end < floor) goto fail;  // no place in the run is followed by the next unit
          int32_t cont = pc + 5 + ins[3];
          if (end > floor) {
            if (choices_.size() >= kMaxChoices) return RegExpResult::kStackOverflow;
            choices_.push_back({cont, end, static_cast<uint32_t>(undo_.size()), kGiveBack, floor, ins[4]});
          }
          pos = end;
          pc = cont;
          break;
        }
        case Op::kRepeatGreedyU: {
          const int32_t* atom = ins + 4;
          int32_t min = ins[1], max = ins[2];
          int32_t end = pos, count = 0;
          int32_t floor = min == 0 ? pos : -1;  // where the min-th code point ends
          while (end < len_ && (max < 0 || count < max)) {
            int32_t next;
            if (!MatchesUnit(atom, ReadForward(end, &next))) break;
            end = next;
            if (++count == min) floor = end;
          }
          if (count < min) goto fail;
          int32_t cont = pc + 4 + ins[3];
          if (end > floor) {
            if (choices_.size() >= kMaxChoices) return RegExpResult::kStackOverflow;
            choices_.push_back({cont, end, static_cast<uint32_t>(undo_.size()), kGiveBack, floor, kByCodePoint});
          }
          pos = end;
          pc = cont;
          break;
        }
        case Op::kMatch:
          return RegExpResult::kMatch;
      }
      continue;
    fail:
      for (;;) {
        if (choices_.empty()) return RegExpResult::kNoMatch;
        Choice c = choices_.back();
        choices_.pop_back();
        ++backtracks_;
        if (--poll_countdown_ == 0) Poll();
        if (c.kind == kLookMarker) continue;  // the positive lookaround's body failed
        UnwindTo(c.undo);
        if (c.kind == kGiveBack) {
          // A greedy run gives back one unit (or, with a next unit, down to where it
          // occurs); it stays a choice while it can give more.
          if (c.next == kByCodePoint) {
            // One code point back, never into the code points the run must keep
            // (a run that began inside a surrogate pair read its low half alone).
            int32_t prev;
            ReadBackward(c.pos, &prev);
            c.pos = std::max(prev, c.floor);
          } else {
            c.pos = GiveBackTo(c.pos - 1, c.floor, c.next);
          }
          if (c.pos < c.floor) continue;
          if (c.pos > c.floor) choices_.push_back(c);
        }
        pos = c.pos;
        pc = c.pc;
        break;
      }
    }
  }

  // The highest position <= end and >= floor where `next` (-1: anything)
  // follows; floor - 1 when there is none.
  int32_t GiveBackTo(int32_t end, int32_t floor, int32_t next) const {
    if (next < 0) return end;
    while (end >= floor && (end >= len_ || s_[end] != static_cast<char16_t>(next))) --end;
    return end;
  }

  void Poll() {
    poll_countdown_ = limits_.poll_interval;
    if (limits_.poll) limits_.poll(limits_.context, limits_.poll_interval);
  }

  const RegExpProgram& p_;
  const char16_t* s_;
  int32_t len_;
  const RegExpLimits& limits_;
  bool unicode_;
  size_t capture_slots_;
  std::vector<int32_t>& slots_;
  std::vector<Choice>& choices_;
  std::vector<Undo>& undo_;
  uint64_t backtracks_ = 0;
  uint32_t poll_countdown_;
};


// The first index >= from where unit c occurs, or len.
uint32_t FindUnit(const char16_t* s, uint32_t from, uint32_t len, char16_t c) {
  uint32_t i = from;
#if defined(__SSE2__)
  __m128i needle = _mm_set1_epi16(static_cast<short>(c));
  for (; i + 8 <= len; i += 8) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    auto mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi16(chunk, needle)));
    if (mask) return i + static_cast<uint32_t>(__builtin_ctz(mask)) / 2;
  }
#endif
  for (; i < len; ++i) {
    if (s[i] == c) return i;
  }
  return len;
}

// The first index >= from where unit a or unit b occurs, or len.
uint32_t FindEitherUnit(const char16_t* s, uint32_t from, uint32_t len, char16_t a, char16_t b) {
  uint32_t i = from;
#if defined(__SSE2__)
  __m128i na = _mm_set1_epi16(static_cast<short>(a)), nb = _mm_set1_epi16(static_cast<short>(b));
  for (; i + 8 <= len; i += 8) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    __m128i hit = _mm_or_si128(_mm_cmpeq_epi16(chunk, na), _mm_cmpeq_epi16(chunk, nb));
    auto mask = static_cast<uint32_t>(_mm_movemask_epi8(hit));
    if (mask) return i + static_cast<uint32_t>(__builtin_ctz(mask)) / 2;
  }
#endif
  for (; i < len; ++i) {
    if (s[i] == a || s[i] == b) return i;
  }
  return len;
}

// The first index >= from (and <= len - lit.size()) where lit occurs, or len.
uint32_t FindLiteral(const char16_t* s, uint32_t from, uint32_t len, const std::u16string& lit) {
  auto n = static_cast<uint32_t>(lit.size());
  for (;;) {
    if (from > len || len - from < n) return len;
    from = FindUnit(s, from, len - n + 1, lit[0]);
    if (from > len - n) return len;
    uint32_t k = 1;
    while (k < n && s[from + k] == lit[k]) ++k;
    if (k == n) return from;
    ++from;
  }
}

// Whether a match can start with code unit c (first_known programs).
bool CanStartWith(const RegExpProgram& p, char16_t c) {
  if (c < 256) return (p.first_latin1[c >> 6] >> (c & 63)) & 1;
  if (!p.first_above_latin1) return false;
  const std::vector<char32_t>& r = p.first_units;
  for (size_t i = 0; i < r.size(); i += 2) {
    if (c < r[i]) return false;
    if (c <= r[i + 1]) return true;
  }
  return false;
}

}  // namespace

namespace {

// ExecRegExp for one program: from start, trying later start positions unless
// the program is sticky or anchored or `once` is set.
RegExpResult Search(const RegExpProgram& program, std::u16string_view subject, uint32_t start,
                    std::vector<int32_t>* captures, const RegExpLimits& limits, uint64_t* backtracks, bool once) {
  if (backtracks) *backtracks = 0;
  if (start > subject.size()) return RegExpResult::kNoMatch;
  auto len = static_cast<uint32_t>(subject.size());
  const char16_t* s = subject.data();
  // A subject without the required unit cannot match (the prefix and infix scans find that out themselves).
  if (program.required_unit != 0xFFFFFFFFu && program.prefix.empty() && program.infix.empty() &&
      FindUnit(s, start, len, static_cast<char16_t>(program.required_unit)) == len) {
    return RegExpResult::kNoMatch;
  }
  bool sticky = (program.flags & kRegExpSticky) != 0;
  bool unicode = (program.flags & (kRegExpUnicode | kRegExpUnicodeSets)) != 0;
  // With u/v the subject is code points: a start inside a surrogate pair
  // starts at the pair, as V8 does.
  if (unicode && start > 0 && start < len && s[start - 1] >= 0xD800 && s[start - 1] <= 0xDBFF && s[start] >= 0xDC00 &&
      s[start] <= 0xDFFF) {
    --start;
  }
  if (program.anchored && start > 0) return RegExpResult::kNoMatch;
  if (sticky || once || program.anchored) {
    // One attempt, at start: rejected without running when its first units cannot begin a match
    // (a tokenizer's sticky rules mostly fail at their first character).
    if (!program.prefix.empty() &&
        (len - start < program.prefix.size() ||
         !std::equal(program.prefix.begin(), program.prefix.end(), s + start))) {
      return RegExpResult::kNoMatch;
    }
    if (program.first_known && (start >= len || !CanStartWith(program, s[start]))) return RegExpResult::kNoMatch;
  }
  RegExpScratch::Buffers* buffers = limits.scratch ? limits.scratch->Acquire() : nullptr;
  RegExpScratch::Buffers own;
  Matcher m(program, subject, limits, buffers ? buffers : &own);
  struct ReleaseOnExit {
    RegExpScratch* scratch;
    ~ReleaseOnExit() {
      if (scratch) scratch->Release();
    }
  } release{buffers ? limits.scratch : nullptr};
  RegExpResult r = RegExpResult::kNoMatch;
  const std::u16string& prefix = program.prefix;
  auto prefix_len = static_cast<uint32_t>(prefix.size());
  // With an infix: the last start position the occurrence found last allows.
  int64_t window_end = -1;
  for (uint32_t at = start; at <= len;) {
    if (!sticky && !program.anchored && !once) {  // an anchored program runs once, at 0
      if (prefix_len > 0) {
        at = FindLiteral(s, at, len, prefix);  // prefixes hold no surrogates
        if (at == len) break;
      } else if (!program.infix.empty()) {
        if (int64_t{at} > window_end) {
          uint32_t found = FindLiteral(s, at + program.infix_min, len, program.infix);
          if (found == len) break;
          at = std::max<uint32_t>(at, found >= program.infix_max ? found - program.infix_max : 0);
          window_end = int64_t{found} - program.infix_min;
        }
      } else if (program.first_known) {
        // First units are never surrogates. One or two of them (a letter under i): a vector scan.
        const std::vector<char32_t>& f = program.first_units;
        if (f.size() == 2 && f[0] == f[1]) {
          at = FindUnit(s, at, len, static_cast<char16_t>(f[0]));
        } else if (f.size() == 4 && f[0] == f[1] && f[2] == f[3]) {
          at = FindEitherUnit(s, at, len, static_cast<char16_t>(f[0]), static_cast<char16_t>(f[2]));
        } else {
          while (at < len && !CanStartWith(program, s[at])) ++at;
        }
        if (at >= len) break;
      }
    }
    r = m.Run(static_cast<int32_t>(at), captures);
    if (r != RegExpResult::kNoMatch || sticky || program.anchored || once) break;
    // AdvanceStringIndex: past a whole surrogate pair with u/v.
    if (unicode && at + 1 < len && s[at] >= 0xD800 && s[at] <= 0xDBFF && s[at + 1] >= 0xDC00 && s[at + 1] <= 0xDFFF) {
      at += 2;
    } else {
      ++at;
    }
  }
  if (backtracks) *backtracks = m.backtracks();
  m.FlushSteps();
  return r;
}

}  // namespace

RegExpResult ExecRegExp(const RegExpProgram& program, std::u16string_view subject, uint32_t start,
                        std::vector<int32_t>* captures, const RegExpLimits& limits, uint64_t* backtracks) {
  if (!program.past_start || start > subject.size()) {
    return Search(program, subject, start, captures, limits, backtracks, false);
  }
  // `^a|b`: index 0 runs the whole program, later indices only the
  // alternatives without the ^ (the others cannot match there).
  const char16_t* s = subject.data();
  auto len = static_cast<uint32_t>(subject.size());
  bool unicode = (program.flags & (kRegExpUnicode | kRegExpUnicodeSets)) != 0;
  bool pair_at_0 = unicode && len >= 2 && s[0] >= 0xD800 && s[0] <= 0xDBFF && s[1] >= 0xDC00 && s[1] <= 0xDFFF;
  if (start == 1 && pair_at_0) start = 0;  // a start inside a surrogate pair starts at the pair
  if (start > 0) return Search(*program.past_start, subject, start, captures, limits, backtracks, false);
  uint64_t at_start = 0, after = 0;
  RegExpResult r = Search(program, subject, 0, captures, limits, &at_start, true);
  if (r == RegExpResult::kNoMatch && !(program.flags & kRegExpSticky) && len > 0) {
    r = Search(*program.past_start, subject, pair_at_0 ? 2 : 1, captures, limits, &after, false);
  }
  if (backtracks) *backtracks = at_start + after;
  return r;
}

}  // namespace jsvm
