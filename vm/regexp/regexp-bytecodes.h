// The regexp bytecode, defined once: REGEXP_BYTECODES(V) lists each
// instruction as V(Name, operand count, "meaning"). Instructions are int32
// words: the opcode, then its operands. "Back" forms read backwards (the
// body of a lookbehind). `pos` is the current index into the subject; a
// failing instruction backtracks to the most recent choice point.
#pragma once

#include <cstdint>

namespace jsvm::regexp {

#define REGEXP_BYTECODES(V)                                                                              \
  V(Char, 1, "the next character is c")                                                                  \
  V(CharBack, 1, "the previous character is c")                                                          \
  V(CharI, 1, "the next character canonicalizes to c")                                                   \
  V(CharIBack, 1, "the previous character canonicalizes to c")                                           \
  V(Dot, 1, "any next character (dotAll: line terminators too)")                                        \
  V(DotBack, 1, "any previous character (dotAll: line terminators too)")                                \
  V(Set, 2, "the next character is in set idx (flags: 1 negated, 2 canonicalize first)")                 \
  V(SetBack, 2, "the previous character is in set idx (flags as Set)")                                   \
  V(Backref, 2, "the text of group n follows (flag: ignore case)")                                       \
  V(BackrefBack, 2, "the text of group n precedes (flag: ignore case)")                                  \
  V(AssertStart, 1, "pos is the input's start (multiline: or a line's)")                                 \
  V(AssertEnd, 1, "pos is the input's end (multiline: or a line's)")                                     \
  V(WordBoundary, 1, "pos is (flags 1: is not) between a word and a non-word character (2: u/v+i words)") \
  V(Push, 1, "push a choice point that resumes at target with the current pos")                          \
  V(Goto, 1, "continue at target")                                                                       \
  V(Save, 1, "slot = pos (capture starts and ends)")                                                     \
  V(ClearCaptures, 2, "groups from..to become unmatched (each iteration of a quantifier)")               \
  V(SetReg, 2, "register r = value")                                                                     \
  V(SetRegPos, 1, "register r = pos")                                                                    \
  V(IncReg, 1, "register r += 1")                                                                        \
  V(Loop, 5, "iteration count in r (-1: none) against min, max (-1: none); exit target, greedy")         \
  V(EmptyCheck, 3, "fail if pos == register p and count register c (-1: none) >= min")                  \
  V(LookStart, 3, "enter a lookaround: marker register r, negated, continuation target")                 \
  V(LookEnd, 2, "its body matched: marker register r, negated")                                          \
  V(RepeatGreedy, 4, "the next instruction (one code unit, forwards) as often as it matches, min..max; give back one at a time (len: its size); next: the unit that must follow (-1: any)") \
  V(RepeatGreedyU, 3, "u/v: the next instruction (one code point, forwards) as often as it matches, min..max code points; give back one code point at a time (len: its size)") \
  V(Match, 0, "the pattern matched")

enum class Op : int32_t {
#define REGEXP_OP_ENUM(name, count, meaning) k##name,
  REGEXP_BYTECODES(REGEXP_OP_ENUM)
#undef REGEXP_OP_ENUM
};

// Operands of each opcode.
constexpr int kOperandCount[] = {
#define REGEXP_OP_COUNT(name, count, meaning) count,
    REGEXP_BYTECODES(REGEXP_OP_COUNT)
#undef REGEXP_OP_COUNT
};

// Opcode names for listings.
constexpr const char* kOpName[] = {
#define REGEXP_OP_NAME(name, count, meaning) #name,
    REGEXP_BYTECODES(REGEXP_OP_NAME)
#undef REGEXP_OP_NAME
};

// Set flags.
constexpr int32_t kSetNegated = 1;
constexpr int32_t kSetIgnoreCase = 2;

}  // namespace jsvm::regexp
