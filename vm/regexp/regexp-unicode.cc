// Unicode data for the regexp engine, all node 20's Unicode 17: the
// upper-casing of non-unicode Canonicalize is String.prototype.toUpperCase's
// (vm/builtins/case-tables.inc); simple case folding (/iu, /iv), the property
// sets of \p{...} and ID_Start / ID_Continue for group names come from the
// generated tables of vm/objects/unicode-properties.h. (Debian 12's ICU 72
// is Unicode 15.) The names \p accepts are exactly the
// specification's (tables 67-70 of ECMA-262), with no loose matching.
#include <algorithm>
#include <array>
#include <mutex>
#include <string>

#include "vm/builtins/builtins.h"
#include "vm/objects/unicode-properties.h"
#include "vm/regexp/regexp-ast.h"

namespace jsvm::regexp {

namespace {

// The non-unicode Canonicalize of every code unit (toUppercase, kept when it
// is not one code unit or would map a non-ASCII unit into ASCII).
const std::array<char16_t, 0x10000>& UpperTable() {
  static std::array<char16_t, 0x10000> table;
  static std::once_flag once;
  std::call_once(once, [] {
    for (uint32_t c = 0; c < 0x10000; ++c) {
      table[c] = static_cast<char16_t>(c);
      if (c >= 0xD800 && c <= 0xDFFF) continue;
      std::u16string out = ToUpperCaseCore(std::u16string(1, static_cast<char16_t>(c)));
      if (out.size() != 1) continue;
      if (c >= 128 && out[0] < 128) continue;
      table[c] = out[0];
    }
  });
  return table;
}

// Every code point that Canonicalize changes, with its canonical form.
struct Folds {
  std::vector<std::pair<char32_t, char32_t>> pairs;
  CharSet changed;
};

const Folds& FoldsOf(bool unicode) {
  static Folds folds[2];
  static std::once_flag once[2];
  std::call_once(once[unicode ? 1 : 0], [unicode] {
    Folds& f = folds[unicode ? 1 : 0];
    char32_t limit = unicode ? 0x110000 : 0x10000;
    for (char32_t c = 0; c < limit; ++c) {
      char32_t k = Canonicalize(c, unicode);
      if (k != c) {
        f.pairs.emplace_back(c, k);
        f.changed.Add(c, c);
      }
    }
    f.changed.Normalize();
  });
  return folds[unicode ? 1 : 0];
}

}  // namespace

char32_t Canonicalize(char32_t c, bool unicode) {
  if (unicode) {
    if (c < 128) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return SimpleCaseFold(c);
  }
  if (c < 128) return (c >= 'a' && c <= 'z') ? c - 32 : c;
  if (c > 0xFFFF) return c;
  return UpperTable()[c];
}

CharSet CanonicalizeSet(const CharSet& set, bool unicode) {
  const Folds& f = FoldsOf(unicode);
  CharSet out = set.Subtract(f.changed);
  for (auto [c, k] : f.pairs) {
    if (set.Contains(c)) out.Add(k, k);
  }
  for (const auto& s : set.strings) {
    std::u32string t;
    for (char32_t c : s) t += Canonicalize(c, unicode);
    out.strings.push_back(t);
  }
  out.Normalize();
  return out;
}

bool UnicodePropertySet(std::u16string_view name, std::u16string_view value, bool allow_strings, CharSet* set) {
  const UnicodePropertyEntry* entry = nullptr;
  if (!value.empty()) {
    UnicodePropertyKind kind;
    if (name == u"General_Category" || name == u"gc") kind = UnicodePropertyKind::kGeneralCategory;
    else if (name == u"Script" || name == u"sc") kind = UnicodePropertyKind::kScript;
    else if (name == u"Script_Extensions" || name == u"scx") kind = UnicodePropertyKind::kScriptExtensions;
    else return false;
    entry = FindUnicodeProperty(kind, value);
  } else {
    // A binary property, a General_Category value alone (\p{Lu},
    // \p{Letter}), or (v flag) a property of strings.
    entry = FindUnicodeProperty(UnicodePropertyKind::kBinary, name);
    if (!entry) entry = FindUnicodeProperty(UnicodePropertyKind::kGeneralCategory, name);
    if (!entry && allow_strings) entry = FindUnicodeProperty(UnicodePropertyKind::kString, name);
  }
  if (!entry) return false;
  std::span<const char32_t> ranges = UnicodePropertyRanges(*entry);
  for (size_t i = 0; i < ranges.size(); i += 2) set->Add(ranges[i], ranges[i + 1]);
  ForEachUnicodePropertyString(*entry, [set](std::u32string_view s) { set->strings.emplace_back(s); });
  set->Normalize();
  return true;
}

bool IsRegExpIdStart(char32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return IsUnicodeIdStart(c);
}

bool IsRegExpIdPart(char32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return IsUnicodeIdContinue(c);
}

}  // namespace jsvm::regexp
