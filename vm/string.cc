#include "vm/string.h"

#include "vm/unicode.h"

namespace jsvm {

std::string String::ToUtf8() const { return Utf16ToUtf8(view()); }

uint32_t String::HashOf(std::u16string_view s) {
  // FNV-1a over code units; never 0 so that 0 can mean "not computed".
  uint32_t h = 2166136261u;
  for (char16_t c : s) {
    h ^= c;
    h *= 16777619u;
  }
  return h == 0 ? 1 : h;
}

uint32_t String::Hash() const {
  if (hash_ == 0) hash_ = HashOf(view());
  return hash_;
}

bool String::AsArrayIndex(uint32_t* index) const {
  if (index_state_ < 0) {
    index_state_ = 0;
    uint32_t n = length_;
    if (n > 0 && n <= 10 && !(n > 1 && at(0) == '0')) {
      uint64_t v = 0;
      bool ok = true;
      for (uint32_t i = 0; i < n && ok; ++i) {
        char16_t c = at(i);
        if (c < '0' || c > '9') ok = false;
        else v = v * 10 + (c - '0');
      }
      if (ok && v <= PropertyKey::kMaxIndex) {
        index_state_ = 1;
        index_ = static_cast<uint32_t>(v);
      }
    }
  }
  if (index_state_ == 1) *index = index_;
  return index_state_ == 1;
}

}  // namespace jsvm
