// ICU services behind locale.h. ICU's C++ objects are built once per thread
// (collator, number and date formatters) and reused; the runtime never
// shares them across threads.
#include "vm/builtins/locale.h"

#include <unicode/coll.h>
#include <unicode/dtptngen.h>
#include <unicode/gregocal.h>
#include <unicode/normalizer2.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <array>
#include <memory>
#include <optional>

namespace jsvm {

namespace {

// A read-only ICU view of `s` (no copy).
icu::UnicodeString Alias(std::u16string_view s) {
  return icu::UnicodeString(false, s.data(), static_cast<int32_t>(s.size()));
}

std::string ToUtf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

}  // namespace

std::u16string NormalizeUtf16(std::u16string_view s, NormalForm form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = nullptr;
  switch (form) {
    case NormalForm::kNfc:
      n = icu::Normalizer2::getNFCInstance(status);
      break;
    case NormalForm::kNfd:
      n = icu::Normalizer2::getNFDInstance(status);
      break;
    case NormalForm::kNfkc:
      n = icu::Normalizer2::getNFKCInstance(status);
      break;
    case NormalForm::kNfkd:
      n = icu::Normalizer2::getNFKDInstance(status);
      break;
  }
  if (U_FAILURE(status)) return std::u16string(s);
  icu::UnicodeString src = Alias(s);
  // Most strings are already normalized: keep them without a copy through ICU.
  int32_t done = n->spanQuickCheckYes(src, status);
  if (U_FAILURE(status) || done == src.length()) return std::u16string(s);
  icu::UnicodeString out = n->normalize(src, status);
  if (U_FAILURE(status)) return std::u16string(s);
  return std::u16string(out.getBuffer(), static_cast<size_t>(out.length()));
}

int CollateEnUs(std::u16string_view a, std::u16string_view b) {
  thread_local std::unique_ptr<icu::Collator> collator = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> c(icu::Collator::createInstance(icu::Locale::getUS(), status));
    if (U_FAILURE(status)) return std::unique_ptr<icu::Collator>();
    // Canonically equivalent strings compare equal (ECMA-262 localeCompare).
    c->setAttribute(UCOL_NORMALIZATION_MODE, UCOL_ON, status);
    return c;
  }();
  if (!collator) return a < b ? -1 : (a > b ? 1 : 0);
  UErrorCode status = U_ZERO_ERROR;
  UCollationResult r =
      collator->compare(a.data(), static_cast<int32_t>(a.size()), b.data(), static_cast<int32_t>(b.size()), status);
  return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

namespace {

icu::number::LocalizedNumberFormatter NumberFormatterEnUs(FractionDigits digits) {
  return icu::number::NumberFormatter::withLocale(icu::Locale::getUS())
      .precision(icu::number::Precision::minMaxFraction(digits.min, digits.max))
      .roundingMode(UNUM_ROUND_HALFUP);
}

// The formatter for `digits`: the default one is kept, others are built.
template <typename F>
std::string WithNumberFormatter(FractionDigits digits, F&& format) {
  UErrorCode status = U_ZERO_ERROR;
  icu::number::FormattedNumber r;
  if (digits.min == FractionDigits{}.min && digits.max == FractionDigits{}.max) {
    thread_local icu::number::LocalizedNumberFormatter standard = NumberFormatterEnUs(FractionDigits{});
    r = format(standard, status);
  } else {
    r = format(NumberFormatterEnUs(digits), status);
  }
  icu::UnicodeString s = r.toString(status);
  return U_FAILURE(status) ? std::string() : ToUtf8(s);
}

}  // namespace

std::string FormatNumberEnUs(double x, FractionDigits digits) {
  return WithNumberFormatter(digits, [x](const icu::number::LocalizedNumberFormatter& f, UErrorCode& status) {
    return f.formatDouble(x, status);
  });
}

std::string FormatDecimalEnUs(std::string_view decimal, FractionDigits digits) {
  return WithNumberFormatter(digits, [decimal](const icu::number::LocalizedNumberFormatter& f, UErrorCode& status) {
    return f.formatDecimal(icu::StringPiece(decimal.data(), static_cast<int32_t>(decimal.size())), status);
  });
}

namespace {

// The en-US format for `parts` (the skeletons V8 uses: yMd, jms), in UTC:
// callers pass times already shifted to the local zone.
std::unique_ptr<icu::SimpleDateFormat> MakeDateFormat(DateParts parts) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale& us = icu::Locale::getUS();
  std::unique_ptr<icu::DateTimePatternGenerator> generator(icu::DateTimePatternGenerator::createInstance(us, status));
  if (U_FAILURE(status)) return nullptr;
  const char16_t* skeleton = parts == DateParts::kDateTime ? u"yMdjms" : (parts == DateParts::kDate ? u"yMd" : u"jms");
  icu::UnicodeString pattern = generator->getBestPattern(icu::UnicodeString(skeleton), status);
  if (U_FAILURE(status)) return nullptr;
  auto format = std::make_unique<icu::SimpleDateFormat>(pattern, us, status);
  if (U_FAILURE(status)) return nullptr;
  format->adoptTimeZone(icu::TimeZone::createTimeZone(u"UTC"));
  // ECMAScript dates use the proleptic Gregorian calendar (no Julian switch
  // in 1582): move the change to the beginning of time, -2^53 ms, as V8 does.
  auto* calendar = dynamic_cast<icu::GregorianCalendar*>(format->getCalendar()->clone());
  if (calendar) {
    calendar->setGregorianChange(-9007199254740992.0, status);
    format->adoptCalendar(calendar);
  }
  return format;
}

}  // namespace

std::string FormatDateEnUs(double local_ms, DateParts parts) {
  thread_local std::array<std::unique_ptr<icu::SimpleDateFormat>, 3> formats;
  auto& format = formats[static_cast<size_t>(parts)];
  if (!format) format = MakeDateFormat(parts);
  if (!format) return std::string();
  icu::UnicodeString out;
  format->format(local_ms, out);
  // ICU 72 puts U+202F (narrow no-break space) before AM/PM; V8 prints a plain
  // space there (web compatibility), and so does node.
  out.findAndReplace(icu::UnicodeString(u'\u202F'), icu::UnicodeString(u' '));
  return ToUtf8(out);
}

}  // namespace jsvm
