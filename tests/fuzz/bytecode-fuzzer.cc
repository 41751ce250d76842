// libFuzzer target: bytes as a bytecode file -> load -> verify -> run under
// step, heap and stack limits. Whatever the loader and the verifier accept
// must run without a memory error. The payload size and checksum in the
// header are recomputed first, so that mutations reach the loader's structure
// checks and the verifier instead of stopping at the checksum.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "compiler/bytecode-file.h"
#include "compiler/compiler.h"
#include "tests/fuzz/fuzz-runtime.h"

namespace {

void Put64(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}

// Header: magic (8), format u32, version (u32 length + bytes), flags u32,
// payload size u64, checksum u64 (docs/bytecode-file.md).
void FixUpHeader(std::vector<uint8_t>& bytes) {
  if (bytes.size() < 16) return;
  uint32_t version_length = 0;
  for (int i = 0; i < 4; ++i) version_length |= uint32_t{bytes[12 + i]} << (8 * i);
  size_t sizes_at = 16 + size_t{version_length} + 4;
  size_t header_length = sizes_at + 16;
  if (version_length > 64 || bytes.size() < header_length) return;
  size_t payload = bytes.size() - header_length;
  Put64(&bytes[sizes_at], payload);
  Put64(&bytes[sizes_at + 8], jsvm::Fnv1a64(bytes.data() + header_length, payload));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jsvm;
  auto rt = fuzz::NewFuzzRuntime();
  InstallScriptEvaluator(*rt);
  std::vector<uint8_t> bytes(data, data + size);
  FixUpHeader(bytes);
  LoadResult loaded = LoadScript(*rt, bytes);
  if (loaded.ok()) fuzz::RunToEnd(*rt, loaded.top);
  return 0;
}
