// The jsvm command line: subcommands, flags (Boost.Program_options), exit codes.
#include <fcntl.h>
#include <pthread.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <ucontext.h>
#include <unistd.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <cmath>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/bytecode-file.h"
#include "compiler/compiler.h"
#include "compiler/disassembler.h"
#include "vm/builtins/builtins.h"
#include "vm/regexp/regexp.h"
#include "tools/dispatch-stats.h"
#include "tools/heap-tools.h"
#include "tools/chrome-trace.h"
#include "tools/json-tracer.h"
#include "tools/viewer-page.h"
#include "tools/repl.h"
#include "tools/scopes-json.h"
#include "vm/interpreter/bytecodes.h"
#include "vm/interpreter/interpreter.h"
#include "vm/execution/native-stack.h"
#include "vm/host/event-loop.h"
#include "vm/modules/module-loader.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/operations.h"
#include "vm/objects/unicode.h"
#include "generated/jsvm-commit.h"  // JSVM_COMMIT (tools/commit-header.cmake)

namespace po = boost::program_options;

#if JSVM_SANITIZE
#define JSVM_SANITIZE_BUILD true
#else
#define JSVM_SANITIZE_BUILD false
#endif

namespace jsvm {
namespace {

// Exit codes (docs/cli.md).
constexpr int kExitOk = 0;
constexpr int kExitUncaught = 1;    // uncaught exception or SyntaxError
constexpr int kExitUsage = 2;       // bad command line
constexpr int kExitFile = 3;        // cannot read the input file (or write a heap snapshot or trace)
constexpr int kExitBadBytecode = 7; // invalid bytecode file (verifier, format, version, checksum)
constexpr int kExitUnsettledAwait = 13;  // the main module's top-level await never settled (node's code)

// --stack-size bounds (KB); the VM's thread gets twice the stack asked for.
constexpr size_t kMinStackSizeKb = 64;
constexpr size_t kMaxStackSizeKb = 1u << 20;

constexpr const char* kVersion = "jsvm " JSVM_VERSION;  // in traces, scopes reports and bytecode files

// The subcommands that take a script file.
const char* const kFileCommands[] = {"run", "compile", "disasm", "scopes", "leaks", "trace", "viz"};

const char* const kRuntimeDocs[] = {
#define RUNTIME_FUNCTION(name, argc, doc) doc,
#include "vm/interpreter/runtime-functions.def"
#undef RUNTIME_FUNCTION
};

const char* const kIntrinsicDocs[] = {
#define INTRINSIC(name, argc, doc) doc,
#include "vm/interpreter/intrinsics.def"
#undef INTRINSIC
};

struct Options {
  std::string command = "run";
  std::string file;
  bool strip = false;  // compile --strip
  bool print_bytecode = false;
  bool regexp = false;  // disasm --regexp
  bool heap_stats = false;
  bool dispatch_stats = false;      // --dispatch-stats: table to stderr
  bool test262_host = false;        // --test262-host: define $262
  bool module = false;              // --module (or a .mjs file): the file is module code
  std::vector<std::string> import_roots;  // --import-root: more directories imports may read
  std::string dispatch_stats_file;  // --dispatch-stats-file: V8's dispatch counters JSON
  HeapToolOptions heap_tools;
  RuntimeOptions runtime;
  // jsvm trace
  std::string output;             // -o: the bytecode file, trace or page ("" or "-": stdout for traces)
  std::string format = "json";    // json | chrome
  TraceOptions trace;
};

// `jsvm disasm --regexp`: each CreateRegExpLiteral site of every function,
// with the regexp bytecode its pattern compiles to (vm/regexp/).
std::string DisassembleRegExpLiterals(const FunctionInfo* top) {
  std::string out;
  ForEachFunction(top, [&](const FunctionInfo* f) {
    for (uint32_t offset = 0; offset < f->bytecode.size();) {
      const uint8_t* pc = f->bytecode.data() + offset;
      auto op = static_cast<Bytecode>(*pc);
      if (op == Bytecode::kCreateRegExpLiteral) {
        String* pattern = f->constants[static_cast<uint32_t>(ReadOperand(pc, 0))].AsString();
        auto flags = static_cast<uint16_t>(ReadOperand(pc, 2));
        std::string name = f->name ? f->name->ToUtf8() : "";
        out += "/" + pattern->ToUtf8() + "/" + RegExpFlagsText(flags) + " in " +
               (name.empty() ? std::string("(anonymous)") : name) + " @ " + std::to_string(offset) + "\n";
        std::string error;
        auto program = CompileRegExp(pattern->view(), flags, &error);
        out += program ? DisassembleRegExp(*program) : "  SyntaxError: " + error + "\n";
      }
      offset += static_cast<uint32_t>(BytecodeSize(op));
    }
  });
  return out;
}

const char* kUsage =
    "Usage: jsvm [COMMAND] [OPTIONS] FILE.js\n"
    "\n"
    "Commands:\n"
    "  run FILE.js        compile and run a script (the default); FILE.jsbc runs a bytecode file;\n"
    "                     FILE.mjs (or --module) runs module code\n"
    "  compile FILE.js -o FILE.jsbc [--strip]\n"
    "                     write a bytecode file (docs/bytecode-file.md)\n"
    "  disasm FILE.js     print the bytecode of every function, V8's listing layout (also FILE.jsbc);\n"
    "                     with --regexp, the regexp bytecode of every regular-expression literal\n"
    "  scopes FILE.js     run a script and print, as JSON, the [[Scopes]] of every\n"
    "                     function it passes to __inspect(fn, \"label\") (the program's\n"
    "                     own output goes to stderr; docs/scopes.md)\n"
    "  leaks FILE.js      run a script, then explain what its heap retains and why\n"
    "                     (at exit and at each __snapshot(label); docs/heap-snapshots.md)\n"
    "  trace FILE.js      run a script and record every executed bytecode with its\n"
    "                     effects (-o FILE, --format=json|chrome, --max-steps N,\n"
    "                     --functions a,b; docs/trace-format.md)\n"
    "  viz FILE.js        trace a script and write the trace viewer, one self-contained\n"
    "                     HTML page (-o page.html; the trace options apply; docs/viewer.md)\n"
    "  bytecodes          print the instruction set as Markdown (docs/bytecodes.md)\n"
    "  repl               the interactive REPL (also: jsvm with no file)\n"
    "  help               print this help (also: -h, --help)\n"
    "\n";

// After the options in --help (docs/cli.md has the same table).
const char* kExitCodes =
    "Exit codes:\n"
    "  0    success\n"
    "  1    uncaught exception (\"Uncaught TypeError: ...\" and a stack on stderr; also in a\n"
    "       timer or microtask callback), an unhandled promise rejection, or a\n"
    "       SyntaxError, or a RangeError at compile time (\"FILE:LINE:COL: SyntaxError: ...\");\n"
    "       \"Maximum call stack size exceeded\" past --stack-size is a catchable RangeError\n"
    "  2    bad command line (unknown command or option, an option value out of range)\n"
    "  3    cannot read the input file (or it is a directory), or cannot write an output:\n"
    "       the bytecode file, trace, page, heap snapshot or dispatch counters\n"
    "       (outputs are checked before the script runs)\n"
    "  5    --max-steps reached (\"jsvm: execution stopped after N steps (--max-steps)\")\n"
    "  6    --timeout reached (\"jsvm: execution timed out after S s (--timeout)\")\n"
    "  7    invalid bytecode file: rejected by the loader or the verifier, truncated,\n"
    "       or a version or checksum mismatch (nothing runs)\n"
    "  13   the main module's top-level await never settled (node's code)\n"
    "  134  --max-heap exceeded (\"FatalError: JavaScript heap out of memory (limit N MB)\")\n"
    "Output printed before an error or a limit stopped the program is kept.\n";

// Reads the input file into `out`; false, with the reason in `error`, when it
// cannot be read (a directory cannot).
bool ReadFile(const std::string& path, std::string* out, std::string* error) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> in(std::fopen(path.c_str(), "rb"), std::fclose);
  struct stat st;
  if (!in || fstat(fileno(in.get()), &st) != 0) {
    *error = std::strerror(errno);
    return false;
  }
  if (S_ISDIR(st.st_mode)) {
    *error = std::strerror(EISDIR);
    return false;
  }
  char block[1 << 16];
  size_t n;
  while ((n = std::fread(block, 1, sizeof block, in.get())) > 0) out->append(block, n);
  if (std::ferror(in.get())) {
    *error = std::strerror(errno);
    return false;
  }
  return true;
}

// Whether `path` can be written, checked before the script runs and without
// changing it: an existing file is opened for writing (not truncated), a new
// one is created and removed again. Other kinds of file (pipes, devices) are
// left to the write itself. False with the reason in `error`.
bool CheckWritable(const std::string& path, std::string* error) {
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) return true;
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  bool created = false;
  if (fd < 0 && errno == ENOENT) {
    fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    created = fd >= 0;
  }
  if (fd < 0) {
    *error = std::strerror(errno);
    return false;
  }
  close(fd);
  if (created) unlink(path.c_str());
  return true;
}

// The text of an uncaught exception: the error's stack when it has one,
// else its string form.
std::string DescribeUncaught(Runtime& rt, Value exception) {
  Rooted<Value> ex(rt, exception);
  try {
    if (ex.get().IsObject()) {
      Value stack = GetProperty(rt, ex.get().AsObject(), PropertyKey::Named(rt.names().stack));
      if (stack.IsString()) return stack.AsString()->ToUtf8();
    }
    if (ex.get().IsSymbol()) return DescribeForError(rt, ex);
    return ToString(rt, ex)->ToUtf8();
  } catch (JsThrow&) {
    return DescribeForError(rt, ex);
  }
}

// What node prints for a promise rejected with no handler: an Error's stack
// as for an uncaught exception; for anything else, node's
// ERR_UNHANDLED_REJECTION error quoting the reason.
std::string DescribeUnhandledRejection(Runtime& rt, Value reason) {
  if (reason.IsCellOfKind(CellKind::kError)) return DescribeUncaught(rt, reason);
  std::string text = reason.IsString() ? reason.AsString()->ToUtf8() : DescribeForError(rt, reason);
  return "UnhandledPromiseRejection: This error originated either by throwing inside of an async function "
         "without a catch block, or by rejecting a promise which was not handled with .catch(). The promise "
         "rejected with the reason \"" + text + "\". {\n  code: 'ERR_UNHANDLED_REJECTION'\n}";
}

std::string EscapeTableCell(const char* text) {
  std::string out;
  for (const char* p = text; *p; ++p) {
    if (*p == '|') out += '\\';
    out += *p;
  }
  return out;
}

// The facts column of one bytecode, in words ("" when it has none).
std::string FactsText(const BytecodeFacts& f) {
  static const char* const kFlow[] = {"", "jump", "jump if", "return", "throw", "jump table or fall through"};
  static const char* const kFamily[] = {"",
                                        "call",
                                        "construct",
                                        "runtime call",
                                        "property load",
                                        "property store",
                                        "property delete",
                                        "global load",
                                        "global store",
                                        "context load",
                                        "context store",
                                        "context create",
                                        "context switch",
                                        "lookup load",
                                        "lookup store"};
  static const char* const kConstant[] = {"",           "Idx: name",        "Idx: value",
                                          "Idx: function", "Idx: scope info", "Idx: array boilerplate",
                                          "Idx: object boilerplate", "Idx: jump table"};
  static_assert(std::size(kFlow) == static_cast<size_t>(ControlFlow::kSwitch) + 1);
  static_assert(std::size(kFamily) == static_cast<size_t>(BytecodeFamily::kLookupStore) + 1);
  static_assert(std::size(kConstant) == static_cast<size_t>(ConstantKind::kJumpTable) + 1);
  std::vector<std::string> parts{kFlow[static_cast<int>(f.flow)], kFamily[static_cast<int>(f.family)],
                                 kConstant[static_cast<int>(f.constant)]};
  if (f.spreads_last) parts.push_back("spreads its last argument");
  if (f.writes_register >= 0) parts.push_back("writes r" + std::to_string(f.writes_register));
  auto after = [](int n) { return n == 1 ? std::string("r+1") : "r+1..r+" + std::to_string(n); };
  if (f.writes_after_out) parts.push_back("writes " + after(f.writes_after_out) + " (r: its RegOut)");
  if (f.reads_after_last) parts.push_back("reads " + after(f.reads_after_last) + " (r: its last Reg)");
  if (f.writes_reg_operand) parts.push_back("writes its first Reg");
  if (f.writes_context) parts.push_back("writes `<context>`");
  if (f.writes_reg_list) parts.push_back("writes its RegList");
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

// The instruction set as Markdown, generated from vm/bytecodes.def.
std::string BytecodesMarkdown() {
  std::ostringstream out;
  out << "# jsvm bytecodes\n\n"
      << "Generated by `jsvm bytecodes` from `vm/interpreter/bytecodes.def`; a test keeps this file in step.\n\n"
      << "Operands are fixed-width little-endian: Reg/RegOut/Slot/Runtime/Intrinsic 2 bytes, Flag 1 byte, "
      << "RegList 4 bytes (first register, count), Idx/Imm/UImm/Jump/JumpBack 4 bytes. "
      << "Register operands: `r0..` locals, `a0..` parameters, `<this>`, `<closure>`, `<context>`.\n\n"
      << "Facts (the third column of bytecodes.def): how control leaves it (jump, jump if, return, throw; "
      << "nothing: it falls through), its family, what its Idx operands name in the constant pool, and the "
      << "registers it reads or writes beyond what its operand kinds say.\n\n"
      << "| # | bytecode | operands | size | accumulator | facts | meaning |\n"
      << "|---|---|---|---|---|---|---|\n";
  static const char* const kAcc[] = {"", "read", "write", "read/write"};
  for (int i = 0; i < kBytecodeCount; ++i) {
    const BytecodeInfo& info = GetBytecodeInfo(static_cast<Bytecode>(i));
    std::string ops;
    for (int k = 0; k < info.operand_count; ++k) {
      if (k) ops += ", ";
      ops += OperandKindName(info.operands[k]);
    }
    out << "| " << i << " | `" << info.name << "` | " << ops << " | " << int(info.size) << " | "
        << kAcc[static_cast<int>(info.acc)] << " | " << FactsText(info.facts) << " | " << EscapeTableCell(info.doc)
        << " |\n";
  }
  out << "\n## Runtime functions (`CallRuntime [Name], rA-rB`)\n\n| function | arguments | meaning |\n|---|---|---|\n";
  for (int i = 0; i < static_cast<int>(RuntimeFunction::kCount); ++i) {
    auto f = static_cast<RuntimeFunction>(i);
    int argc = RuntimeFunctionArgc(f);
    out << "| `" << RuntimeFunctionName(f) << "` | " << (argc < 0 ? std::string("any") : std::to_string(argc))
        << " | " << EscapeTableCell(kRuntimeDocs[i]) << " |\n";
  }
  out << "\n## Intrinsics (`InvokeIntrinsic [_Name], rA-rB`)\n\n| intrinsic | arguments | meaning |\n|---|---|---|\n";
  for (int i = 0; i < static_cast<int>(Intrinsic::kCount); ++i) {
    auto f = static_cast<Intrinsic>(i);
    out << "| `_" << IntrinsicName(f) << "` | " << IntrinsicArgc(f) << " | " << EscapeTableCell(kIntrinsicDocs[i])
        << " |\n";
  }
  return out.str();
}

// --heap-stats: one JSON line on stderr after a final full collection.
void PrintHeapStats(Runtime& rt) {
  Heap& heap = rt.heap();
  heap.Collect("heap stats");
  const HeapStats& st = heap.stats();
  nlohmann::ordered_json by_kind = nlohmann::ordered_json::object();
  for (size_t k = 0; k < static_cast<size_t>(CellKind::kCount); ++k) {
    if (st.live_objects_by_kind[k] == 0) continue;
    by_kind[CellKindName(static_cast<CellKind>(k))] = {{"objects", st.live_objects_by_kind[k]},
                                                       {"bytes", st.live_bytes_by_kind[k]}};
  }
  nlohmann::ordered_json j;
  j["live_bytes"] = st.live_bytes;
  j["external_bytes"] = st.external_bytes;
  j["live_objects"] = st.live_objects;
  j["by_kind"] = by_kind;
  j["collections"] = st.collections;
  j["total_pause_ms"] = std::round(st.total_pause_ms * 1000) / 1000;
  j["max_pause_ms"] = std::round(st.max_pause_ms * 1000) / 1000;
  j["peak_heap_bytes"] = st.peak_heap_bytes;
  j["peak_external_bytes"] = st.peak_external_bytes;
  std::fprintf(stderr, "%s\n", j.dump().c_str());
}

// jsvm viz: the page for the trace in `trace` (a temporary file) to -o.
// False, with a message on stderr, when it could not be written.
bool WriteViewer(const Options& opts, std::FILE* trace) {
  std::string json;
  char block[1 << 16];
  size_t n;
  bool read = std::fflush(trace) == 0 && std::fseek(trace, 0, SEEK_SET) == 0;
  while (read && (n = std::fread(block, 1, sizeof block, trace)) > 0) json.append(block, n);
  if (!read || std::ferror(trace)) {
    std::fprintf(stderr, "jsvm: cannot read the trace back from its temporary file: %s\n", std::strerror(errno));
    return false;
  }
  std::string title = opts.file.substr(opts.file.find_last_of('/') + 1);
  std::string page = ViewerPage(json, title);
  bool to_stdout = opts.output.empty() || opts.output == "-";
  std::FILE* out = to_stdout ? stdout : std::fopen(opts.output.c_str(), "wb");
  bool ok = out && std::fwrite(page.data(), 1, page.size(), out) == page.size();
  if (out && !to_stdout && std::fclose(out) != 0) ok = false;
  if (!ok) {
    std::fprintf(stderr, "jsvm: cannot write %s: %s\n", to_stdout ? "the page to stdout" : opts.output.c_str(),
                 std::strerror(errno));
  }
  return ok;
}

// The outputs a command writes after running (or compiling), checked first:
// a run must not end in "cannot write" after all its work. False with a
// message on stderr.
bool CheckOutputs(const Options& opts) {
  std::vector<std::string> paths;
  bool writes_output = opts.command == "compile" || opts.command == "trace" || opts.command == "viz";
  if (writes_output && !opts.output.empty() && opts.output != "-") paths.push_back(opts.output);
  if (!opts.dispatch_stats_file.empty()) paths.push_back(opts.dispatch_stats_file);
  const std::string& snapshot = opts.heap_tools.snapshot_file;
  // The snapshot's directories are made when it is written: check only a file
  // whose directory is there.
  std::string parent = snapshot.find('/') == std::string::npos ? "." : snapshot.substr(0, snapshot.find_last_of('/'));
  struct stat st;
  if (!snapshot.empty() && (parent.empty() || stat(parent.c_str(), &st) == 0)) paths.push_back(snapshot);
  for (const std::string& path : paths) {
    std::string error;
    if (!CheckWritable(path, &error)) {
      std::fprintf(stderr, "jsvm: cannot write %s: %s\n", path.c_str(), error.c_str());
      return false;
    }
  }
  return true;
}

// Runs the main module (its code compiled already): loads what it imports,
// links, evaluates, then runs the event loop as for a script. A module that
// throws (or whose top-level await rejects) ends the run as an uncaught
// exception would; a top-level await that never settles exits 13, as node's
// does. Throws JsThrow for load and link errors.
int RunMainModule(Runtime& rt, const std::string& file, FunctionInfo* code, std::string* outcome,
                  std::string* message) {
  Rooted<SourceTextModule*> module(rt, LoadModuleGraph(rt, file, code));
  LinkModule(rt, module);
  Rooted<PromiseObject*> done(rt, EvaluateModule(rt, module));
  done->set_handled();  // its rejection is reported here, not as an unhandled one
  if (done->state() != PromiseState::kRejected) RunEventLoop(rt);
  if (done->state() == PromiseState::kRejected) rt.Throw(done->result());
  if (done->state() == PromiseState::kPending) {
    rt.FlushStdout();
    *outcome = "unsettled";
    *message = "the module's top-level await never settled";
    std::fprintf(stderr, "Warning: Detected unsettled top-level await in %s\n", file.c_str());
    return kExitUnsettledAwait;
  }
  return kExitOk;
}

int RunCommand(const Options& opts) {
  std::string bytes, error;
  if (!ReadFile(opts.file, &bytes, &error)) {
    std::fprintf(stderr, "jsvm: cannot read %s: %s\n", opts.file.c_str(), error.c_str());
    return kExitFile;
  }
  if (!CheckOutputs(opts)) return kExitFile;
  // jsvm exits right after the command: the system takes the heap back at
  // once, where destroying it cell by cell would add a tenth to an empty
  // script's start-up. Sanitizer builds still tear it down (and check that).
  struct TearDownOnlyWhenChecked {
    void operator()(Runtime* r) const {
      if (JSVM_SANITIZE_BUILD) delete r;
    }
  };
  std::unique_ptr<Runtime, TearDownOnlyWhenChecked> runtime(new Runtime(opts.runtime));
  Runtime& rt = *runtime;
  if (opts.dispatch_stats || !opts.dispatch_stats_file.empty()) rt.interpreter().EnableDispatchStats(true);
  InstallScriptEvaluator(rt);
  if (opts.test262_host) InstallTest262Host(rt, EvaluateNewScript);
  // Imports read files only inside the main script's directory tree and
  // the --import-root directories.
  SetMainScript(rt, opts.file);
  for (const std::string& dir : opts.import_roots) {
    if (!AddImportRoot(rt, dir)) {
      std::fprintf(stderr, "jsvm: --import-root %s: not a directory\n", dir.c_str());
      return kExitUsage;
    }
  }
  bool module = opts.module || (opts.file.size() > 4 && opts.file.compare(opts.file.size() - 4, 4, ".mjs") == 0);
  bool scopes = opts.command == "scopes";
  bool viz = opts.command == "viz";
  bool trace = opts.command == "trace" || viz;
  bool trace_to_stdout = trace && (opts.output.empty() || opts.output == "-");
  if (scopes || trace_to_stdout) {
    // stdout carries the JSON only, as with ../shared/tools/v8-scopes.
    rt.stdout_sink() = [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stderr); };
  }
  CompileResult compiled;
  if (IsBytecodeFile(bytes)) {
    if (opts.command == "compile") {
      std::fprintf(stderr, "jsvm: %s is already a bytecode file\n", opts.file.c_str());
      return kExitUsage;
    }
    LoadResult loaded = LoadScript(rt, std::vector<uint8_t>(bytes.begin(), bytes.end()));
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s: %s\n", opts.file.c_str(), loaded.error.c_str());
      return kExitBadBytecode;
    }
    compiled.top = loaded.top;
  } else {
    CompileOptions copts;
    copts.module = module;
    compiled = CompileScript(rt, opts.file, Utf8ToUtf16(bytes), copts);
    if (!compiled.ok()) {
      std::fprintf(stderr, "%s\n", compiled.error.c_str());
      return kExitUncaught;
    }
  }
  // Compiled code lives as long as something refers to it: the script's
  // top-level function, for the whole run.
  Rooted<FunctionInfo*> top(rt, compiled.top);
  if (opts.command == "compile" && module) {
    std::fprintf(stderr, "jsvm: %s: module code cannot be written to a bytecode file (only classic scripts can)\n",
                 opts.file.c_str());
    return kExitUsage;
  }
  if (opts.command == "compile") {
    SerializeOptions options;
    options.strip = opts.strip;
    std::vector<uint8_t> out = SerializeScript(rt, compiled.top, options);
    std::FILE* file = std::fopen(opts.output.c_str(), "wb");
    bool ok = file && std::fwrite(out.data(), 1, out.size(), file) == out.size();
    if (file && std::fclose(file) != 0) ok = false;
    if (!ok) {
      std::fprintf(stderr, "jsvm: cannot write %s: %s\n", opts.output.c_str(), std::strerror(errno));
      return kExitFile;
    }
    return kExitOk;
  }
  if (opts.command == "disasm" && opts.regexp) {
    std::fputs(DisassembleRegExpLiterals(compiled.top).c_str(), stdout);
    return kExitOk;
  }
  if (opts.command == "disasm") {
    std::fputs(DisassembleAll(compiled.top).c_str(), stdout);
    return kExitOk;
  }
  if (opts.print_bytecode) {
    FILE* listing = scopes ? stderr : stdout;  // keep the scopes JSON alone on stdout
    std::fputs(DisassembleAll(compiled.top).c_str(), listing);
    std::fputs("\n", listing);
  }
  std::unique_ptr<HeapTools> heap_tools;
  const HeapToolOptions& ht = opts.heap_tools;
  if (ht.explain || !ht.snapshot_file.empty() || !ht.snapshot_dir.empty()) {
    // `jsvm leaks --json`: stdout carries only the JSON document, so the
    // script's own output goes to stderr.
    if (ht.explain && ht.json && ht.out == stdout) {
      rt.stdout_sink() = [](std::string_view s) { std::fwrite(s.data(), 1, s.size(), stderr); };
    }
    heap_tools = std::make_unique<HeapTools>(rt, opts.file, ht);
  }
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> trace_file(nullptr, std::fclose);
  std::unique_ptr<Tracer> tracer;
  if (trace) {
    std::FILE* out = stdout;
    if (viz) {
      // The trace goes to a temporary file, then into the page.
      trace_file.reset(std::tmpfile());
      if (!trace_file) {
        std::fprintf(stderr, "jsvm: cannot create a temporary file: %s\n", std::strerror(errno));
        return kExitFile;
      }
      out = trace_file.get();
    } else if (!trace_to_stdout) {
      trace_file.reset(std::fopen(opts.output.c_str(), "wb"));
      if (!trace_file) {
        std::fprintf(stderr, "jsvm: cannot write %s: %s\n", opts.output.c_str(), std::strerror(errno));
        return kExitFile;
      }
      out = trace_file.get();
    }
    if (opts.format == "chrome" && !viz) {
      tracer = std::make_unique<ChromeTracer>(rt, out, opts.trace);
    } else {
      tracer = std::make_unique<JsonTracer>(rt, out, opts.trace);
    }
    // Past --max-heap the heap exits the process: end the trace file first.
    rt.heap().SetOutOfMemoryHandler([&rt, &tracer](size_t limit) {
      rt.FlushStdout();
      tracer->Finish("out-of-memory", "JavaScript heap out of memory (limit " + std::to_string(limit >> 20) + " MB)",
                     134);
    });
    tracer->Begin(compiled.top);
  }
  int code = kExitOk;
  std::string outcome = "ok", message;
  try {
    if (module) {
      code = RunMainModule(rt, opts.file, compiled.top, &outcome, &message);
    } else {
      rt.interpreter().RunScript(compiled.top);
      // Then what node does after the script: microtasks, timers, immediates,
      // until no work is left.
      RunEventLoop(rt);
    }
  } catch (JsThrow&) {
    rt.FlushStdout();
    std::string compile_error = module ? LastModuleCompileError(rt) : "";
    if (!compile_error.empty()) {
      // A module the main one imports does not compile: reported as the
      // main script's own syntax errors are.
      std::fprintf(stderr, "%s\n", compile_error.c_str());
      code = kExitUncaught;
      outcome = "uncaught";
      message = compile_error.substr(0, compile_error.find('\n'));
      goto finished;
    }
    std::string text = DescribeUncaught(rt, rt.exception());
    std::fprintf(stderr, "Uncaught %s\n", text.c_str());
    code = kExitUncaught;
    outcome = "uncaught";
    message = text;
  } catch (JsUnhandledRejection&) {
    rt.FlushStdout();
    std::string text = DescribeUnhandledRejection(rt, rt.exception());
    std::fprintf(stderr, "Uncaught %s\n", text.c_str());
    code = kExitUncaught;
    outcome = "uncaught";
    message = text;
  } catch (const JsTerminate& t) {
    rt.FlushStdout();
    std::fprintf(stderr, "jsvm: %s\n", t.message.c_str());
    code = t.exit_code;
    outcome = "terminated";
    message = t.message;
  }
finished:
  rt.FlushStdout();
  if (tracer) {
    tracer->Finish(outcome, message, code);
    rt.heap().SetOutOfMemoryHandler([&rt](size_t) { rt.FlushStdout(); });
    bool written = tracer->ok();
    tracer.reset();
    if (!written || (!viz && trace_file && std::fclose(trace_file.release()) != 0)) {
      std::fprintf(stderr, "jsvm: cannot write %s: %s\n",
                   trace_to_stdout ? "the trace to stdout" : viz ? "the trace to a temporary file" : opts.output.c_str(),
                   std::strerror(errno));
      if (code == kExitOk) code = kExitFile;
    } else if (viz && !WriteViewer(opts, trace_file.get()) && code == kExitOk) {
      code = kExitFile;
    }
  }
  if (heap_tools && !heap_tools->Finish() && code == kExitOk) code = kExitFile;
  heap_tools.reset();
  if (scopes) {
    // Printed even after an uncaught exception: the inspections made so far.
    std::string program = opts.file.substr(opts.file.find_last_of('/') + 1);
    std::string json = ScopesReportJson(program, kVersion, rt.inspections())
                           .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    std::fwrite(json.data(), 1, json.size(), stdout);
    std::fputc('\n', stdout);
  }
  if (opts.heap_stats) PrintHeapStats(rt);
  if (opts.dispatch_stats) PrintDispatchStats(stderr, rt.interpreter().dispatch_counts(), rt.interpreter().dispatch_pairs(), 30);
  if (!opts.dispatch_stats_file.empty()) {
    std::string json = DispatchCountersJson(rt.interpreter().dispatch_pairs());
    std::FILE* f = std::fopen(opts.dispatch_stats_file.c_str(), "wb");
    bool ok = f && std::fwrite(json.data(), 1, json.size(), f) == json.size();
    if (f && std::fclose(f) != 0) ok = false;
    if (!ok) {
      std::fprintf(stderr, "jsvm: cannot write %s: %s\n", opts.dispatch_stats_file.c_str(), std::strerror(errno));
      if (code == kExitOk) code = kExitFile;
    }
  }
  if (opts.test262_host && Test262AgentsStarted()) {
    // $262.agent threads still run their runtimes (a node worker is
    // unreferenced the same way): end here, tearing nothing down.
    std::fflush(stdout);
    std::fflush(stderr);
    std::_Exit(code);
  }
  return code;
}

int Main(int argc, char** argv) {
  Options opts;
  double max_heap_mb = 0;
  int64_t max_steps = 0;  // signed, so that a negative value is seen and refused
  int64_t keyframe_interval = static_cast<int64_t>(opts.trace.keyframe_interval);
  double timeout = 0;
  size_t stack_kb = kDefaultStackSizeKb;
  std::string functions, clock = "steps", unhandled = "throw";
  po::options_description general("Options");
  general.add_options()
      ("help,h", "print this help")
      ("version", "print the version")
      ("output,o", po::value<std::string>(&opts.output),
       "compile: the bytecode file to write; trace: the trace (default stdout); viz: the page")
      ("strip", po::bool_switch(&opts.strip), "compile: leave out the source text and source positions")
      ("print-bytecode", po::bool_switch(&opts.print_bytecode), "print every function's bytecode before running")
      ("regexp", po::bool_switch(&opts.regexp),
       "disasm: print the regexp bytecode of every regular-expression literal instead (V8's --print-regexp-bytecode)")
      ("module", po::bool_switch(&opts.module), "run FILE as module code (the default for .mjs files)")
      ("import-root", po::value<std::vector<std::string>>(&opts.import_roots),
       "a directory whose files import and import() may read, besides the main script's directory (repeatable)")
      ("test262-host", po::bool_switch(&opts.test262_host),
       "define test262's host object $262 (global, gc, detachArrayBuffer, evalScript; createRealm throws)")
      ("heap-stats", po::bool_switch(&opts.heap_stats), "after a final collection, print heap statistics as JSON to stderr")
      ("dispatch-stats", po::bool_switch(&opts.dispatch_stats),
       "count executed bytecodes and bytecode pairs; print the most frequent to stderr")
      ("dispatch-stats-file", po::value<std::string>(&opts.dispatch_stats_file),
       "write the pair counts as V8's dispatch counters JSON ({from: {to: count}}) to FILE")
      ("max-heap", po::value<double>(&max_heap_mb), "heap limit in MB (above 0)")
      ("heap-snapshot", po::value<std::string>(&opts.heap_tools.snapshot_file),
       "write a heap snapshot (Chrome DevTools .heapsnapshot) to FILE at exit")
      ("snapshot-dir", po::value<std::string>(&opts.heap_tools.snapshot_dir),
       "__snapshot(label) writes DIR/NNN-label.heapsnapshot (without it, __snapshot writes nothing)")
      ("explain-retained", po::bool_switch(&opts.heap_tools.explain),
       "print a leak report to stderr at exit and at each __snapshot (what `jsvm leaks` prints)")
      ("json", po::bool_switch(&opts.heap_tools.json), "leak reports as one JSON document (leaks, --explain-retained)")
      ("gc-stress", "collect garbage at every allocation")
      ("trace-gc", "print one line per collection to stderr")
      ("expose-gc", "define gc(), which collects garbage at once (as node --expose-gc)")
      ("max-steps", po::value<int64_t>(&max_steps),
       "stop after N bytecodes (trace: stop recording after N recorded steps; the program runs on)")
      ("timeout", po::value<double>(&timeout), "stop after SECONDS (above 0), also while waiting for a timer")
      ("unhandled-rejections", po::value<std::string>(&unhandled)->default_value("throw"),
       "a promise rejected with no handler: throw (node's default: reported as uncaught, exit 1), "
       "strict (the same), warn (a warning on stderr, the program goes on) or none")
      ("stack-size", po::value<size_t>(&stack_kb)->default_value(kDefaultStackSizeKb),
       "KB of C++ stack for recursion (JSON, console.log, join, native calls); also sets the JavaScript "
       "frame limit (2 per KB) and the register stack; past it: RangeError: Maximum call stack size exceeded");
  po::options_description tracing("Trace options (jsvm trace, jsvm viz)");
  tracing.add_options()
      ("format", po::value<std::string>(&opts.format), "json (jsvm's step format, the default) or chrome (Trace Event Format)")
      ("functions", po::value<std::string>(&functions), "record only steps inside these functions: NAME,NAME,...")
      ("keyframe-interval", po::value<int64_t>(&keyframe_interval),
       "json: a keyframe of the whole state every N recorded steps (0: none; default 10000)")
      ("clock", po::value<std::string>(&clock), "chrome: steps (1 us per bytecode, the default) or wall (real microseconds)");
  po::options_description hidden;
  hidden.add_options()("args", po::value<std::vector<std::string>>(), "command and file");
  po::options_description all;
  all.add(general).add(tracing).add(hidden);
  po::positional_options_description positional;
  positional.add("args", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::fprintf(stderr, "jsvm: %s\n%s", e.what(), kUsage);
    return kExitUsage;
  }
  std::vector<std::string> args;
  if (vm.count("args")) args = vm["args"].as<std::vector<std::string>>();
  if (vm.count("help") || (!args.empty() && args[0] == "help")) {
    std::cout << kUsage << general << "\n" << tracing << "\n" << kExitCodes;
    return kExitOk;
  }
  if (vm.count("version")) {
    std::cout << kVersion << " (commit " << JSVM_COMMIT << ")\n";
    return kExitOk;
  }
  // Limits: each given must mean one (0 or a negative number is refused, not
  // read as "no limit").
  if (vm.count("max-heap") && !(max_heap_mb > 0 && max_heap_mb <= 1 << 30)) {
    std::fprintf(stderr, "jsvm: --max-heap must be a number of MB above 0 (at most %d)\n", 1 << 30);
    return kExitUsage;
  }
  if (vm.count("max-steps") && max_steps <= 0) {
    std::fprintf(stderr, "jsvm: --max-steps must be a number of steps above 0\n");
    return kExitUsage;
  }
  if (vm.count("timeout") && !(timeout > 0 && std::isfinite(timeout))) {
    std::fprintf(stderr, "jsvm: --timeout must be a number of seconds above 0\n");
    return kExitUsage;
  }
  if (keyframe_interval < 0) {
    std::fprintf(stderr, "jsvm: --keyframe-interval must be 0 (no keyframes) or a number of steps\n");
    return kExitUsage;
  }
  opts.trace.keyframe_interval = static_cast<uint64_t>(keyframe_interval);
  if (!args.empty() && args[0] == "bytecodes") {
    std::fputs(BytecodesMarkdown().c_str(), stdout);
    return kExitOk;
  }
  opts.runtime.heap.max_heap_bytes = static_cast<size_t>(max_heap_mb * 1024 * 1024);
  opts.runtime.heap.stress = vm.count("gc-stress") > 0;
  opts.runtime.heap.trace = vm.count("trace-gc") > 0;
  opts.runtime.expose_gc = vm.count("expose-gc") > 0;
  opts.runtime.max_steps = static_cast<uint64_t>(max_steps);
  opts.runtime.timeout_seconds = timeout;
  if (stack_kb < kMinStackSizeKb || stack_kb > kMaxStackSizeKb) {
    std::fprintf(stderr, "jsvm: --stack-size must be between %zu and %zu (KB)\n", kMinStackSizeKb, kMaxStackSizeKb);
    return kExitUsage;
  }
  SetStackSize(&opts.runtime, stack_kb);
  if (opts.format != "json" && opts.format != "chrome") {
    std::fprintf(stderr, "jsvm: --format must be json or chrome\n");
    return kExitUsage;
  }
  // As test262's hosts do (node_host.js too), --test262-host ignores
  // unhandled rejections unless told otherwise: async tests report through $DONE.
  if (opts.test262_host && vm["unhandled-rejections"].defaulted()) unhandled = "none";
  if (unhandled == "throw" || unhandled == "strict") {
    opts.runtime.unhandled_rejections = UnhandledRejections::kThrow;
  } else if (unhandled == "warn") {
    opts.runtime.unhandled_rejections = UnhandledRejections::kWarn;
  } else if (unhandled == "none") {
    opts.runtime.unhandled_rejections = UnhandledRejections::kNone;
  } else {
    std::fprintf(stderr, "jsvm: --unhandled-rejections must be throw, strict, warn or none\n");
    return kExitUsage;
  }
  if (clock != "steps" && clock != "wall") {
    std::fprintf(stderr, "jsvm: --clock must be steps or wall\n");
    return kExitUsage;
  }
  if (args.empty() || (args.size() == 1 && args[0] == "repl")) {
    return RunRepl(opts.runtime, stdin, isatty(fileno(stdin)) != 0);
  }
  if (args[0] == "repl") {
    std::fprintf(stderr, "jsvm: repl takes no file (it reads standard input)\n%s", kUsage);
    return kExitUsage;
  }
  if (std::find(std::begin(kFileCommands), std::end(kFileCommands), args[0]) != std::end(kFileCommands)) {
    opts.command = args[0];
    args.erase(args.begin());
  } else if (args.size() > 1 && access(args[0].c_str(), F_OK) != 0) {
    // `jsvm lint a.js`: a misspelt command, not two script files.
    std::fprintf(stderr, "jsvm: unknown command '%s' (commands: run, compile, disasm, scopes, leaks, trace, viz, "
                 "bytecodes, repl, help)\n%s", args[0].c_str(), kUsage);
    return kExitUsage;
  }
  if (opts.command == "leaks") {
    opts.command = "run";
    opts.heap_tools.explain = true;
    opts.heap_tools.out = stdout;
  }
  if (args.size() != 1) {
    std::fprintf(stderr, "jsvm: expected one script file\n%s", kUsage);
    return kExitUsage;
  }
  opts.file = args[0];
  if (opts.command == "trace" || opts.command == "viz") {
    // Here --max-steps bounds the recording, not the run (docs/trace-format.md).
    opts.runtime.max_steps = 0;
    opts.trace.max_steps = static_cast<uint64_t>(max_steps);
    opts.trace.functions = SplitFunctionList(functions);
    opts.trace.wall_clock = clock == "wall";
    opts.trace.program = opts.file;
    opts.trace.engine = kVersion;
  }
  bool writes_output = opts.command == "compile" || opts.command == "trace" || opts.command == "viz";
  if ((opts.command == "compile" && opts.output.empty()) || (!writes_output && !opts.output.empty())) {
    std::fprintf(stderr, "jsvm: -o FILE goes with compile (required), trace and viz\n%s", kUsage);
    return kExitUsage;
  }
  if (opts.strip && opts.command != "compile") {
    std::fprintf(stderr, "jsvm: --strip goes with compile\n%s", kUsage);
    return kExitUsage;
  }
  return RunCommand(opts);
}

struct ThreadArgs {
  int argc;
  char** argv;
  int result;
};

}  // namespace
}  // namespace jsvm

namespace {

// The --stack-size argument, read before the options are parsed (the VM's
// thread is made first); the default when absent or malformed (Main reports it).
size_t StackSizeArgument(int argc, char** argv) {
  size_t kb = jsvm::kDefaultStackSizeKb;
  for (int i = 1; i < argc; ++i) {
    const char* value = nullptr;
    if (std::strncmp(argv[i], "--stack-size=", 13) == 0) {
      value = argv[i] + 13;
    } else if (std::strcmp(argv[i], "--stack-size") == 0 && i + 1 < argc) {
      value = argv[i + 1];
    }
    if (value) {
      char* end = nullptr;
      unsigned long long v = std::strtoull(value, &end, 10);
      if (end != value && *end == 0 && v >= jsvm::kMinStackSizeKb && v <= jsvm::kMaxStackSizeKb) kb = v;
    }
  }
  return kb;
}

}  // namespace

// Runs the VM on a stack well beyond --stack-size, so that deep recursion in
// C++ (the parser, JSON, native callbacks) hits jsvm's own limits, which throw
// a RangeError, long before the real stack ends. The stack is a mapping of
// its own that the main thread switches to (makecontext/swapcontext): no
// second thread to create, schedule and join, which on a busy machine cost
// start-up several scheduler time slices. Sanitizer builds use a thread
// instead (AddressSanitizer does not follow swapcontext reliably). Where
// neither can be set up, the VM runs on the stack it has, and its limits
// shrink to fit it (vm/execution/native-stack.h).
int JsvmMain(int argc, char** argv) {
  static jsvm::ThreadArgs args{argc, argv, 0};
  size_t stack_bytes = std::max<size_t>(256u << 20, (StackSizeArgument(argc, argv) << 11) + (64u << 20));
  auto run = [] { args.result = jsvm::Main(args.argc, args.argv); };
#if JSVM_SANITIZE
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_bytes);
  pthread_t thread;
  auto body = [](void* p) -> void* {
    (*static_cast<decltype(run)*>(p))();
    return nullptr;
  };
  if (pthread_create(&thread, &attr, body, &run) != 0) {
    run();
  } else {
    pthread_join(thread, nullptr);
  }
  pthread_attr_destroy(&attr);
#else
  // Untouched pages of the mapping cost nothing; a guard page below it turns
  // an overflow past every limit into a crash, never a silent overwrite.
  const size_t guard = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* mem = mmap(nullptr, stack_bytes + guard, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
  static ucontext_t caller, vm;
  if (mem == MAP_FAILED || mprotect(mem, guard, PROT_NONE) != 0 || getcontext(&vm) != 0) {
    run();
  } else {
    char* low = static_cast<char*>(mem) + guard;
    vm.uc_stack.ss_sp = low;
    vm.uc_stack.ss_size = stack_bytes;
    vm.uc_link = &caller;  // where the VM's context goes when run() returns
    static void (*entry)() = run;
    makecontext(&vm, [] { entry(); }, 0);
    jsvm::SetCurrentThreadStack({reinterpret_cast<uintptr_t>(low), stack_bytes});
    if (swapcontext(&caller, &vm) != 0) run();
    jsvm::SetCurrentThreadStack({});  // back on the thread's own stack
  }
#endif
  std::fflush(stdout);
  return args.result;
}
