// jsvm's regular-expression engine: a pattern is parsed (with the
// specification's early errors), compiled to a small regexp bytecode, and run
// by a backtracking interpreter whose backtrack stack is a heap vector, so
// neither a long subject nor a deeply nested pattern grows the C++ stack.
// Subjects are UTF-16 code units; with the u or v flag surrogate pairs are
// read as one code point. Nothing here touches the JavaScript heap: a
// compiled program is plain C++ data that RegExp objects share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jsvm {

// The flags of a regular expression, as bits: V8's (JSRegExp::Flags), so
// that CreateRegExpLiteral's flags operand reads as in node's listings.
enum RegExpFlag : uint16_t {
  kRegExpGlobal = 1 << 0,       // g
  kRegExpIgnoreCase = 1 << 1,   // i
  kRegExpMultiline = 1 << 2,    // m
  kRegExpSticky = 1 << 3,       // y
  kRegExpUnicode = 1 << 4,      // u
  kRegExpDotAll = 1 << 5,       // s
  kRegExpHasIndices = 1 << 7,   // d
  kRegExpUnicodeSets = 1 << 8,  // v
};

// Parses a flags string; false when a flag is unknown or repeated, or both u
// and v are given.
bool ParseRegExpFlags(std::u16string_view text, uint16_t* flags);
// The flags in the order of RegExp.prototype.flags ("dgimsuvy").
std::string RegExpFlagsText(uint16_t flags);

// A compiled pattern: its bytecode and what the built-ins need to know.
struct RegExpProgram : std::enable_shared_from_this<RegExpProgram> {
  std::u16string source;
  uint16_t flags = 0;
  uint32_t capture_count = 0;  // groups, not counting the whole match
  // Group names by capture index (1-based; empty for unnamed groups), in
  // the order of the pattern.
  std::vector<std::u16string> group_names;
  bool has_named_groups = false;
  // The bytecode (vm/regexp/regexp-bytecodes.h) and its tables.
  std::vector<int32_t> code;
  std::vector<std::vector<char32_t>> sets;  // ranges as lo, hi pairs, sorted
  uint32_t register_count = 0;
  // A code unit every match contains (0xFFFFFFFF: none known): a subject
  // without it cannot match, which is checked before any backtracking.
  uint32_t required_unit = 0xFFFFFFFFu;
  // The code units a match can start with, as lo, hi ranges, when known
  // (first_known): other start positions are skipped without running.
  bool first_known = false;
  std::vector<char32_t> first_units;
  // first_units below 256 as a bitmap, and whether any first unit is 256 or more.
  uint64_t first_latin1[4] = {0, 0, 0, 0};
  bool first_above_latin1 = false;
  // Every match starts at index 0 (a leading ^ without the m flag).
  bool anchored = false;
  // Code units every match starts with (case-sensitive literals before any
  // other consuming node): start positions are found by searching for them.
  std::u16string prefix;
  // Otherwise, code units every match contains at an offset from its start
  // between infix_min and infix_max: start positions are found around the
  // places they occur.
  std::u16string infix;
  uint32_t infix_min = 0, infix_max = 0;
  // For a top-level alternation some of whose alternatives start with ^
  // (not multiline): the others alone, run at start positions after 0.
  std::shared_ptr<const RegExpProgram> past_start;
};

// Buffers one execution uses (captures, registers, choice points, undo log),
// kept between executions so that running a pattern allocates nothing once
// they have grown. Opaque outside the interpreter.
class RegExpScratch {
 public:
  RegExpScratch();
  ~RegExpScratch();
  RegExpScratch(const RegExpScratch&) = delete;
  RegExpScratch& operator=(const RegExpScratch&) = delete;
  struct Buffers;
  // The buffers, or null while an execution is using them.
  Buffers* Acquire();
  void Release() { in_use_ = false; }

 private:
  std::unique_ptr<Buffers> buffers_;
  bool in_use_ = false;
};

// Compiles pattern + flags. On a syntax error returns null and sets *error to
// V8's message ("Unterminated group"...).
std::shared_ptr<const RegExpProgram> CompileRegExp(std::u16string_view pattern, uint16_t flags,
                                                   std::string* error);

// Checks a regular-expression literal's body and flags (the compiler's early
// error): an empty string when valid, else the whole message, as
// "Invalid regular expression: /body/flags: Unterminated group".
std::string ValidateRegExpLiteral(std::u16string_view body, std::u16string_view flags);

// Limits of one execution: every `poll_interval` steps (a backtrack or a loop
// iteration) the matcher calls poll(context, steps since the last call), and
// once more with the rest when it finishes; poll may throw to stop it
// (--max-steps, --timeout).
struct RegExpLimits {
  void (*poll)(void* context, uint64_t steps) = nullptr;
  void* context = nullptr;
  uint32_t poll_interval = 4096;
  // Buffers to reuse (null: the execution allocates its own).
  RegExpScratch* scratch = nullptr;
};

// The outcome of one execution.
enum class RegExpResult { kMatch, kNoMatch, kStackOverflow };

// Runs `program` on `subject` from index `start` (trying later start
// positions too unless the program is sticky). On a match, captures holds
// 2 * (capture_count + 1) indices (start, end; -1 for an unmatched group).
// *backtracks receives the number of backtracks taken.
RegExpResult ExecRegExp(const RegExpProgram& program, std::u16string_view subject, uint32_t start,
                        std::vector<int32_t>* captures, const RegExpLimits& limits,
                        uint64_t* backtracks = nullptr);

// A listing of the program's bytecode, one instruction a line.
std::string DisassembleRegExp(const RegExpProgram& program);

}  // namespace jsvm
