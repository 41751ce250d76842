// Locale-sensitive services backed by ICU, fixed to node's default locale
// (en-US): Unicode normalization, collation, number and date formatting.
// The built-ins of string.cc, number.cc, bigint.cc and date.cc call these;
// no ICU header leaks out of locale.cc.
#pragma once

#include <string>
#include <string_view>

#include "vm/objects/value.h"

namespace jsvm {

class Runtime;

// A Unicode normalization form of String.prototype.normalize.
enum class NormalForm { kNfc, kNfd, kNfkc, kNfkd };

// `s` in normalization form `form`; lone surrogates are kept as they are.
std::u16string NormalizeUtf16(std::u16string_view s, NormalForm form);

// -1, 0 or 1: how `a` sorts against `b` under en-US collation (tertiary
// strength, canonical equivalents equal), as String.prototype.localeCompare.
int CollateEnUs(std::u16string_view a, std::u16string_view b);

// Fraction digits of an en-US number format (Intl's defaults: 0 and 3).
struct FractionDigits {
  int min = 0;
  int max = 3;
};

// The minimumFractionDigits and maximumFractionDigits of a toLocaleString
// `options` argument, read and checked as ECMA-402's SetNumberFormatDigitOptions
// does (RangeError out of 0..20, node 20's range, or min > max); the defaults when undefined
// (number.cc). A null `options` is a TypeError naming `method`.
FractionDigits LocaleFractionDigits(Runtime& rt, Value options, const char* method);

// `x` formatted for en-US: grouping commas, rounded half away from zero to
// `digits`; NaN, "∞" and "-0" as Intl.NumberFormat prints them.
std::string FormatNumberEnUs(double x, FractionDigits digits);

// A decimal integer string (optional leading '-') formatted like
// FormatNumberEnUs, exactly however many digits it has.
std::string FormatDecimalEnUs(std::string_view decimal, FractionDigits digits);

// Which parts of a date FormatDateEnUs prints.
enum class DateParts { kDateTime, kDate, kTime };

// The local time value `local_ms` (ms since the epoch, already shifted to
// the local time zone) as en-US prints it: "12/7/2026, 11:24:27 AM" (proleptic
// Gregorian calendar, years before 1 CE as their era year, plain spaces).
std::string FormatDateEnUs(double local_ms, DateParts parts);

}  // namespace jsvm
