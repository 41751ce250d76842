// Bytecode files (.jsbc): a compiled script written to bytes and read back.
// The format is documented in docs/bytecode-file.md.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vm/objects/function.h"
#include "vm/execution/runtime.h"

namespace jsvm {

// The first bytes of every bytecode file.
inline constexpr char kBytecodeFileMagic[8] = {'\x7f', 'J', 'S', 'V', 'M', 'B', 'C', '\n'};
// Bumped whenever the layout of the payload or the instruction set changes
// (2: CreateObjectLiteral and CreateArrayLiteral, so the opcodes moved;
// 4: BigInt constants; 5: scope flags, the lookup-slot bytecodes, a runtime
// function removed).
inline constexpr uint32_t kBytecodeFileFormatVersion = 5;
// The jsvm version written into (and required of) every file.
inline constexpr const char* kBytecodeFileJsvmVersion = "jsvm 0.1.0";

// Header flag: source text and source positions were left out.
inline constexpr uint32_t kBytecodeFileStripped = 1;

// Options of SerializeScript.
struct SerializeOptions {
  bool strip = false;  // leave out the source text and the source position tables
};

// The bytes of a bytecode file for a compiled script (its top-level function).
// The same script and options always give the same bytes.
std::vector<uint8_t> SerializeScript(Runtime& rt, const FunctionInfo* top, SerializeOptions options = {});

// True when `bytes` starts with the bytecode file magic, or is a non-empty
// file cut inside it (LoadScript then reports a truncated file).
bool IsBytecodeFile(const std::string& bytes);

// Why a load failed.
enum class LoadErrorKind : uint8_t {
  kFormat,    // malformed: bad tag, count or index out of range, cut inside the payload
  kTruncated, // the file ends inside its header or before the payload the header announces
  kVersion,   // written by another format or jsvm version
  kChecksum,  // payload checksum mismatch
  kVerifier,  // the bytecode verifier rejected a function
};

// The result of LoadScript: the top-level function or an error.
struct LoadResult {
  FunctionInfo* top = nullptr;  // kept alive by the runtime's permanent roots
  bool ok() const { return top != nullptr; }
  LoadErrorKind error_kind = LoadErrorKind::kFormat;
  std::string error;  // "invalid bytecode: function NAME: offset N: reason", ... (no "FILE: " prefix)
};

// Reads a bytecode file into `rt` and verifies every function in it before
// returning; nothing runs. Stack traces name the script's original file.
LoadResult LoadScript(Runtime& rt, const std::vector<uint8_t>& bytes);

// FNV-1a, 64 bits: the payload checksum.
uint64_t Fnv1a64(const uint8_t* data, size_t size);

}  // namespace jsvm
