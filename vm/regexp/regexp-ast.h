// The tree the regexp parser builds and the compiler walks (internal to
// vm/regexp/), and the character sets both share.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace jsvm::regexp {

// A set of code points as sorted, disjoint, non-adjacent [lo, hi] ranges,
// plus (v flag only) the strings of more than one code point it contains.
struct CharSet {
  std::vector<char32_t> ranges;  // lo0, hi0, lo1, hi1, ...
  std::vector<std::u32string> strings;

  void Add(char32_t lo, char32_t hi);
  void AddSet(const CharSet& other);
  bool Contains(char32_t c) const;
  // Sorts and merges the ranges (after Add calls); dedups the strings.
  void Normalize();
  CharSet Complement() const;  // of the code points only
  CharSet Intersect(const CharSet& other) const;
  CharSet Subtract(const CharSet& other) const;
  bool Empty() const { return ranges.empty() && strings.empty(); }
};

enum class NodeKind : uint8_t {
  kEmpty,
  kChar,      // value: a code point (or a code unit without u/v)
  kSet,       // set, negated
  kDot,
  kAssert,    // value: AssertKind
  kBackref,   // value: capture index (named ones are resolved after parsing)
  kGroup,     // value: capture index, or 0 for (?:...)
  kLook,      // negated, behind
  kQuant,     // min, max (-1: infinity), greedy
  kAlt,
  kSeq,
};

enum AssertKind : int32_t { kAssertStart, kAssertEnd, kAssertWordBoundary, kAssertNotWordBoundary };

struct Node {
  NodeKind kind = NodeKind::kEmpty;
  bool negated = false;  // kSet: [^...]; kLook: (?! or (?<!; kAssert unused
  bool behind = false;   // kLook: lookbehind
  bool greedy = true;    // kQuant
  int32_t value = 0;
  int32_t min = 0, max = 0;
  CharSet set;
  std::u16string name;    // kBackref by name before resolution
  std::vector<Node*> kids;
  // First and last capture index inside (kQuant: the groups reset per iteration).
  int32_t capture_from = 0, capture_to = 0;
  // kGroup (?ims-ims:...): the modifier flags it turns on and off (kModifier* bits).
  uint8_t mods_add = 0, mods_remove = 0;
};

// Bits of Node::mods_add / mods_remove.
enum ModifierBit : uint8_t { kModifierIgnoreCase = 1, kModifierMultiline = 2, kModifierDotAll = 4 };

// The parsed pattern. Nodes live as long as the tree.
struct Tree {
  Node* root = nullptr;
  uint32_t capture_count = 0;
  std::vector<std::u16string> group_names;  // by capture index; [0] unused
  bool has_modifiers = false;               // a (?ims-ims:...) group: flags vary inside the pattern
  std::vector<std::unique_ptr<Node>> nodes;
  Node* New(NodeKind kind) {
    nodes.push_back(std::make_unique<Node>());
    nodes.back()->kind = kind;
    return nodes.back().get();
  }
};

// Parses pattern under `flags` (RegExpFlag bits); false with *error set on a
// syntax error.
bool ParsePattern(std::u16string_view pattern, uint16_t flags, Tree* tree, std::string* error);

// Unicode data (regexp-unicode.cc, on ICU).
// Canonicalize(ch) of the specification: simple case folding with u/v,
// the toUpperCase rule otherwise.
char32_t Canonicalize(char32_t c, bool unicode);
// {Canonicalize(a) : a in set}.
CharSet CanonicalizeSet(const CharSet& set, bool unicode);
// Every code point whose canonical form is c's, c included (for case-closing a set).
// \p{name} / \p{name=value}: false when the name is not one ES allows. A
// property of strings (v flag only) adds to set->strings.
bool UnicodePropertySet(std::u16string_view name, std::u16string_view value, bool allow_strings, CharSet* set);
// ID_Start / ID_Continue for group names.
bool IsRegExpIdStart(char32_t c);
bool IsRegExpIdPart(char32_t c);

}  // namespace jsvm::regexp
