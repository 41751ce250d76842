// Unicode data for the regexp engine, from ICU (libicu-dev): simple case
// folding and upper-casing for Canonicalize, property sets for \p{...},
// ID_Start / ID_Continue for group names. The names \p accepts are exactly
// the specification's (tables 67-70 of ECMA-262), not ICU's loose matching.
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/usetiter.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>
#include <string>

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
      UChar in[1] = {static_cast<UChar>(c)};
      UChar out[4];
      UErrorCode status = U_ZERO_ERROR;
      int32_t n = u_strToUpper(out, 4, in, 1, "", &status);
      if (U_FAILURE(status) || n != 1) continue;
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

bool Utf16Equals(std::u16string_view a, const char* b) {
  if (b == nullptr || a.size() != std::strlen(b)) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != static_cast<char16_t>(b[i])) return false;
  }
  return true;
}

std::string Ascii(std::u16string_view s) {
  std::string out;
  for (char16_t c : s) out += static_cast<char>(c);
  return out;
}

// Whether `name` is one of ICU's names for value v of property p (exact case).
bool IsValueName(UProperty p, int32_t v, std::u16string_view name) {
  for (int choice = 0; choice < 8; ++choice) {
    const char* n = u_getPropertyValueName(p, v, static_cast<UPropertyNameChoice>(choice));
    if (Utf16Equals(name, n)) return true;
  }
  return false;
}

void AddUnicodeSet(const icu::UnicodeSet& us, CharSet* set) {
  for (int32_t i = 0; i < us.getRangeCount(); ++i) {
    set->Add(static_cast<char32_t>(us.getRangeStart(i)), static_cast<char32_t>(us.getRangeEnd(i)));
  }
  icu::UnicodeSetIterator it(us);
  while (it.nextRange()) {
    if (!it.isString()) continue;
    const icu::UnicodeString& s = it.getString();
    std::u32string cps;
    for (int32_t j = 0; j < s.length();) {
      UChar32 cp = s.char32At(j);
      cps += static_cast<char32_t>(cp);
      j += U16_LENGTH(cp);
    }
    set->strings.push_back(cps);
  }
}

// The binary properties ECMAScript allows (long names and aliases), and the
// properties of strings the v flag adds.
const char* const kBinaryProperties[] = {
    "ASCII_Hex_Digit", "AHex", "Alphabetic", "Alpha", "Bidi_Control", "Bidi_C", "Bidi_Mirrored", "Bidi_M",
    "Case_Ignorable", "CI", "Cased", "Changes_When_Casefolded", "CWCF", "Changes_When_Casemapped", "CWCM",
    "Changes_When_Lowercased", "CWL", "Changes_When_NFKC_Casefolded", "CWKCF", "Changes_When_Titlecased", "CWT",
    "Changes_When_Uppercased", "CWU", "Dash", "Default_Ignorable_Code_Point", "DI", "Deprecated", "Dep",
    "Diacritic", "Dia", "Emoji", "Emoji_Component", "EComp", "Emoji_Modifier", "EMod", "Emoji_Modifier_Base",
    "EBase", "Emoji_Presentation", "EPres", "Extended_Pictographic", "ExtPict", "Extender", "Ext",
    "Grapheme_Base", "Gr_Base", "Grapheme_Extend", "Gr_Ext", "Hex_Digit", "Hex", "IDS_Binary_Operator", "IDSB",
    "IDS_Trinary_Operator", "IDST", "ID_Continue", "IDC", "ID_Start", "IDS", "Ideographic", "Ideo",
    "Join_Control", "Join_C", "Logical_Order_Exception", "LOE", "Lowercase", "Lower", "Math",
    "Noncharacter_Code_Point", "NChar", "Pattern_Syntax", "Pat_Syn", "Pattern_White_Space", "Pat_WS",
    "Quotation_Mark", "QMark", "Radical", "Regional_Indicator", "RI", "Sentence_Terminal", "STerm",
    "Soft_Dotted", "SD", "Terminal_Punctuation", "Term", "Unified_Ideograph", "UIdeo", "Uppercase", "Upper",
    "Variation_Selector", "VS", "White_Space", "space", "XID_Continue", "XIDC", "XID_Start", "XIDS"};
const char* const kStringProperties[] = {"Basic_Emoji", "Emoji_Keycap_Sequence", "RGI_Emoji_Modifier_Sequence",
                                         "RGI_Emoji_Flag_Sequence", "RGI_Emoji_Tag_Sequence",
                                         "RGI_Emoji_ZWJ_Sequence", "RGI_Emoji"};

bool InList(std::u16string_view name, const char* const* list, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (Utf16Equals(name, list[i])) return true;
  }
  return false;
}

}  // namespace

char32_t Canonicalize(char32_t c, bool unicode) {
  if (unicode) {
    if (c < 128) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT));
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
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeSet us;
  if (!value.empty()) {
    UProperty p;
    if (Utf16Equals(name, "General_Category") || Utf16Equals(name, "gc")) p = UCHAR_GENERAL_CATEGORY_MASK;
    else if (Utf16Equals(name, "Script") || Utf16Equals(name, "sc")) p = UCHAR_SCRIPT;
    else if (Utf16Equals(name, "Script_Extensions") || Utf16Equals(name, "scx")) p = UCHAR_SCRIPT_EXTENSIONS;
    else return false;
    UProperty names = p == UCHAR_SCRIPT_EXTENSIONS ? UCHAR_SCRIPT : p;
    int32_t v = u_getPropertyValueEnum(names, Ascii(value).c_str());
    if (v == UCHAR_INVALID_CODE || !IsValueName(names, v, value)) return false;
    us.applyIntPropertyValue(p, v, status);
    if (U_FAILURE(status)) return false;
    AddUnicodeSet(us, set);
    set->Normalize();
    return true;
  }
  if (Utf16Equals(name, "Any")) {
    set->Add(0, 0x10FFFF);
    return true;
  }
  if (Utf16Equals(name, "ASCII")) {
    set->Add(0, 0x7F);
    return true;
  }
  if (Utf16Equals(name, "Assigned")) {
    us.applyIntPropertyValue(UCHAR_GENERAL_CATEGORY_MASK, U_GC_CN_MASK, status);
    us.complement();
    AddUnicodeSet(us, set);
    set->Normalize();
    return true;
  }
  std::string ascii = Ascii(name);
  bool is_binary = InList(name, kBinaryProperties, std::size(kBinaryProperties));
  bool is_string = allow_strings && InList(name, kStringProperties, std::size(kStringProperties));
  if (is_binary || is_string) {
    UProperty p = u_getPropertyEnum(ascii.c_str());
    if (p == UCHAR_INVALID_CODE) return false;
    us.applyIntPropertyValue(p, 1, status);
    if (U_FAILURE(status)) return false;
    AddUnicodeSet(us, set);
    set->Normalize();
    return true;
  }
  // A General_Category value alone (\p{Lu}, \p{Letter}).
  int32_t v = u_getPropertyValueEnum(UCHAR_GENERAL_CATEGORY_MASK, ascii.c_str());
  if (v == UCHAR_INVALID_CODE || !IsValueName(UCHAR_GENERAL_CATEGORY_MASK, v, name)) return false;
  us.applyIntPropertyValue(UCHAR_GENERAL_CATEGORY_MASK, v, status);
  if (U_FAILURE(status)) return false;
  AddUnicodeSet(us, set);
  set->Normalize();
  return true;
}

bool IsRegExpIdStart(char32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ID_START);
}

bool IsRegExpIdPart(char32_t c) {
  if (c < 128) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_ID_CONTINUE);
}

}  // namespace jsvm::regexp
