// libFuzzer target: bytes as JavaScript source -> compile -> run under step,
// heap and stack limits (tests/fuzz/README in docs/testing.md).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "compiler/compiler.h"
#include "tests/fuzz/fuzz-runtime.h"
#include "vm/objects/unicode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace jsvm;
  auto rt = fuzz::NewFuzzRuntime();
  InstallScriptEvaluator(*rt);
  std::u16string source = Utf8ToUtf16(std::string_view(reinterpret_cast<const char*>(data), size));
  CompileResult compiled = CompileScript(*rt, "fuzz.js", source);
  if (compiled.ok()) fuzz::RunToEnd(*rt, compiled.top);
  return 0;
}
