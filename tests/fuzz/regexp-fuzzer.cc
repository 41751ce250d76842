// libFuzzer target for the regexp engine alone (vm/regexp/): the first byte
// chooses the flags, the rest is UTF-8 "pattern\0subject". The pattern is
// parsed and compiled; a valid one runs on the subject from index 0 and
// from the middle, with a backtrack budget (the poll throws past it).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "vm/objects/unicode.h"
#include "vm/regexp/regexp.h"

namespace {

struct Budget {};

void Poll(void* context, uint64_t steps) {
  auto* left = static_cast<uint64_t*>(context);
  if (steps >= *left) throw Budget{};
  *left -= steps;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jsvm;
  if (size == 0) return 0;
  static const uint16_t kFlags[] = {kRegExpGlobal, kRegExpIgnoreCase, kRegExpMultiline, kRegExpSticky,
                                    kRegExpUnicode, kRegExpDotAll, kRegExpHasIndices, kRegExpUnicodeSets};
  uint16_t flags = 0;
  for (int i = 0; i < 8; ++i) {
    if (data[0] & (1 << i)) flags |= kFlags[i];
  }
  if ((flags & kRegExpUnicode) && (flags & kRegExpUnicodeSets)) flags &= ~kRegExpUnicodeSets;
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  size_t split = rest.find('\0');
  std::u16string pattern = Utf8ToUtf16(rest.substr(0, split));
  std::u16string subject = split == std::string_view::npos ? u"" : Utf8ToUtf16(rest.substr(split + 1));
  std::string error;
  auto program = CompileRegExp(pattern, flags, &error);
  if (!program) return 0;
  DisassembleRegExp(*program);
  uint64_t left = 1u << 16;
  RegExpLimits limits;
  limits.poll = Poll;
  limits.context = &left;
  limits.poll_interval = 1024;
  // The matcher's buffers reused from input to input, as the runtime reuses them.
  static RegExpScratch scratch;
  limits.scratch = &scratch;
  std::vector<int32_t> captures;
  try {
    for (uint32_t start : {0u, static_cast<uint32_t>(subject.size() / 2)}) {
      if (ExecRegExp(*program, subject, start, &captures, limits) == RegExpResult::kMatch) {
        // Every capture lies inside the subject, start <= end.
        for (size_t i = 0; i + 1 < captures.size(); i += 2) {
          if (captures[i] < 0) continue;
          if (captures[i] > captures[i + 1] || static_cast<size_t>(captures[i + 1]) > subject.size()) __builtin_trap();
        }
      }
    }
  } catch (const Budget&) {
  }
  return 0;
}
