// The Unicode properties ECMAScript names: General_Category, Script,
// Script_Extensions, the binary properties and the v flag's properties of
// strings, as code point ranges (and strings) generated from the Unicode
// Character Database into unicode-properties.inc by
// tools/gen-unicode-properties.mjs, checked there against node's own \p. The
// regexp engine's \p{...} and the lexer's ID_Start / ID_Continue read them.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace jsvm {

enum class UnicodePropertyKind : uint8_t { kGeneralCategory, kScript, kScriptExtensions, kBinary, kString };

// One value of a property (Script=Latin, Alphabetic, RGI_Emoji).
struct UnicodePropertyEntry {
  UnicodePropertyKind kind;
  const char* names;  // the canonical name, then its aliases, separated by '|'
  uint32_t first_range;
  uint32_t range_count;
  uint32_t first_string;  // in the string pool: each string is its length, then its code points
  uint32_t string_count;
};

// The value named `name` (exactly, as ECMAScript requires: no loose
// matching) of a property of this kind, or nullptr.
const UnicodePropertyEntry* FindUnicodeProperty(UnicodePropertyKind kind, std::u16string_view name);
// Its code points as inclusive ranges: lo0, hi0, lo1, hi1, ... (sorted, disjoint).
std::span<const char32_t> UnicodePropertyRanges(const UnicodePropertyEntry& entry);
// Calls f(std::u32string_view) for each of its strings (properties of strings).
template <typename F>
void ForEachUnicodePropertyString(const UnicodePropertyEntry& entry, F&& f);
bool UnicodePropertyContains(const UnicodePropertyEntry& entry, char32_t c);
// The Unicode version of the tables ("17.0.0").
const char* UnicodePropertiesVersion();

// Simple case folding (CaseFolding.txt's C and S mappings): the
// Canonicalize of /iu and /iv.
char32_t SimpleCaseFold(char32_t c);

// ID_Start and ID_Continue (identifiers and regexp group names).
bool IsUnicodeIdStart(char32_t c);
bool IsUnicodeIdContinue(char32_t c);

// ---- implementation
std::span<const char32_t> UnicodePropertyStringPool();

template <typename F>
void ForEachUnicodePropertyString(const UnicodePropertyEntry& entry, F&& f) {
  std::span<const char32_t> pool = UnicodePropertyStringPool();
  uint32_t at = entry.first_string;
  for (uint32_t i = 0; i < entry.string_count; ++i) {
    uint32_t length = pool[at];
    f(std::u32string_view(pool.data() + at + 1, length));
    at += length + 1;
  }
}

}  // namespace jsvm
