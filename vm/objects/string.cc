#include "vm/objects/string.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

#include "gc/external-memory.h"
#include "vm/objects/unicode.h"

namespace jsvm {

String::~String() {
  if (cons_) external_memory::Free(cons_parts()->flat, length_ * sizeof(char16_t));
}

const char16_t* String::FlattenCons() const {
  ConsParts* parts = cons_parts();
  if (parts->flat) return parts->flat;
  // External memory: a program that reads many long ropes (`s += x; s[0]`)
  // makes collections come sooner, and meets --max-heap.
  auto* buffer = static_cast<char16_t*>(external_memory::Allocate(length_ * sizeof(char16_t)));
  // Left-nested ropes (s += x in a loop) are as deep as they are long: walk
  // them with an explicit stack, copying the leaves from left to right.
  std::vector<const String*> stack{this};
  uint32_t pos = 0;
  while (!stack.empty()) {
    const String* s = stack.back();
    stack.pop_back();
    if (s->IsUnflattenedCons()) {
      stack.push_back(s->cons_parts()->second);
      stack.push_back(s->cons_parts()->first);
      continue;
    }
    std::memcpy(buffer + pos, s->data(), s->length_ * sizeof(char16_t));
    pos += s->length_;
  }
  *parts = ConsParts{nullptr, nullptr, buffer};
  return buffer;
}

void String::Trace(Visitor& v) const {
  if (!IsUnflattenedCons()) return;
  v.Edge(cons_parts()->first, EdgeType::kInternal, EdgeName::Str("first"));
  v.Edge(cons_parts()->second, EdgeType::kInternal, EdgeName::Str("second"));
}

size_t String::OwnedBytes() const {
  if (!cons_) return sizeof(String) + length_ * sizeof(char16_t);
  return sizeof(String) + sizeof(ConsParts) + (cons_parts()->flat ? length_ * sizeof(char16_t) : 0);
}

std::string String::SnapshotName() const {
  return IsUnflattenedCons() ? "(concatenated string)" : ToUtf8();
}

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
