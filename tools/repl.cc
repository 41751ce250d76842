#include "tools/repl.h"

#include <iostream>
#include <string>

#include "compiler/compiler.h"
#include "compiler/disassembler.h"
#include "vm/debug/inspect.h"
#include "vm/interpreter/interpreter.h"
#include "vm/objects/object-ops.h"
#include "vm/execution/operations.h"
#include "vm/host/event-loop.h"
#include "vm/modules/module-loader.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

const char* kHelp =
    ".bytecode  Print the bytecode of the last input\n"
    ".clear     Forget the input typed so far (when it is not complete)\n"
    ".exit      Exit the REPL\n"
    ".help      Print this help message\n"
    "\n"
    "Press Ctrl+D to exit the REPL\n";

bool ReadLine(std::FILE* in, std::string* line) {
  line->clear();
  int c;
  bool any = false;
  while ((c = std::fgetc(in)) != EOF) {
    any = true;
    if (c == '\n') return true;
    line->push_back(static_cast<char>(c));
  }
  return any;
}

// The text of an uncaught exception, as node's REPL prints it: an error's
// first stack line ("TypeError: message"), other values inspected.
std::string DescribeException(Runtime& rt, Value exception) {
  Rooted<Value> ex(rt, exception);
  try {
    if (ex.get().IsObject()) {
      Value stack = GetProperty(rt, ex.get().AsObject(), PropertyKey::Named(rt.names().stack));
      if (stack.IsString()) {
        std::string text = stack.AsString()->ToUtf8();
        size_t at = text.find("\n    at ");
        return at == std::string::npos ? text : text.substr(0, at);
      }
    }
    return Inspect(rt, ex);
  } catch (JsThrow&) {
    return DescribeForError(rt, ex);
  }
}

// Runs `work` (microtasks, the event loop), reporting what escapes it as the
// REPL reports an input's errors.
void RunHostWork(Runtime& rt, void (*work)(Runtime&)) {
  for (;;) {
    try {
      work(rt);
      return;
    } catch (JsThrow&) {
      std::printf("Uncaught %s\n", DescribeException(rt, rt.exception()).c_str());
    } catch (JsUnhandledRejection&) {
      std::printf("Uncaught %s\n", DescribeException(rt, rt.exception()).c_str());
    } catch (const JsTerminate& t) {
      std::printf("jsvm: %s\n", t.message.c_str());
      return;
    }
  }
}

}  // namespace

int RunRepl(const RuntimeOptions& options, std::FILE* in, bool prompts) {
  Runtime rt(options);
  InstallScriptEvaluator(rt);
  // import() resolves from, and may read inside, the working directory.
  SetMainScript(rt, "<repl>");
  // Output goes straight to stdout so that it interleaves with prompts.
  rt.stdout_sink() = [](std::string_view s) {
    std::fwrite(s.data(), 1, s.size(), stdout);
    std::fflush(stdout);
  };
  if (prompts) std::printf("Welcome to jsvm. Type \".help\" for more information.\n");
  std::string buffer;
  Rooted<FunctionInfo*> last(rt, nullptr);  // for .bytecode
  int input_number = 0;
  std::string line;
  for (;;) {
    if (prompts) {
      std::fputs(buffer.empty() ? "> " : "... ", stdout);
      std::fflush(stdout);
    }
    if (!ReadLine(in, &line)) break;
    if (buffer.empty()) {
      std::string cmd = line;
      while (!cmd.empty() && (cmd.back() == ' ' || cmd.back() == '\r')) cmd.pop_back();
      if (cmd == ".exit") break;
      if (cmd == ".help") {
        std::fputs(kHelp, stdout);
        continue;
      }
      if (cmd == ".bytecode") {
        if (last) std::fputs(DisassembleAll(last).c_str(), stdout);
        else std::fputs("(no input yet)\n", stdout);
        continue;
      }
      if (cmd.empty()) continue;
      if (cmd[0] == '.' && cmd.size() > 1 && std::isalpha(static_cast<unsigned char>(cmd[1]))) {
        std::printf("Invalid REPL keyword\n");
        continue;
      }
    } else if (line == ".clear") {
      buffer.clear();
      continue;
    }
    buffer += line;
    buffer += "\n";
    std::string name = "REPL" + std::to_string(++input_number);
    CompileOptions copts;
    copts.repl = true;
    CompileResult compiled = CompileScript(rt, name, Utf8ToUtf16(buffer), copts);
    if (!compiled.ok()) {
      if (compiled.incomplete) {
        --input_number;
        continue;  // read more
      }
      std::printf("%s\n", compiled.error.c_str());
      buffer.clear();
      continue;
    }
    buffer.clear();
    last = compiled.top;
    try {
      Value result = rt.interpreter().RunScript(last);
      Rooted<Value> r(rt, result);
      std::string text = Inspect(rt, r);
      std::printf("%s\n", text.c_str());
    } catch (JsThrow&) {
      std::printf("Uncaught %s\n", DescribeException(rt, rt.exception()).c_str());
    } catch (const JsTerminate& t) {
      std::printf("jsvm: %s\n", t.message.c_str());
    }
    // The input's microtasks run before the next prompt, as in node's REPL.
    RunHostWork(rt, DrainMicrotasksAndCheck);
    std::fflush(stdout);
  }
  // Timers still armed at the end of the input run before jsvm exits.
  RunHostWork(rt, RunEventLoop);
  if (prompts) std::fputs("\n", stdout);
  return 0;
}

}  // namespace jsvm
