// The jsvm command line: subcommands, flags (Boost.Program_options), exit codes.
#include <pthread.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/compiler.h"
#include "compiler/disassembler.h"
#include "vm/interpreter.h"
#include "vm/object-ops.h"
#include "vm/operations.h"
#include "vm/unicode.h"

namespace po = boost::program_options;

namespace jsvm {
namespace {

// Exit codes (docs/cli.md).
constexpr int kExitOk = 0;
constexpr int kExitUncaught = 1;    // uncaught exception or SyntaxError
constexpr int kExitUsage = 2;       // bad command line
constexpr int kExitFile = 3;        // cannot read the input file

constexpr const char* kVersion = "jsvm 0.1.0";

struct Options {
  std::string command = "run";
  std::string file;
  bool print_bytecode = false;
  RuntimeOptions runtime;
};

const char* kUsage =
    "Usage: jsvm [COMMAND] [OPTIONS] FILE.js\n"
    "\n"
    "Commands:\n"
    "  run FILE.js        compile and run a script (the default)\n"
    "  disasm FILE.js     print the bytecode of every function, V8's listing layout\n"
    "\n";

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
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

int RunCommand(const Options& opts) {
  std::string bytes;
  if (!ReadFile(opts.file, &bytes)) {
    std::fprintf(stderr, "jsvm: cannot read %s: %s\n", opts.file.c_str(), std::strerror(errno));
    return kExitFile;
  }
  std::u16string source = Utf8ToUtf16(bytes);
  Runtime rt(opts.runtime);
  CompileResult compiled = CompileScript(rt, opts.file, source);
  if (!compiled.ok()) {
    std::fprintf(stderr, "%s\n", compiled.error.c_str());
    return kExitUncaught;
  }
  if (opts.command == "disasm") {
    std::fputs(DisassembleAll(compiled.top).c_str(), stdout);
    return kExitOk;
  }
  if (opts.print_bytecode) {
    std::fputs(DisassembleAll(compiled.top).c_str(), stdout);
    std::fputs("\n", stdout);
  }
  int code = kExitOk;
  try {
    rt.interpreter().RunScript(compiled.top);
  } catch (JsThrow&) {
    rt.FlushStdout();
    std::string text = DescribeUncaught(rt, rt.exception());
    std::fprintf(stderr, "Uncaught %s\n", text.c_str());
    code = kExitUncaught;
  } catch (const JsTerminate& t) {
    rt.FlushStdout();
    std::fprintf(stderr, "jsvm: %s\n", t.message.c_str());
    code = t.exit_code;
  }
  rt.FlushStdout();
  return code;
}

int Main(int argc, char** argv) {
  Options opts;
  double max_heap_mb = 0;
  uint64_t max_steps = 0;
  double timeout = 0;
  po::options_description general("Options");
  general.add_options()
      ("help,h", "print this help")
      ("version", "print the version")
      ("print-bytecode", po::bool_switch(&opts.print_bytecode), "print every function's bytecode before running")
      ("max-heap", po::value<double>(&max_heap_mb), "heap limit in MB")
      ("gc-stress", "collect garbage at every allocation")
      ("trace-gc", "print one line per collection to stderr")
      ("max-steps", po::value<uint64_t>(&max_steps), "stop after N bytecodes")
      ("timeout", po::value<double>(&timeout), "stop after SECONDS");
  po::options_description hidden;
  hidden.add_options()("args", po::value<std::vector<std::string>>(), "command and file");
  po::options_description all;
  all.add(general).add(hidden);
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
  if (vm.count("help")) {
    std::cout << kUsage << general << "\n";
    return kExitOk;
  }
  if (vm.count("version")) {
    std::cout << kVersion << "\n";
    return kExitOk;
  }
  std::vector<std::string> args;
  if (vm.count("args")) args = vm["args"].as<std::vector<std::string>>();
  if (!args.empty() && (args[0] == "run" || args[0] == "disasm")) {
    opts.command = args[0];
    args.erase(args.begin());
  }
  if (args.size() != 1) {
    std::fprintf(stderr, "jsvm: expected one script file\n%s", kUsage);
    return kExitUsage;
  }
  opts.file = args[0];
  opts.runtime.heap.max_heap_bytes = static_cast<size_t>(max_heap_mb * 1024 * 1024);
  opts.runtime.heap.stress = vm.count("gc-stress") > 0;
  opts.runtime.heap.trace = vm.count("trace-gc") > 0;
  opts.runtime.max_steps = max_steps;
  opts.runtime.timeout_seconds = timeout;
  return RunCommand(opts);
}

struct ThreadArgs {
  int argc;
  char** argv;
  int result;
};

}  // namespace
}  // namespace jsvm

// Runs the VM on a thread with a large stack, so that deep recursion in C++
// (the parser, JSON, native callbacks) hits jsvm's own limits, which throw
// a RangeError, long before the real stack ends.
int JsvmMain(int argc, char** argv) {
  jsvm::ThreadArgs args{argc, argv, 0};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 256u << 20);
  pthread_t thread;
  auto body = [](void* p) -> void* {
    auto* a = static_cast<jsvm::ThreadArgs*>(p);
    a->result = jsvm::Main(a->argc, a->argv);
    return nullptr;
  };
  if (pthread_create(&thread, &attr, body, &args) != 0) {
    args.result = jsvm::Main(argc, argv);
  } else {
    pthread_join(thread, nullptr);
  }
  pthread_attr_destroy(&attr);
  std::fflush(stdout);
  return args.result;
}
