// Global properties and functions: globalThis, NaN, Infinity, undefined,
// isNaN, isFinite, the URI functions, escape and unescape, print, console, __inspect and __snapshot.
// (parseInt and parseFloat are shared with Number; see number.cc.)
#include <cmath>
#include <cstdio>
#include <cstring>

#include "vm/builtins/builtins.h"
#include "vm/debug/inspect.h"
#include "vm/execution/operations.h"
#include "vm/debug/debug-scopes.h"
#include "vm/interpreter/trace-hooks.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

Value GlobalIsNaN(Runtime& rt, CallArgs& args) { return Value::Boolean(std::isnan(ToNumber(rt, args[0]))); }
Value GlobalIsFinite(Runtime& rt, CallArgs& args) {
  return Value::Boolean(std::isfinite(ToNumber(rt, args[0])));
}

Value ConsoleLog(Runtime& rt, CallArgs& args) {
  std::string line = FormatLogArguments(rt, args.argv, args.argc);
  line += '\n';
  rt.WriteStdout(line);
  return Value::Undefined();
}

Value ConsoleError(Runtime& rt, CallArgs& args) {
  std::string line = FormatLogArguments(rt, args.argv, args.argc);
  line += '\n';
  if (TraceHooks* hooks = rt.trace_hooks()) hooks->OnOutput(2, line);
  rt.FlushStdout();
  std::fwrite(line.data(), 1, line.size(), stderr);
  std::fflush(stderr);
  return Value::Undefined();
}

// Indirect eval: runs a string as a global script (through the hook of
// SetScriptEvaluatorHook); other values are returned unchanged.
Value GlobalEval(Runtime& rt, CallArgs& args) {
  if (!args[0].IsString()) return args[0];
  ScriptEvaluatorHook hook = StateOf(rt).script_evaluator;
  if (!hook) rt.ThrowTypeError("eval is not supported");
  std::u16string source(args[0].AsString()->view());
  return hook(rt, source);
}

}  // namespace

bool IsGlobalEval(Value v) {
  return v.IsCellOfKind(CellKind::kNativeFunction) && static_cast<NativeFunction*>(v.AsCell())->fn() == GlobalEval;
}

namespace {

// __inspect(fn, label): records fn's [[Scopes]] as they are now, for
// `jsvm scopes` (vm/debug/debug-scopes.h).
Value InspectHook(Runtime& rt, CallArgs& args) {
  rt.inspections().push_back(InspectScopes(rt, args[0], args[1]));
  return Value::Undefined();
}

// __snapshot(label): a heap snapshot and/or leak report at this point, when
// the command line asked for them (jsvm run --snapshot-dir, jsvm leaks);
// otherwise nothing happens. Returns what the hook returns (the snapshot's
// file name), or undefined.
Value SnapshotBuiltin(Runtime& rt, CallArgs& args) {
  SnapshotHook& hook = StateOf(rt).snapshot_hook;
  if (!hook) return Value::Undefined();
  std::string label = args[0].IsUndefined() ? "" : ToString(rt, args[0])->ToUtf8();
  return hook(rt, label);
}

// ---- URI functions

bool InSet(char16_t c, const char* set) {
  if (c >= 'a' && c <= 'z') return true;
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= '0' && c <= '9') return true;
  for (const char* p = set; *p; ++p) {
    if (c == static_cast<char16_t>(*p)) return true;
  }
  return false;
}

constexpr const char* kUnreservedMarks = "-_.!~*'()";
constexpr const char* kReservedAndMarks = "-_.!~*'();/?:@&=+$,#";

Value Encode(Runtime& rt, Value arg, const char* unescaped) {
  Rooted<String*> s(rt, ToString(rt, arg));
  std::u16string_view v = s->view();
  std::string out;
  static const char kHex[] = "0123456789ABCDEF";
  for (size_t k = 0; k < v.size(); ++k) {
    char16_t c = v[k];
    if (c < 0x80 && InSet(c, unescaped)) {
      out += static_cast<char>(c);
      continue;
    }
    char32_t cp = c;
    if (IsLowSurrogate(c)) rt.ThrowError(rt.intrinsics().uri_error_prototype, "URI malformed");
    if (IsHighSurrogate(c)) {
      if (k + 1 >= v.size() || !IsLowSurrogate(v[k + 1])) {
        rt.ThrowError(rt.intrinsics().uri_error_prototype, "URI malformed");
      }
      cp = 0x10000 + ((c - 0xD800) << 10) + (v[k + 1] - 0xDC00);
      ++k;
    }
    std::u16string one;
    AppendCodePoint(one, cp);
    std::string bytes = Utf16ToUtf8(one);
    for (unsigned char b : bytes) {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 15];
    }
  }
  return StringValueUtf8(rt, out);
}

int HexValue(char16_t c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Value Decode(Runtime& rt, Value arg, const char* reserved) {
  Rooted<String*> s(rt, ToString(rt, arg));
  std::u16string_view v = s->view();
  std::u16string out;
  auto malformed = [&]() { rt.ThrowError(rt.intrinsics().uri_error_prototype, "URI malformed"); };
  for (size_t k = 0; k < v.size(); ++k) {
    char16_t c = v[k];
    if (c != '%') {
      out += c;
      continue;
    }
    size_t start = k;
    if (k + 2 >= v.size()) malformed();
    int h1 = HexValue(v[k + 1]), h2 = HexValue(v[k + 2]);
    if (h1 < 0 || h2 < 0) malformed();
    unsigned b = static_cast<unsigned>(h1 * 16 + h2);
    k += 2;
    if (b < 0x80) {
      if (b != 0 && std::strchr(reserved, static_cast<int>(b))) {
        out += v.substr(start, 3);
      } else {
        out += static_cast<char16_t>(b);
      }
      continue;
    }
    int n = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0) malformed();
    char32_t cp = b & (0xFF >> (n + 1));
    for (int j = 1; j < n; ++j) {
      if (k + 3 >= v.size() || v[k + 1] != '%') malformed();
      int a1 = HexValue(v[k + 2]), a2 = HexValue(v[k + 3]);
      if (a1 < 0 || a2 < 0) malformed();
      unsigned cb = static_cast<unsigned>(a1 * 16 + a2);
      if ((cb & 0xC0) != 0x80) malformed();
      cp = (cp << 6) | (cb & 0x3F);
      k += 3;
    }
    static const char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) malformed();
    AppendCodePoint(out, cp);
  }
  return StringValue(rt, out);
}

// ---- escape and unescape (Annex B.2.1)

// escape(string): code units outside A-Z a-z 0-9 @*_+-./ become %XX (below
// 256) or %uXXXX.
Value GlobalEscape(Runtime& rt, CallArgs& args) {
  Rooted<String*> s(rt, ToString(rt, args[0]));
  static const char16_t kHex[] = u"0123456789ABCDEF";
  std::u16string out;
  for (char16_t c : s->view()) {
    if (c < 0x80 && InSet(c, "@*_+-./")) {
      out += c;
    } else if (c < 256) {
      out += {u'%', kHex[c >> 4], kHex[c & 15]};
    } else {
      out += {u'%', u'u', kHex[c >> 12], kHex[(c >> 8) & 15], kHex[(c >> 4) & 15], kHex[c & 15]};
    }
  }
  return StringValue(rt, out);
}

// unescape(string): %uXXXX and %XX become their code units; anything else
// (a % without valid hex digits after it) stays as it is.
Value GlobalUnescape(Runtime& rt, CallArgs& args) {
  Rooted<String*> s(rt, ToString(rt, args[0]));
  std::u16string_view v = s->view();
  std::u16string out;
  auto hex = [&](size_t from, size_t n) {
    int value = 0;
    for (size_t i = from; i < from + n; ++i) {
      int h = HexValue(v[i]);
      if (h < 0) return -1;
      value = value * 16 + h;
    }
    return value;
  };
  for (size_t k = 0; k < v.size(); ++k) {
    char16_t c = v[k];
    if (c == '%') {
      int u = -1;
      if (k + 6 <= v.size() && v[k + 1] == 'u' && (u = hex(k + 2, 4)) >= 0) {
        c = static_cast<char16_t>(u);
        k += 5;
      } else if (k + 3 <= v.size() && (u = hex(k + 1, 2)) >= 0) {
        c = static_cast<char16_t>(u);
        k += 2;
      }
    }
    out += c;
  }
  return StringValue(rt, out);
}

Value GlobalEncodeURIComponent(Runtime& rt, CallArgs& args) { return Encode(rt, args[0], kUnreservedMarks); }
Value GlobalEncodeURI(Runtime& rt, CallArgs& args) { return Encode(rt, args[0], kReservedAndMarks); }
Value GlobalDecodeURIComponent(Runtime& rt, CallArgs& args) { return Decode(rt, args[0], ""); }
Value GlobalDecodeURI(Runtime& rt, CallArgs& args) { return Decode(rt, args[0], ";/?:@&=+$,#"); }

}  // namespace

void SetSnapshotHook(Runtime& rt, SnapshotHook hook) { StateOf(rt).snapshot_hook = std::move(hook); }

void InstallGlobalBuiltins(Runtime& rt) {
  Rooted<Object*> global(rt, rt.global());
  DefineValue(rt, global, "globalThis", Value::FromCell(global.get()));
  DefineValue(rt, global, "NaN", Value::Double(NAN), kAttrNone);
  DefineValue(rt, global, "Infinity", Value::Double(INFINITY), kAttrNone);
  DefineValue(rt, global, "undefined", Value::Undefined(), kAttrNone);
  DefineMethod(rt, global, "isNaN", GlobalIsNaN, 1);
  DefineMethod(rt, global, "eval", GlobalEval, 1);
  DefineMethod(rt, global, "isFinite", GlobalIsFinite, 1);
  DefineMethod(rt, global, "decodeURI", GlobalDecodeURI, 1);
  DefineMethod(rt, global, "decodeURIComponent", GlobalDecodeURIComponent, 1);
  DefineMethod(rt, global, "encodeURI", GlobalEncodeURI, 1);
  DefineMethod(rt, global, "encodeURIComponent", GlobalEncodeURIComponent, 1);
  DefineMethod(rt, global, "escape", GlobalEscape, 1);
  DefineMethod(rt, global, "unescape", GlobalUnescape, 1);
  DefineMethod(rt, global, "print", ConsoleLog, 0);
  DefineMethod(rt, global, "__inspect", InspectHook, 2);
  DefineMethod(rt, global, "__snapshot", SnapshotBuiltin, 1);

  Rooted<Object*> console(rt, rt.NewObject());
  DefineValue(rt, global, "console", Value::FromCell(console.get()));
  DefineMethod(rt, console, "log", ConsoleLog, 0);
  DefineMethod(rt, console, "info", ConsoleLog, 0);
  DefineMethod(rt, console, "debug", ConsoleLog, 0);
  DefineMethod(rt, console, "error", ConsoleError, 0);
  DefineMethod(rt, console, "warn", ConsoleError, 0);
  DefineMethod(rt, console, "trace", ConsoleError, 0);
}

}  // namespace jsvm
