// Unit tests of vm/objects/unicode-properties.h, the generated Unicode tables
// behind \p{...}, /iu case folding and identifiers (expected values are
// node 20's, Unicode 17).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "vm/objects/unicode-properties.h"
#include "vm/objects/unicode.h"

namespace jsvm {
namespace {

bool Has(UnicodePropertyKind kind, std::u16string_view name, char32_t c) {
  const UnicodePropertyEntry* e = FindUnicodeProperty(kind, name);
  return e != nullptr && UnicodePropertyContains(*e, c);
}

TEST(UnicodeProperties, NamesAndAliasesAreExact) {
  using K = UnicodePropertyKind;
  EXPECT_NE(FindUnicodeProperty(K::kGeneralCategory, u"Lu"), nullptr);
  EXPECT_EQ(FindUnicodeProperty(K::kGeneralCategory, u"Lu"),
            FindUnicodeProperty(K::kGeneralCategory, u"Uppercase_Letter"));
  EXPECT_EQ(FindUnicodeProperty(K::kGeneralCategory, u"digit"), FindUnicodeProperty(K::kGeneralCategory, u"Nd"));
  EXPECT_EQ(FindUnicodeProperty(K::kScript, u"Latn"), FindUnicodeProperty(K::kScript, u"Latin"));
  EXPECT_EQ(FindUnicodeProperty(K::kBinary, u"space"), FindUnicodeProperty(K::kBinary, u"White_Space"));
  // No loose matching: case, spaces and underscores count.
  EXPECT_EQ(FindUnicodeProperty(K::kGeneralCategory, u"lu"), nullptr);
  EXPECT_EQ(FindUnicodeProperty(K::kScript, u"latin"), nullptr);
  EXPECT_EQ(FindUnicodeProperty(K::kBinary, u"WhiteSpace"), nullptr);
  EXPECT_EQ(FindUnicodeProperty(K::kBinary, u"Latin"), nullptr);
  // A name is found only under its own kind.
  EXPECT_EQ(FindUnicodeProperty(K::kGeneralCategory, u"Alphabetic"), nullptr);
  EXPECT_EQ(FindUnicodeProperty(K::kBinary, u"RGI_Emoji"), nullptr);
  EXPECT_NE(FindUnicodeProperty(K::kString, u"RGI_Emoji"), nullptr);
}

TEST(UnicodeProperties, SetsHoldUnicode17) {
  using K = UnicodePropertyKind;
  EXPECT_TRUE(Has(K::kGeneralCategory, u"Lu", U'A'));
  EXPECT_FALSE(Has(K::kGeneralCategory, u"Lu", U'a'));
  EXPECT_TRUE(Has(K::kGeneralCategory, u"Letter", U'a'));
  EXPECT_TRUE(Has(K::kGeneralCategory, u"Cs", 0xD800));
  EXPECT_TRUE(Has(K::kBinary, u"Any", 0x10FFFF));
  EXPECT_FALSE(Has(K::kBinary, u"ASCII", 0x80));
  // Unicode 16 (Garay) and 17 (Sidetic) scripts, which Debian 12's ICU 72 lacks.
  EXPECT_TRUE(Has(K::kScript, u"Garay", 0x10D50));
  EXPECT_TRUE(Has(K::kScript, u"Sidetic", 0x10940));
  // Script_Extensions is wider than Script: U+0951 DEVANAGARI STRESS SIGN UDATTA.
  EXPECT_FALSE(Has(K::kScript, u"Bengali", 0x0951));
  EXPECT_TRUE(Has(K::kScriptExtensions, u"Bengali", 0x0951));
}

TEST(UnicodeProperties, PropertiesOfStringsListTheirSequences) {
  const UnicodePropertyEntry* e = FindUnicodeProperty(UnicodePropertyKind::kString, u"Emoji_Keycap_Sequence");
  ASSERT_NE(e, nullptr);
  std::vector<std::u32string> strings;
  ForEachUnicodePropertyString(*e, [&](std::u32string_view s) { strings.emplace_back(s); });
  ASSERT_EQ(strings.size(), 12u);  // # * 0-9
  EXPECT_EQ(strings[0], (std::u32string{U'#', 0xFE0F, 0x20E3}));
}

TEST(UnicodeProperties, SimpleCaseFolding) {
  EXPECT_EQ(SimpleCaseFold(U'A'), U'a');
  EXPECT_EQ(SimpleCaseFold(U'a'), U'a');
  EXPECT_EQ(SimpleCaseFold(0x1E9E), 0x00DFu);  // ẞ -> ß (S, not F's "ss")
  EXPECT_EQ(SimpleCaseFold(0x1FD3), 0x0390u);  // Unicode 16's new simple folding
  EXPECT_EQ(SimpleCaseFold(0x10D50), 0x10D70u);  // Garay capital -> small
  EXPECT_EQ(SimpleCaseFold(0x13A0), 0x13A0u);  // Cherokee folds to upper: unchanged
  EXPECT_EQ(SimpleCaseFold(0xAB70), 0x13A0u);
}

TEST(UnicodeProperties, IdentifiersFollowIdStartAndIdContinue) {
  EXPECT_TRUE(IsIdStart(U'$'));
  EXPECT_TRUE(IsIdStart(0x00E9));
  EXPECT_TRUE(IsIdStart(0x2118));   // ℘, Other_ID_Start
  EXPECT_FALSE(IsIdStart(0x2E2F));  // VERTICAL TILDE: Lm but Pattern_Syntax
  EXPECT_FALSE(IsIdStart(0x2211));  // ∑
  EXPECT_FALSE(IsIdStart(0x00B7));  // · continues an identifier but cannot start one
  EXPECT_TRUE(IsIdPart(0x00B7));
  EXPECT_TRUE(IsIdPart(0x200D));    // ZWJ
  EXPECT_FALSE(IsIdPart(0x00A0));
  EXPECT_TRUE(IsIdStart(0x10D50));  // Garay
}

}  // namespace
}  // namespace jsvm
