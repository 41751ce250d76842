// Unit tests of vm/builtins/locale.h, the ICU services behind normalize,
// localeCompare and the toLocaleString methods (expected strings are node 20's).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <thread>

#include "vm/builtins/locale.h"

namespace jsvm {
namespace {

TEST(Locale, NormalizesTheFourForms) {
  std::u16string s = u"\u1E9B\u0323";
  EXPECT_EQ(NormalizeUtf16(s, NormalForm::kNfc), u"\u1E9B\u0323");
  EXPECT_EQ(NormalizeUtf16(s, NormalForm::kNfd), u"\u017F\u0323\u0307");
  EXPECT_EQ(NormalizeUtf16(s, NormalForm::kNfkc), u"\u1E69");
  EXPECT_EQ(NormalizeUtf16(s, NormalForm::kNfkd), u"s\u0323\u0307");
  EXPECT_EQ(NormalizeUtf16(u"e\u0301", NormalForm::kNfc), u"\u00E9");
  EXPECT_EQ(NormalizeUtf16(u"\uAC01", NormalForm::kNfd), u"\u1100\u1161\u11A8");
}

TEST(Locale, NormalizeKeepsLoneSurrogatesAndNormalText) {
  EXPECT_EQ(NormalizeUtf16(u"\xD800"
                           u"a\u0301",
                           NormalForm::kNfc),
            u"\xD800\u00E1");
  EXPECT_EQ(NormalizeUtf16(u"\xDC00", NormalForm::kNfkd), u"\xDC00");
  EXPECT_EQ(NormalizeUtf16(u"", NormalForm::kNfc), u"");
  EXPECT_EQ(NormalizeUtf16(u"plain", NormalForm::kNfkc), u"plain");
}

TEST(Locale, CollatesAsEnUs) {
  EXPECT_EQ(CollateEnUs(u"a", u"B"), -1);
  EXPECT_EQ(CollateEnUs(u"B", u"a"), 1);
  EXPECT_EQ(CollateEnUs(u"a", u"A"), -1);  // lower case first at tertiary strength
  EXPECT_EQ(CollateEnUs(u"r\u00E9sum\u00E9", u"resume"), 1);
  EXPECT_EQ(CollateEnUs(u"A\u030A", u"\u00C5"), 0);  // canonical equivalents
  EXPECT_EQ(CollateEnUs(u"10", u"9"), -1);
  EXPECT_EQ(CollateEnUs(u"", u""), 0);
}

TEST(Locale, FormatsNumbers) {
  FractionDigits d;
  EXPECT_EQ(FormatNumberEnUs(1234.5678, d), "1,234.568");
  EXPECT_EQ(FormatNumberEnUs(1.0625, d), "1.063");  // half away from zero, not half-even
  EXPECT_EQ(FormatNumberEnUs(-0.0, d), "-0");
  EXPECT_EQ(FormatNumberEnUs(std::numeric_limits<double>::quiet_NaN(), d), "NaN");
  EXPECT_EQ(FormatNumberEnUs(-std::numeric_limits<double>::infinity(), d), "-\u221E");
  EXPECT_EQ(FormatNumberEnUs(1e21, d), "1,000,000,000,000,000,000,000");
  EXPECT_EQ(FormatNumberEnUs(1.005, FractionDigits{0, 2}), "1.01");  // the shortest decimal, as V8
  EXPECT_EQ(FormatNumberEnUs(1.5, FractionDigits{2, 2}), "1.50");
  EXPECT_EQ(FormatNumberEnUs(1e-7, FractionDigits{0, 20}), "0.0000001");
}

TEST(Locale, FormatsDecimalStringsExactly) {
  EXPECT_EQ(FormatDecimalEnUs("0", FractionDigits{}), "0");
  EXPECT_EQ(FormatDecimalEnUs("-1234", FractionDigits{}), "-1,234");
  EXPECT_EQ(FormatDecimalEnUs("123456789012345678901234567890", FractionDigits{}),
            "123,456,789,012,345,678,901,234,567,890");
  EXPECT_EQ(FormatDecimalEnUs("12345", FractionDigits{2, 3}), "12,345.00");
}

TEST(Locale, FormatsDates) {
  EXPECT_EQ(FormatDateEnUs(0, DateParts::kDateTime), "1/1/1970, 12:00:00 AM");
  EXPECT_EQ(FormatDateEnUs(1796642667000.0, DateParts::kDateTime), "12/7/2026, 11:24:27 AM");
  EXPECT_EQ(FormatDateEnUs(1796642667000.0, DateParts::kDate), "12/7/2026");
  EXPECT_EQ(FormatDateEnUs(1796642667000.0 + 12 * 3600000.0, DateParts::kTime), "11:24:27 PM");
  // Proleptic Gregorian: 1582-10-04 (UTC), not the Julian calendar's date.
  EXPECT_EQ(FormatDateEnUs(-12220243200000.0, DateParts::kDate), "10/4/1582");
  EXPECT_EQ(FormatDateEnUs(8.64e15, DateParts::kDate), "9/13/275760");
  EXPECT_EQ(FormatDateEnUs(-8.64e15, DateParts::kDate), "4/20/271822");  // 271822 BCE
}

TEST(Locale, FormattersWorkOnAnotherThread) {
  std::string date, number;
  int order = 2;
  std::thread t([&] {
    date = FormatDateEnUs(0, DateParts::kTime);
    number = FormatNumberEnUs(-2.5, FractionDigits{});
    order = CollateEnUs(u"b", u"a");
  });
  t.join();
  EXPECT_EQ(date, "12:00:00 AM");
  EXPECT_EQ(number, "-2.5");
  EXPECT_EQ(order, 1);
}

}  // namespace
}  // namespace jsvm
