#include "vm/objects/unicode-properties.h"

#include <cstring>
#include <iterator>

namespace jsvm {

namespace {

#include "vm/objects/unicode-properties.inc"

bool NameIs(std::u16string_view name, const char* candidate, size_t length) {
  if (name.size() != length) return false;
  for (size_t i = 0; i < length; ++i) {
    if (name[i] != static_cast<unsigned char>(candidate[i])) return false;
  }
  return true;
}

// Whether `name` is one of the '|'-separated names.
bool HasName(const char* names, std::u16string_view name) {
  for (const char* p = names;;) {
    const char* bar = std::strchr(p, '|');
    size_t length = bar ? static_cast<size_t>(bar - p) : std::strlen(p);
    if (NameIs(name, p, length)) return true;
    if (!bar) return false;
    p = bar + 1;
  }
}

// The first of `count` pairs whose element `key` (0 or 1) is not below c.
size_t FirstPairNotBelow(const char32_t* pairs, size_t count, size_t key, char32_t c) {
  size_t lo = 0, hi = count;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (pairs[2 * mid + key] < c) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const UnicodePropertyEntry& Binary(std::u16string_view name) {
  const UnicodePropertyEntry* e = FindUnicodeProperty(UnicodePropertyKind::kBinary, name);
  return *e;  // the tables always hold ID_Start and ID_Continue
}

}  // namespace

const UnicodePropertyEntry* FindUnicodeProperty(UnicodePropertyKind kind, std::u16string_view name) {
  for (const UnicodePropertyEntry& e : kUnicodeProperties) {
    if (e.kind == kind && HasName(e.names, name)) return &e;
  }
  return nullptr;
}

std::span<const char32_t> UnicodePropertyRanges(const UnicodePropertyEntry& entry) {
  return std::span<const char32_t>(kUnicodePropertyRanges + 2 * entry.first_range, 2 * entry.range_count);
}

std::span<const char32_t> UnicodePropertyStringPool() {
  return std::span<const char32_t>(kUnicodePropertyStrings, std::size(kUnicodePropertyStrings));
}

bool UnicodePropertyContains(const UnicodePropertyEntry& entry, char32_t c) {
  std::span<const char32_t> r = UnicodePropertyRanges(entry);
  // The first range ending at or above c holds c if it starts at or below it.
  size_t i = FirstPairNotBelow(r.data(), r.size() / 2, 1, c);
  return i < r.size() / 2 && r[2 * i] <= c;
}

char32_t SimpleCaseFold(char32_t c) {
  constexpr size_t kPairs = std::size(kSimpleCaseFolding) / 2;
  size_t i = FirstPairNotBelow(kSimpleCaseFolding, kPairs, 0, c);
  return i < kPairs && kSimpleCaseFolding[2 * i] == c ? kSimpleCaseFolding[2 * i + 1] : c;
}

const char* UnicodePropertiesVersion() { return JSVM_UNICODE_PROPERTIES_VERSION; }

bool IsUnicodeIdStart(char32_t c) {
  static const UnicodePropertyEntry& id_start = Binary(u"ID_Start");
  return UnicodePropertyContains(id_start, c);
}

bool IsUnicodeIdContinue(char32_t c) {
  static const UnicodePropertyEntry& id_continue = Binary(u"ID_Continue");
  return UnicodePropertyContains(id_continue, c);
}

}  // namespace jsvm
