// RegExp, RegExp.prototype (exec, test, toString, compile, the flag getters,
// Symbol.match/matchAll/replace/search/split), %RegExpStringIteratorPrototype%,
// GetSubstitution for String.prototype.replace, the legacy static properties
// (RegExp.$1, lastMatch, ...) and RegExp objects made from literals. The
// engine itself is vm/regexp/.
#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "vm/builtins/builtins.h"
#include "vm/execution/operations.h"
#include "vm/interpreter/error-sites.h"
#include "vm/interpreter/interpreter.h"
#include "vm/interpreter/trace-hooks.h"
#include "vm/objects/collections.h"
#include "vm/objects/unicode.h"
#include "vm/regexp/regexp-object.h"

namespace jsvm {

// What the RegExp built-ins keep per runtime.
struct RegExpState {
  // Programs of literal sites, alive as long as the runtime (sites point at them).
  std::vector<std::shared_ptr<const RegExpProgram>> literal_programs;
  // Recently compiled (flags, source) pairs, so `new RegExp(s)` in a loop compiles once.
  std::unordered_map<std::u16string, std::shared_ptr<const RegExpProgram>> cache;
  // Indices into BuiltinsState::roots: %RegExp%, %RegExpStringIteratorPrototype%,
  // and the legacy statics' last input.
  size_t constructor_root = 0, iterator_proto_root = 0, last_input_root = 0;
  // The legacy statics: the last successful built-in match's captures.
  std::vector<int32_t> last_captures;
  // The matcher's buffers, reused by every execution.
  RegExpScratch scratch;
  // "groups", interned once (a permanent root).
  String* groups_key = nullptr;
  // The shapes of a match array's named properties (index; index, input;
  // index, input, groups), valid in the shape epoch they were made in.
  Shape* match_shapes[3] = {nullptr, nullptr, nullptr};
  uint32_t match_shapes_epoch = 0;
  // The shape of a new RegExp object (its lastIndex), likewise.
  Shape* instance_shape = nullptr;
  uint32_t instance_shape_epoch = 0;
  // RegExp.prototype and %RegExp% as installed: their shapes and property
  // values (kept alive in BuiltinsState::roots, so that no other cell can
  // take an address seen here). While both still match, every property the
  // spec's algorithms read from a plain RegExp object is the built-in one.
  struct Snapshot {
    Shape* shape = nullptr;
    std::vector<Value> values;
  };
  Snapshot proto_snapshot, constructor_snapshot;
};

namespace {

RegExpState& RegExpStateOf(Runtime& rt) { return *StateOf(rt).regexp_state; }

Value Str(Runtime& rt, std::u16string_view s) { return StringValue(rt, s); }

PropertyKey Key(Runtime& rt, const char* name) { return rt.KeyForUtf8(name); }

RegExpObject* AsRegExp(Value v) {
  return v.IsCellOfKind(CellKind::kRegExp) ? static_cast<RegExpObject*>(v.AsObject()) : nullptr;
}

// Compiles (source, flags), from the cache when it was compiled lately; a
// SyntaxError when invalid.
std::shared_ptr<const RegExpProgram> Compile(Runtime& rt, std::u16string_view source, uint16_t flags) {
  RegExpState& st = RegExpStateOf(rt);
  std::u16string key(1, static_cast<char16_t>(flags));
  key += source;
  auto it = st.cache.find(key);
  if (it != st.cache.end()) return it->second;
  std::string error;
  auto program = CompileRegExp(source, flags, &error);
  if (!program) {
    std::u16string text = u"Invalid regular expression: /";
    text += source;
    text += u"/";
    std::string f = RegExpFlagsText(flags);
    text.append(f.begin(), f.end());
    rt.ThrowSyntaxError(Utf16ToUtf8(text) + ": " + error);
  }
  if (st.cache.size() >= 512) st.cache.clear();
  st.cache.emplace(std::move(key), program);
  return program;
}

void SetLastIndex(Runtime& rt, Object* r, Value v) {
  if (r->kind() == CellKind::kRegExp && r->named_count() >= 1 && (r->named_attrs(0) & kAttrWritable) &&
      !(r->named_attrs(0) & kAttrAccessor)) {
    r->set_named_value(0, v);  // lastIndex, the first property of every RegExp object
    return;
  }
  SetProperty(rt, r, PropertyKey::Named(rt.names().lastIndex), v, true);
}

// RegExpInitialize(obj, pattern, flags).
Value Initialize(Runtime& rt, RegExpObject* obj, Value pattern, Value flags) {
  Rooted<RegExpObject*> r(rt, obj);
  Rooted<Value> f(rt, flags);
  Rooted<String*> p(rt, pattern.IsUndefined() ? rt.names().empty : ToString(rt, pattern));
  Rooted<String*> ftext(rt, f.get().IsUndefined() ? rt.names().empty : ToString(rt, f));
  uint16_t bits;
  if (!ParseRegExpFlags(ftext->view(), &bits)) {
    rt.ThrowSyntaxError("Invalid flags supplied to RegExp constructor '" + ftext->ToUtf8() + "'");
  }
  r->Initialize(Value::FromCell(p.get()), Compile(rt, p->view(), bits));
  SetLastIndex(rt, r, Value::Int(0));
  return Value::FromCell(r.get());
}

// RegExpAlloc: a RegExp object with its lastIndex property, not initialised.
// Its lastIndex sits in an inline slot; the shape is made once per shape epoch.
RegExpObject* Alloc(Runtime& rt, Object* proto) {
  auto* r = rt.heap().NewWithExtra<RegExpObject>(sizeof(Value), proto);
  r->InitInlineSlots(1, sizeof(RegExpObject));
  // After the allocation, which may collect (and free an unused shape); Transition never collects.
  RegExpState& st = RegExpStateOf(rt);
  if (!st.instance_shape || st.instance_shape_epoch != rt.shapes().epoch()) {
    st.instance_shape = rt.shapes().Transition(nullptr, rt.names().lastIndex, kAttrWritable);
    st.instance_shape_epoch = rt.shapes().epoch();
  }
  r->InitNamed(st.instance_shape, {Value::Int(0)});
  return r;
}

// IsRegExp(v).
bool IsRegExp(Runtime& rt, Value v) {
  if (!v.IsObject()) return false;
  Value m = GetProperty(rt, v.AsObject(), PropertyKey::Named(StateOf(rt).match));
  if (!m.IsUndefined()) return ToBoolean(m);
  return AsRegExp(v) != nullptr;
}

Value RegExpConstructorValue(Runtime& rt) { return StateOf(rt).roots[RegExpStateOf(rt).constructor_root]; }

// ---- the constructor

Value RegExpConstructor(Runtime& rt, CallArgs& args) {
  Rooted<Value> pattern(rt, args[0]);
  Rooted<Value> flags(rt, args[1]);
  bool pattern_is_regexp = IsRegExp(rt, pattern);
  Rooted<Value> new_target(rt, args.new_target);
  if (!args.is_construct()) {
    new_target = Value::FromCell(args.callee);
    if (pattern_is_regexp && flags.get().IsUndefined()) {
      Value ctor = GetProperty(rt, pattern.get().AsObject(), PropertyKey::Named(rt.names().constructor));
      if (SameValue(ctor, new_target)) return pattern;
    }
  }
  Rooted<Value> p(rt, Value::Undefined()), f(rt, Value::Undefined());
  if (RegExpObject* r = AsRegExp(pattern)) {
    p = r->source();
    std::string text = RegExpFlagsText(r->flags());
    f = flags.get().IsUndefined() ? Str(rt, std::u16string(text.begin(), text.end())) : flags.get();
  } else if (pattern_is_regexp) {
    p = GetProperty(rt, pattern.get().AsObject(), rt.KeyForUtf8("source"));
    f = flags.get().IsUndefined() ? GetProperty(rt, pattern.get().AsObject(), rt.KeyForUtf8("flags")) : flags.get();
  } else {
    p = pattern.get();
    f = flags.get();
  }
  Object* proto = GetPrototypeFromConstructor(rt, new_target, rt.intrinsics().regexp_prototype);
  return Initialize(rt, Alloc(rt, proto), p, f);
}

// RegExp.escape(S) (ES2025): S with every code point that could mean
// something in a pattern escaped, and a leading digit or ASCII letter as \xHH
// so that the result may follow \1 or \c.
void AppendHexEscape(std::u16string& out, char32_t c) {
  static constexpr char kDigits[] = "0123456789abcdef";
  int digits = c <= 0xFF ? 2 : 4;
  out += c <= 0xFF ? u"\\x" : u"\\u";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += static_cast<char16_t>(kDigits[(c >> shift) & 0xF]);
}

Value RegExpEscape(Runtime& rt, CallArgs& args) {
  if (!args[0].IsString()) rt.ThrowTypeError("RegExp.escape requires a string");
  std::u16string_view s = args[0].AsString()->view();
  std::u16string out;
  constexpr std::u16string_view kSyntax = u"^$\\.*+?()[]{}|/";
  constexpr std::u16string_view kOtherPunctuators = u",-=<>#&!%:;@~'`\"";
  constexpr std::u16string_view kControl = u"tnvfr";  // U+0009..U+000D
  for (size_t i = 0; i < s.size();) {
    size_t units;
    char32_t c = CodePointAt(s, i, &units);
    bool ascii_alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    if (out.empty() && ascii_alnum) {
      AppendHexEscape(out, c);
    } else if (c < 0x80 && kSyntax.find(static_cast<char16_t>(c)) != std::u16string_view::npos) {
      out += u'\\';
      out += static_cast<char16_t>(c);
    } else if (c >= 0x09 && c <= 0x0D) {
      out += u'\\';
      out += kControl[c - 0x09];
    } else if ((c < 0x80 && kOtherPunctuators.find(static_cast<char16_t>(c)) != std::u16string_view::npos) ||
               IsJsWhiteSpace(c) || IsJsLineTerminator(c) || (c >= 0xD800 && c <= 0xDFFF)) {
      AppendHexEscape(out, c);  // never above U+FFFF: those are all in the BMP
    } else {
      out.append(s.substr(i, units));
    }
    i += units;
  }
  return Str(rt, out);
}

// ---- fast paths: RegExp objects whose observable behaviour is the built-ins'

RegExpState::Snapshot TakeSnapshot(Runtime& rt, Object* o) {
  RegExpState::Snapshot snap;
  snap.shape = o->shape();
  for (uint32_t i = 0; i < o->named_count(); ++i) {
    snap.values.push_back(o->named_value(static_cast<int>(i)));
    StateOf(rt).roots.push_back(o->named_value(static_cast<int>(i)));
  }
  return snap;
}

bool Unchanged(const RegExpState::Snapshot& snap, const Object* o) {
  if (o->shape() != snap.shape || o->named_count() != snap.values.size()) return false;
  for (size_t i = 0; i < snap.values.size(); ++i) {
    if (o->named_value(static_cast<int>(i)).bits() != snap.values[i].bits()) return false;
  }
  return true;
}

// A RegExp object whose only own property is a writable numeric lastIndex, on the
// unmodified RegExp.prototype (and, with `species`, the unmodified %RegExp%
// and its @@species): then Get(rx, "exec"/"flags"/...) and the species
// constructor are the built-ins, and running the program directly is
// indistinguishable from the spec's steps. Null otherwise.
RegExpObject* PristineRegExp(Runtime& rt, Value v, bool species = false) {
  RegExpObject* r = AsRegExp(v);
  if (!r || r->proto() != rt.intrinsics().regexp_prototype || r->named_count() != 1 ||
      r->shape()->entry(0).key != rt.names().lastIndex || !r->named_value(0).IsNumber() ||
      (r->named_attrs(0) & (kAttrWritable | kAttrAccessor)) != kAttrWritable) {
    return nullptr;
  }
  RegExpState& st = RegExpStateOf(rt);
  if (!Unchanged(st.proto_snapshot, r->proto())) return nullptr;
  if (species && !Unchanged(st.constructor_snapshot, StateOf(rt).roots[st.constructor_root].AsObject())) return nullptr;
  return r;
}

// ToLength(rx.lastIndex) of a pristine RegExp.
double PristineLastIndex(RegExpObject* r) {
  double d = r->named_value(0).AsNumber();
  if (!(d > 0)) return 0;
  return std::min(std::floor(d), 9007199254740991.0);
}

void SetPristineLastIndex(RegExpObject* r, int32_t v) { r->set_named_value(0, Value::Int(v)); }

// ---- exec

void PollSteps(void* context, uint64_t steps) {
  static_cast<Runtime*>(context)->interpreter().CountNativeSteps(steps);
}

// Runs the program on s from last_index; false when it does not match. A
// tracer sees each run.
bool RunProgram(Runtime& rt, const RegExpProgram& program, String* s, uint32_t last_index,
                std::vector<int32_t>* captures) {
  RegExpLimits limits;
  limits.poll = PollSteps;
  limits.context = &rt;
  limits.scratch = &RegExpStateOf(rt).scratch;
  uint64_t backtracks = 0;
  RegExpResult result = ExecRegExp(program, s->view(), last_index, captures, limits, &backtracks);
  if (TraceHooks* hooks = rt.trace_hooks()) {
    std::string flags = RegExpFlagsText(program.flags);
    bool matched = result == RegExpResult::kMatch;
    hooks->OnRegExpRun({program.source, flags, Value::FromCell(s), last_index, matched ? captures->data() : nullptr,
                        program.capture_count + 1, backtracks});
  }
  if (result == RegExpResult::kStackOverflow) rt.ThrowRangeError("Maximum call stack size exceeded");
  return result == RegExpResult::kMatch;
}

// The shapes of a match array's index, input and groups properties, made
// once per shape epoch.
Shape* const* MatchShapes(Runtime& rt) {
  RegExpState& st = RegExpStateOf(rt);
  if (!st.match_shapes[2] || st.match_shapes_epoch != rt.shapes().epoch()) {
    st.match_shapes[0] = rt.shapes().Transition(nullptr, rt.names().index, kAttrDefault);
    st.match_shapes[1] = rt.shapes().Transition(st.match_shapes[0], rt.names().input, kAttrDefault);
    st.match_shapes[2] = rt.shapes().Transition(st.match_shapes[1], st.groups_key, kAttrDefault);
    st.match_shapes_epoch = rt.shapes().epoch();
  }
  return st.match_shapes;
}

// A capture of s as a string, or undefined when unmatched.
// s[b, e) as a string: the empty string, a cached one-unit string or s
// itself when that is what it is, else a copy.
Value Substring(Runtime& rt, String* s, size_t b, size_t e) {
  if (b == e) return Value::FromCell(rt.names().empty);
  if (e - b == 1) return Value::FromCell(rt.CharString(s->at(static_cast<uint32_t>(b))));
  if (b == 0 && e == s->length()) return Value::FromCell(s);
  return Str(rt, s->view().substr(b, e - b));
}

Value CaptureValue(Runtime& rt, String* s, const int32_t* caps, uint32_t i) {
  int32_t b = caps[2 * i], e = caps[2 * i + 1];
  if (b < 0) return Value::Undefined();
  return Substring(rt, s, static_cast<size_t>(b), static_cast<size_t>(e));
}

// The `groups` object of a match (null prototype, the named captures in
// pattern order), or undefined without named groups.
Value GroupsObject(Runtime& rt, const RegExpProgram& program, Object* source) {
  if (!program.has_named_groups) return Value::Undefined();
  Rooted<Object*> from(rt, source);
  Rooted<Object*> groups(rt, rt.NewObject(nullptr));
  // A name used by several groups (in different alternatives) gets the
  // value of the one that participated, in the place of its first group.
  std::vector<const std::u16string*> matched;
  for (uint32_t i = 1; i <= program.capture_count; ++i) {
    const std::u16string& name = program.group_names[i];
    if (name.empty()) continue;
    if (std::any_of(matched.begin(), matched.end(), [&name](const std::u16string* m) { return *m == name; })) continue;
    Rooted<Value> value(rt, GetIndex(rt, from, i));
    if (!value.get().IsUndefined()) matched.push_back(&name);
    CreateDataProperty(rt, groups, rt.KeyFor(name), value);
  }
  return Value::FromCell(groups.get());
}

// The array RegExpBuiltinExec returns for captures `caps` of s: its elements,
// then index, input and groups (one shape, made once), then indices (d flag).
Array* NewMatchArray(Runtime& rt, const RegExpProgram& program, String* string, const std::vector<int32_t>& caps) {
  Rooted<String*> s(rt, string);
  uint32_t n = program.capture_count;
  Rooted<Array*> a(rt, rt.heap().NewWithExtra<Array>(3 * sizeof(Value), rt.intrinsics().array_prototype));
  a->InitInlineSlots(3, sizeof(Array));
  a->ReserveDense(rt, n + 1);
  for (uint32_t i = 0; i <= n; ++i) {
    Value v = CaptureValue(rt, s, caps.data(), i);
    a->dense().push_back(v);
  }
  a->set_length_raw(n + 1);
  int32_t index = caps[0];
  Value groups = GroupsObject(rt, program, a);
  // MatchShapes after the last allocation (Transition never collects, an allocation may free shapes).
  a->InitNamed(MatchShapes(rt)[2], {Value::Int(index), Value::FromCell(s.get()), groups});
  if (program.flags & kRegExpHasIndices) {
    Rooted<Array*> indices(rt, rt.NewArray(0));
    for (uint32_t i = 0; i <= n; ++i) {
      int32_t b = caps[2 * i], e = caps[2 * i + 1];
      if (b < 0) {
        ArrayPush(rt, indices, Value::Undefined());
        continue;
      }
      Rooted<Array*> pair(rt, rt.NewArray(0));
      ArrayPush(rt, pair, Value::Int(b));
      ArrayPush(rt, pair, Value::Int(e));
      ArrayPush(rt, indices, Value::FromCell(pair.get()));
    }
    Rooted<Value> index_groups(rt, GroupsObject(rt, program, indices));
    CreateDataProperty(rt, indices, PropertyKey::Named(RegExpStateOf(rt).groups_key), index_groups);
    CreateDataProperty(rt, a, Key(rt, "indices"), Value::FromCell(indices.get()));
  }
  return a;
}

// Records a successful built-in match for the legacy statics (RegExp.$1 ...).
void NoteLastMatch(Runtime& rt, String* s, const std::vector<int32_t>& caps) {
  RegExpState& st = RegExpStateOf(rt);
  if (&caps != &st.last_captures) st.last_captures = caps;
  StateOf(rt).roots[st.last_input_root] = Value::FromCell(s);
}

// RegExpBuiltinExec(R, S) up to the match: runs the program at R.lastIndex
// (updating lastIndex for g/y); the captures land in *caps. False: no match.
bool BuiltinMatch(Runtime& rt, RegExpObject* regexp, String* string, std::vector<int32_t>* caps) {
  Rooted<RegExpObject*> r(rt, regexp);
  Rooted<String*> s(rt, string);
  double last_index = r->named_count() == 1 && r->named_value(0).IsNumber()
                          ? PristineLastIndex(r)
                          : static_cast<double>(ToLength(rt, GetProperty(rt, r, PropertyKey::Named(rt.names().lastIndex))));
  const RegExpProgram* program = r->program();
  bool global_or_sticky = (program->flags & (kRegExpGlobal | kRegExpSticky)) != 0;
  if (!global_or_sticky) last_index = 0;
  if (last_index > s->length() || !RunProgram(rt, *program, s, static_cast<uint32_t>(last_index), caps)) {
    if (global_or_sticky) SetLastIndex(rt, r, Value::Int(0));
    return false;
  }
  if (global_or_sticky) SetLastIndex(rt, r, Value::Int((*caps)[1]));
  NoteLastMatch(rt, s, *caps);
  return true;
}

// RegExpBuiltinExec(R, S): the match array or null.
Value BuiltinExec(Runtime& rt, RegExpObject* regexp, String* string) {
  Rooted<RegExpObject*> r(rt, regexp);
  Rooted<String*> s(rt, string);
  std::vector<int32_t>& caps = RegExpStateOf(rt).last_captures;
  if (!BuiltinMatch(rt, r, s, &caps)) return Value::Null();
  return Value::FromCell(NewMatchArray(rt, *r->program(), s, caps));
}

// RegExpExec(R, S): a user `exec` when there is one.
Value Exec(Runtime& rt, Object* regexp, String* string) {
  Rooted<Object*> r(rt, regexp);
  Rooted<String*> s(rt, string);
  Rooted<Value> exec(rt, GetProperty(rt, r, rt.KeyForUtf8("exec")));
  if (IsCallable(exec)) {
    Value result = Call(rt, exec, Value::FromCell(r.get()), {Value::FromCell(s.get())});
    if (!result.IsObject() && !result.IsNull()) {
      rt.ThrowTypeError("RegExp exec method returned something other than an Object or null");
    }
    return result;
  }
  RegExpObject* re = AsRegExp(Value::FromCell(r.get()));
  if (!re) {
    rt.ThrowTypeError("Method RegExp.prototype.exec called on incompatible receiver " +
                      DescribeForError(rt, Value::FromCell(r.get())));
  }
  return BuiltinExec(rt, re, s);
}

RegExpObject* ThisRegExp(Runtime& rt, Value v, const char* method) {
  RegExpObject* r = AsRegExp(v);
  if (!r) rt.ThrowTypeError(std::string("Method RegExp.prototype.") + method + " called on incompatible receiver " +
                            DescribeForError(rt, v));
  return r;
}

Object* ThisObject(Runtime& rt, Value v, const char* method) {
  if (!v.IsObject()) {
    rt.ThrowTypeError(std::string("Method RegExp.prototype.") + method + " called on incompatible receiver " +
                      DescribeForError(rt, v));
  }
  return v.AsObject();
}

Value RegExpProtoExec(Runtime& rt, CallArgs& args) {
  Rooted<RegExpObject*> r(rt, ThisRegExp(rt, args.this_value, "exec"));
  String* s = ToString(rt, args[0]);
  return BuiltinExec(rt, r, s);
}

Value RegExpProtoTest(Runtime& rt, CallArgs& args) {
  Rooted<Object*> r(rt, ThisObject(rt, args.this_value, "test"));
  String* s = ToString(rt, args[0]);
  if (RegExpObject* fast = PristineRegExp(rt, Value::FromCell(r.get()))) {
    return Value::Boolean(BuiltinMatch(rt, fast, s, &RegExpStateOf(rt).last_captures));
  }
  return Value::Boolean(!Exec(rt, r, s).IsNull());
}

// The source as a literal's body: "/" and line terminators escaped, "(?:)" for empty.
std::u16string EscapeSource(std::u16string_view src) {
  if (src.empty()) return u"(?:)";
  std::u16string out;
  bool in_class = false;
  for (size_t i = 0; i < src.size(); ++i) {
    char16_t c = src[i];
    if (c == '\\' && i + 1 < src.size()) {
      char16_t n = src[i + 1];
      if (n == '\n' || n == '\r' || n == 0x2028 || n == 0x2029) {
        out += u'\\';
        ++i;
        c = n;
      } else {
        out += c;
        out += n;
        ++i;
        continue;
      }
    } else if (c == '[') {
      in_class = true;
    } else if (c == ']') {
      in_class = false;
    } else if (c == '/' && !in_class) {
      out += u"\\/";
      continue;
    }
    switch (c) {
      case '\n': out += u"\\n"; break;
      case '\r': out += u"\\r"; break;
      case 0x2028: out += u"\\u2028"; break;
      case 0x2029: out += u"\\u2029"; break;
      default: out += c;
    }
  }
  return out;
}

Value RegExpSourceGetter(Runtime& rt, CallArgs& args) {
  RegExpObject* r = AsRegExp(args.this_value);
  if (!r) {
    if (args.this_value == Value::FromCell(rt.intrinsics().regexp_prototype)) return Str(rt, u"(?:)");
    if (!args.this_value.IsObject()) {
      rt.ThrowTypeError("RegExp.prototype.source getter called on non-object " + DescribeForError(rt, args.this_value));
    }
    rt.ThrowTypeError("RegExp.prototype.source getter called on non-RegExp object");
  }
  return Str(rt, EscapeSource(r->source().AsString()->view()));
}

template <uint16_t kFlag>
Value FlagGetter(Runtime& rt, CallArgs& args) {
  RegExpObject* r = AsRegExp(args.this_value);
  if (r) return Value::Boolean((r->flags() & kFlag) != 0);
  static const char* const kNames[] = {"global",  "ignoreCase", "multiline", "sticky",     "unicode",
                                       "dotAll",  "linear",     "hasIndices", "unicodeSets"};
  const char* name = kNames[__builtin_ctz(kFlag)];
  if (args.this_value == Value::FromCell(rt.intrinsics().regexp_prototype)) return Value::Undefined();
  if (!args.this_value.IsObject()) {
    rt.ThrowTypeError(std::string("RegExp.prototype.") + name + " getter called on non-object " +
                      DescribeForError(rt, args.this_value));
  }
  rt.ThrowTypeError(std::string("RegExp.prototype.") + name + " getter called on non-RegExp object");
}

Value RegExpFlagsGetter(Runtime& rt, CallArgs& args) {
  if (!args.this_value.IsObject()) {
    rt.ThrowTypeError("RegExp.prototype.flags getter called on non-object " + DescribeForError(rt, args.this_value));
  }
  Rooted<Object*> r(rt, args.this_value.AsObject());
  static const std::pair<const char*, char> kFlags[] = {{"hasIndices", 'd'}, {"global", 'g'}, {"ignoreCase", 'i'},
                                                        {"multiline", 'm'},  {"dotAll", 's'}, {"unicode", 'u'},
                                                        {"unicodeSets", 'v'}, {"sticky", 'y'}};
  std::u16string out;
  for (const auto& [name, c] : kFlags) {
    if (ToBoolean(GetProperty(rt, r, rt.KeyForUtf8(name)))) out += static_cast<char16_t>(c);
  }
  return Str(rt, out);
}

Value RegExpProtoToString(Runtime& rt, CallArgs& args) {
  Rooted<Object*> r(rt, ThisObject(rt, args.this_value, "toString"));
  Rooted<String*> source(rt, ToString(rt, GetProperty(rt, r, rt.KeyForUtf8("source"))));
  String* flags = ToString(rt, GetProperty(rt, r, rt.KeyForUtf8("flags")));
  std::u16string out = u"/";
  out += source->view();
  out += u"/";
  out += flags->view();
  return Str(rt, out);
}

Value RegExpProtoCompile(Runtime& rt, CallArgs& args) {
  Rooted<RegExpObject*> r(rt, ThisRegExp(rt, args.this_value, "compile"));
  Rooted<Value> pattern(rt, args[0]);
  Rooted<Value> flags(rt, args[1]);
  if (RegExpObject* other = AsRegExp(pattern)) {
    if (!flags.get().IsUndefined()) rt.ThrowTypeError("Cannot supply flags when constructing one RegExp from another");
    std::string f = RegExpFlagsText(other->flags());
    flags = Str(rt, std::u16string(f.begin(), f.end()));
    pattern = other->source();
  }
  return Initialize(rt, r, pattern, flags);
}

// AdvanceStringIndex(S, index, unicode).
uint64_t AdvanceIndex(String* s, uint64_t index, bool unicode) {
  if (!unicode || index + 1 >= s->length()) return index + 1;
  char16_t c = s->at(static_cast<uint32_t>(index));
  char16_t d = s->at(static_cast<uint32_t>(index + 1));
  return (c >= 0xD800 && c <= 0xDBFF && d >= 0xDC00 && d <= 0xDFFF) ? index + 2 : index + 1;
}

// After an empty match: lastIndex = AdvanceStringIndex(S, ToLength(lastIndex)).
void AdvanceAfterEmpty(Runtime& rt, Object* rx, String* s, bool unicode) {
  Rooted<Object*> r(rt, rx);
  Rooted<String*> str(rt, s);
  uint64_t this_index = ToLength(rt, GetProperty(rt, r, PropertyKey::Named(rt.names().lastIndex)));
  SetLastIndex(rt, r, Value::Number(static_cast<double>(AdvanceIndex(str, this_index, unicode))));
}

String* FlagsOf(Runtime& rt, Object* rx) { return ToString(rt, GetProperty(rt, rx, rt.KeyForUtf8("flags"))); }
bool HasFlag(String* flags, char16_t c) { return flags->view().find(c) != std::u16string_view::npos; }

// @@match on a pristine RegExp: the spec's loop without match arrays.
Value FastMatch(Runtime& rt, RegExpObject* regexp, String* string) {
  Rooted<RegExpObject*> rx(rt, regexp);
  Rooted<String*> s(rt, string);
  std::vector<int32_t>& caps = RegExpStateOf(rt).last_captures;
  const RegExpProgram* program = rx->program();
  if (!(program->flags & kRegExpGlobal)) {
    if (!BuiltinMatch(rt, rx, s, &caps)) return Value::Null();
    return Value::FromCell(NewMatchArray(rt, *program, s, caps));
  }
  bool unicode = (program->flags & (kRegExpUnicode | kRegExpUnicodeSets)) != 0;
  Rooted<Array*> a(rt, rt.NewArray(0));
  uint32_t at = 0;
  while (at <= s->length() && RunProgram(rt, *program, s, at, &caps)) {
    NoteLastMatch(rt, s, caps);
    ArrayPush(rt, a, CaptureValue(rt, s, caps.data(), 0));
    at = caps[1] == caps[0] ? static_cast<uint32_t>(AdvanceIndex(s, static_cast<uint32_t>(caps[1]), unicode))
                            : static_cast<uint32_t>(caps[1]);
  }
  SetPristineLastIndex(rx, 0);
  return a->length() == 0 ? Value::Null() : Value::FromCell(a.get());
}

// The group a "$n" or "$nn" at replacement[i] names among m captures (the
// two-digit form when that group exists); *digits: how many digits it took.
size_t CaptureReference(std::u16string_view replacement, size_t i, size_t m, size_t* digits) {
  size_t index = replacement[i + 1] - '0';
  *digits = 1;
  if (i + 2 < replacement.size() && replacement[i + 2] >= '0' && replacement[i + 2] <= '9') {
    size_t two = index * 10 + (replacement[i + 2] - '0');
    if (two >= 1 && two <= m) {
      index = two;
      *digits = 2;
    }
  }
  return index;
}

// GetSubstitution for a match given as capture indices into s.
void AppendSubstitution(const RegExpProgram& program, std::u16string_view str, const int32_t* caps,
                        std::u16string_view replacement, std::u16string* out) {
  size_t m = program.capture_count;
  auto capture = [&str, &caps](size_t i) {
    int32_t b = caps[2 * i], e = caps[2 * i + 1];
    return b < 0 ? std::u16string_view() : str.substr(static_cast<size_t>(b), static_cast<size_t>(e - b));
  };
  size_t position = static_cast<size_t>(caps[0]), end = static_cast<size_t>(caps[1]);
  for (size_t i = 0; i < replacement.size(); ++i) {
    size_t dollar = replacement.find(u'$', i);
    if (dollar == std::u16string_view::npos || dollar + 1 >= replacement.size()) {
      out->append(replacement.substr(i));
      return;
    }
    out->append(replacement.substr(i, dollar - i));
    i = dollar;
    char16_t n = replacement[i + 1];
    if (n == '$') {
      *out += u'$';
      ++i;
    } else if (n == '&') {
      out->append(capture(0));
      ++i;
    } else if (n == '`') {
      out->append(str.substr(0, position));
      ++i;
    } else if (n == '\'') {
      out->append(str.substr(std::min(end, str.size())));
      ++i;
    } else if (n >= '0' && n <= '9') {
      size_t digits;
      size_t index = CaptureReference(replacement, i, m, &digits);
      if (index >= 1 && index <= m) {
        out->append(capture(index));
        i += digits;
      } else {
        *out += u'$';
      }
    } else if (n == '<') {
      size_t close = replacement.find(u'>', i + 2);
      if (!program.has_named_groups || close == std::u16string_view::npos) {
        *out += u'$';
        continue;
      }
      std::u16string_view name = replacement.substr(i + 2, close - i - 2);
      // The groups object's property: the last group of that name that participated.
      std::u16string_view value;
      for (size_t g = 1; g <= m; ++g) {
        if (program.group_names[g] == name && caps[2 * g] >= 0) value = capture(g);
      }
      out->append(value);
      i = close;
    } else {
      *out += u'$';
    }
  }
}

// @@replace on a pristine RegExp, without match arrays: a replacement string
// is substituted as each match is found; a replacer function is called once
// every match is known, as the spec's steps do.
Value FastReplace(Runtime& rt, RegExpObject* regexp, String* string, Value replace_value, bool functional) {
  Rooted<RegExpObject*> rx(rt, regexp);
  Rooted<String*> s(rt, string);
  Rooted<Value> replacer(rt, replace_value);
  const RegExpProgram* program = rx->program();
  uint16_t flags = program->flags;
  bool global = (flags & kRegExpGlobal) != 0;
  bool unicode = (flags & (kRegExpUnicode | kRegExpUnicodeSets)) != 0;
  std::vector<int32_t>& caps = RegExpStateOf(rt).last_captures;
  std::u16string out;
  size_t next_source = 0;
  if (!functional) {
    // No user code runs between the matches: each is replaced as it is found.
    std::u16string_view replacement = replacer.get().AsString()->view();
    bool any = false;
    auto substitute = [&]() {
      if (!any) out.reserve(s->length());  // about the result's size, once: no regrowth copies
      any = true;
      out.append(s->view().substr(next_source, static_cast<size_t>(caps[0]) - next_source));
      AppendSubstitution(*program, s->view(), caps.data(), replacement, &out);
      next_source = static_cast<size_t>(caps[1]);
      if (out.size() > (1u << 29)) rt.ThrowRangeError("Invalid string length");
    };
    if (global) {
      uint32_t at = 0;
      while (at <= s->length() && RunProgram(rt, *program, s, at, &caps)) {
        NoteLastMatch(rt, s, caps);
        substitute();
        at = caps[1] == caps[0] ? static_cast<uint32_t>(AdvanceIndex(s, static_cast<uint32_t>(caps[1]), unicode))
                                : static_cast<uint32_t>(caps[1]);
      }
      SetPristineLastIndex(rx, 0);
    } else if (BuiltinMatch(rt, rx, s, &caps)) {
      substitute();
    }
    if (!any) return Value::FromCell(s.get());
    out.append(s->view().substr(next_source));
    return Str(rt, out);
  }
  // A replacer function: every match first (the spec collects them before
  // calling it), then the calls.
  size_t slots = 2 * (program->capture_count + 1);
  std::vector<int32_t> all;  // the captures of every match, one after the other
  if (global) {
    uint32_t at = 0;
    while (at <= s->length() && RunProgram(rt, *program, s, at, &caps)) {
      NoteLastMatch(rt, s, caps);
      all.insert(all.end(), caps.begin(), caps.end());
      at = caps[1] == caps[0] ? static_cast<uint32_t>(AdvanceIndex(s, static_cast<uint32_t>(caps[1]), unicode))
                              : static_cast<uint32_t>(caps[1]);
    }
    SetPristineLastIndex(rx, 0);
  } else if (BuiltinMatch(rt, rx, s, &caps)) {
    all = caps;
  }
  if (all.empty()) return Value::FromCell(s.get());
  // The replacer may call compile() on rx: keep this program alive.
  std::shared_ptr<const RegExpProgram> keep = program->shared_from_this();
  for (size_t k = 0; k < all.size(); k += slots) {
    const int32_t* match = all.data() + k;  // `all` does not change while replacing
    auto position = static_cast<size_t>(match[0]);
    RootedVector call_args(rt);
    for (uint32_t i = 0; i <= program->capture_count; ++i) call_args.push_back(CaptureValue(rt, s, match, i));
    call_args.push_back(Value::Int(match[0]));
    call_args.push_back(Value::FromCell(s.get()));
    if (program->has_named_groups) {
      Rooted<Array*> holder(rt, rt.NewArrayFrom(std::vector<Value>(call_args.values().begin(),
                                                                     call_args.values().begin() + program->capture_count + 1)));
      call_args.push_back(GroupsObject(rt, *program, holder));
    }
    Value r = Call(rt, replacer, Value::Undefined(), call_args.data(), static_cast<uint32_t>(call_args.size()));
    String* replacement = ToString(rt, r);
    if (position >= next_source) {
      out.append(s->view().substr(next_source, position - next_source));
      out.append(replacement->view());
      next_source = static_cast<size_t>(match[1]);
    }
    if (out.size() > (1u << 29)) rt.ThrowRangeError("Invalid string length");
  }
  if (next_source < s->length()) out.append(s->view().substr(next_source));
  return Str(rt, out);
}

// @@split on a pristine RegExp with the built-in species: the splitter's
// sticky attempts at q, q+1, ... are one search from q.
Value FastSplit(Runtime& rt, RegExpObject* regexp, String* string, Value limit) {
  Rooted<RegExpObject*> rx(rt, regexp);
  Rooted<String*> s(rt, string);
  Rooted<Array*> a(rt, rt.NewArray(0));
  // The splitter is made (from the pattern as it is now) before the limit
  // is converted, so a valueOf that recompiles the RegExp does not change it.
  const RegExpProgram* program = rx->program();
  std::shared_ptr<const RegExpProgram> keep = program->shared_from_this();
  uint32_t lim = limit.IsUndefined() ? 0xFFFFFFFFu : ToUint32(rt, limit);
  if (lim == 0) return Value::FromCell(a.get());
  bool unicode = (program->flags & (kRegExpUnicode | kRegExpUnicodeSets)) != 0;
  bool sticky = (program->flags & kRegExpSticky) != 0;
  std::vector<int32_t>& caps = RegExpStateOf(rt).last_captures;
  uint32_t size = s->length();
  if (size == 0) {
    if (RunProgram(rt, *program, s, 0, &caps)) {
      NoteLastMatch(rt, s, caps);
      return Value::FromCell(a.get());
    }
    ArrayPush(rt, a, Value::FromCell(s.get()));
    return Value::FromCell(a.get());
  }
  uint32_t p = 0, q = 0;
  while (q < size) {
    if (!RunProgram(rt, *program, s, q, &caps)) {
      if (!sticky) break;
      q = static_cast<uint32_t>(AdvanceIndex(s, q, unicode));
      continue;
    }
    NoteLastMatch(rt, s, caps);
    q = static_cast<uint32_t>(caps[0]);
    if (q >= size) break;
    uint32_t e = std::min<uint32_t>(static_cast<uint32_t>(caps[1]), size);
    if (e == p) {
      q = static_cast<uint32_t>(AdvanceIndex(s, q, unicode));
      continue;
    }
    ArrayPush(rt, a, Substring(rt, s, p, q));
    if (a->length() == lim) return Value::FromCell(a.get());
    p = e;
    for (uint32_t i = 1; i <= program->capture_count; ++i) {
      ArrayPush(rt, a, CaptureValue(rt, s, caps.data(), i));
      if (a->length() == lim) return Value::FromCell(a.get());
    }
    q = p;
  }
  ArrayPush(rt, a, Substring(rt, s, p, size));
  return Value::FromCell(a.get());
}

Value RegExpProtoMatch(Runtime& rt, CallArgs& args) {
  Rooted<Object*> rx(rt, ThisObject(rt, args.this_value, "@@match"));
  Rooted<String*> s(rt, ToString(rt, args[0]));
  if (RegExpObject* fast = PristineRegExp(rt, Value::FromCell(rx.get()))) return FastMatch(rt, fast, s);
  Rooted<String*> flags(rt, FlagsOf(rt, rx));
  if (!HasFlag(flags, 'g')) return Exec(rt, rx, s);
  bool unicode = HasFlag(flags, 'u') || HasFlag(flags, 'v');
  SetLastIndex(rt, rx, Value::Int(0));
  Rooted<Array*> a(rt, rt.NewArray(0));
  for (;;) {
    Rooted<Value> result(rt, Exec(rt, rx, s));
    if (result.get().IsNull()) return a->length() == 0 ? Value::Null() : Value::FromCell(a.get());
    Rooted<String*> matched(rt, ToString(rt, GetIndex(rt, result.get().AsObject(), 0)));
    ArrayPush(rt, a, Value::FromCell(matched.get()));
    if (matched->length() == 0) AdvanceAfterEmpty(rt, rx, s, unicode);
  }
}

// SpeciesConstructor(o, %RegExp%).
Value RegExpSpeciesConstructor(Runtime& rt, Object* o) { return SpeciesConstructor(rt, o, RegExpConstructorValue(rt)); }

Value RegExpProtoMatchAll(Runtime& rt, CallArgs& args) {
  Rooted<Object*> rx(rt, ThisObject(rt, args.this_value, "@@matchAll"));
  Rooted<String*> s(rt, ToString(rt, args[0]));
  Rooted<Value> ctor(rt, RegExpSpeciesConstructor(rt, rx));
  Rooted<String*> flags(rt, FlagsOf(rt, rx));
  Rooted<Value> matcher(rt, Construct(rt, ctor, {Value::FromCell(rx.get()), Value::FromCell(flags.get())}));
  uint64_t last_index = ToLength(rt, GetProperty(rt, rx, PropertyKey::Named(rt.names().lastIndex)));
  SetLastIndex(rt, matcher.get().AsObject(), Value::Number(static_cast<double>(last_index)));
  bool global = HasFlag(flags, 'g');
  bool unicode = HasFlag(flags, 'u') || HasFlag(flags, 'v');
  Object* proto = StateOf(rt).roots[RegExpStateOf(rt).iterator_proto_root].AsObject();
  auto* it = rt.heap().New<IteratorObject>(proto, IteratorSource::kRegExpString, matcher.get(), IterationKind::kValues);
  it->next_method = Value::FromCell(s.get());
  it->index = (global ? 1 : 0) | (unicode ? 2 : 0);
  return Value::FromCell(it);
}

Value RegExpStringIteratorNext(Runtime& rt, CallArgs& args) {
  Value self = args.this_value;
  if (!self.IsCellOfKind(CellKind::kIterator) ||
      static_cast<IteratorObject*>(self.AsObject())->source != IteratorSource::kRegExpString) {
    rt.ThrowTypeError("Method %RegExpStringIterator%.prototype.next called on incompatible receiver " +
                      DescribeForError(rt, self));
  }
  Rooted<IteratorObject*> it(rt, static_cast<IteratorObject*>(self.AsObject()));
  if (!it->target.IsObject()) return Value::FromCell(CreateIterResultObject(rt, Value::Undefined(), true));
  Rooted<Object*> rx(rt, it->target.AsObject());
  Rooted<String*> s(rt, it->next_method.AsString());
  Rooted<Value> match(rt, Exec(rt, rx, s));
  if (match.get().IsNull()) {
    it->target = Value::Undefined();
    return Value::FromCell(CreateIterResultObject(rt, Value::Undefined(), true));
  }
  if (it->index & 1) {
    String* matched = ToString(rt, GetIndex(rt, match.get().AsObject(), 0));
    if (matched->length() == 0) AdvanceAfterEmpty(rt, rx, s, (it->index & 2) != 0);
  } else {
    it->target = Value::Undefined();
  }
  return Value::FromCell(CreateIterResultObject(rt, match, false));
}

Value RegExpProtoReplace(Runtime& rt, CallArgs& args) {
  Rooted<Object*> rx(rt, ThisObject(rt, args.this_value, "@@replace"));
  Rooted<String*> s(rt, ToString(rt, args[0]));
  Rooted<Value> replace_value(rt, args[1]);
  bool functional = IsCallable(replace_value);
  if (!functional) replace_value = Value::FromCell(ToString(rt, replace_value));
  if (RegExpObject* fast = PristineRegExp(rt, Value::FromCell(rx.get()))) {
    return FastReplace(rt, fast, s, replace_value, functional);
  }
  Rooted<String*> flags(rt, FlagsOf(rt, rx));
  bool global = HasFlag(flags, 'g');
  bool unicode = HasFlag(flags, 'u') || HasFlag(flags, 'v');
  if (global) SetLastIndex(rt, rx, Value::Int(0));
  RootedVector results(rt);
  for (;;) {
    Rooted<Value> result(rt, Exec(rt, rx, s));
    if (result.get().IsNull()) break;
    results.push_back(result);
    if (!global) break;
    String* matched = ToString(rt, GetIndex(rt, result.get().AsObject(), 0));
    if (matched->length() == 0) AdvanceAfterEmpty(rt, rx, s, unicode);
  }
  std::u16string out;
  size_t next_source = 0;
  size_t length = s->length();
  for (size_t k = 0; k < results.size(); ++k) {
    Rooted<Object*> result(rt, results[k].AsObject());
    uint64_t n_captures = LengthOf(rt, result);
    n_captures = n_captures > 0 ? n_captures - 1 : 0;
    Rooted<String*> matched(rt, ToString(rt, GetIndex(rt, result, 0)));
    double position = ToIntegerOrInfinity(rt, GetProperty(rt, result, PropertyKey::Named(rt.names().index)));
    position = std::max(0.0, std::min(position, static_cast<double>(length)));
    RootedVector captures(rt);
    for (uint64_t i = 1; i <= n_captures; ++i) {
      Value cap = GetIndex(rt, result, i);
      if (!cap.IsUndefined()) cap = Value::FromCell(ToString(rt, cap));
      captures.push_back(cap);
    }
    Rooted<Value> named(rt, GetProperty(rt, result, rt.KeyForUtf8("groups")));
    Rooted<String*> replacement(rt, rt.names().empty);
    if (functional) {
      RootedVector call_args(rt);
      call_args.push_back(Value::FromCell(matched.get()));
      for (Value c : captures.values()) call_args.push_back(c);
      call_args.push_back(Value::Number(position));
      call_args.push_back(Value::FromCell(s.get()));
      if (!named.get().IsUndefined()) call_args.push_back(named);
      Value r = Call(rt, replace_value, Value::Undefined(), call_args.data(), static_cast<uint32_t>(call_args.size()));
      replacement = ToString(rt, r);
    } else {
      if (!named.get().IsUndefined()) named = Value::FromCell(ToObject(rt, named));
      replacement = GetSubstitution(rt, matched, s, static_cast<size_t>(position), captures.values(), named,
                                    replace_value.get().AsString());
    }
    auto pos = static_cast<size_t>(position);
    if (pos >= next_source) {
      out += s->view().substr(next_source, pos - next_source);
      out += replacement->view();
      next_source = pos + matched->length();
    }
    if (out.size() > (1u << 29)) rt.ThrowRangeError("Invalid string length");
  }
  if (next_source < length) out += s->view().substr(next_source);
  return Str(rt, out);
}

Value RegExpProtoSearch(Runtime& rt, CallArgs& args) {
  Rooted<Object*> rx(rt, ThisObject(rt, args.this_value, "@@search"));
  Rooted<String*> s(rt, ToString(rt, args[0]));
  if (RegExpObject* fast = PristineRegExp(rt, Value::FromCell(rx.get()))) {
    // lastIndex is saved, used and restored: with a numeric lastIndex nothing of that is visible.
    std::vector<int32_t>& caps = RegExpStateOf(rt).last_captures;
    if (!RunProgram(rt, *fast->program(), s, 0, &caps)) return Value::Int(-1);
    NoteLastMatch(rt, s, caps);
    return Value::Int(caps[0]);
  }
  PropertyKey li = PropertyKey::Named(rt.names().lastIndex);
  Rooted<Value> previous(rt, GetProperty(rt, rx, li));
  if (!SameValue(previous, Value::Int(0))) SetLastIndex(rt, rx, Value::Int(0));
  Rooted<Value> result(rt, Exec(rt, rx, s));
  Value current = GetProperty(rt, rx, li);
  if (!SameValue(current, previous)) SetLastIndex(rt, rx, previous);
  if (result.get().IsNull()) return Value::Int(-1);
  return GetProperty(rt, result.get().AsObject(), PropertyKey::Named(rt.names().index));
}

Value RegExpProtoSplit(Runtime& rt, CallArgs& args) {
  Rooted<Object*> rx(rt, ThisObject(rt, args.this_value, "@@split"));
  Rooted<String*> s(rt, ToString(rt, args[0]));
  if (RegExpObject* fast = PristineRegExp(rt, Value::FromCell(rx.get()), true)) return FastSplit(rt, fast, s, args[1]);
  Rooted<Value> ctor(rt, RegExpSpeciesConstructor(rt, rx));
  Rooted<String*> flags(rt, FlagsOf(rt, rx));
  bool unicode = HasFlag(flags, 'u') || HasFlag(flags, 'v');
  std::u16string new_flags(flags->view());
  if (!HasFlag(flags, 'y')) new_flags += u'y';
  Rooted<Value> nf(rt, Str(rt, new_flags));
  Rooted<Value> splitter_value(rt, Construct(rt, ctor, {Value::FromCell(rx.get()), nf}));
  if (!splitter_value.get().IsObject()) rt.ThrowTypeError("RegExp species constructor returned a non-object");
  Rooted<Object*> splitter(rt, splitter_value.get().AsObject());
  Rooted<Array*> a(rt, rt.NewArray(0));
  uint32_t lim = args[1].IsUndefined() ? 0xFFFFFFFFu : ToUint32(rt, args[1]);
  if (lim == 0) return Value::FromCell(a.get());
  uint32_t size = s->length();
  if (size == 0) {
    if (!Exec(rt, splitter, s).IsNull()) return Value::FromCell(a.get());
    ArrayPush(rt, a, Value::FromCell(s.get()));
    return Value::FromCell(a.get());
  }
  uint64_t p = 0, q = 0;
  PropertyKey li = PropertyKey::Named(rt.names().lastIndex);
  while (q < size) {
    SetLastIndex(rt, splitter, Value::Number(static_cast<double>(q)));
    Rooted<Value> z(rt, Exec(rt, splitter, s));
    if (z.get().IsNull()) {
      q = AdvanceIndex(s, q, unicode);
      continue;
    }
    uint64_t e = std::min<uint64_t>(ToLength(rt, GetProperty(rt, splitter, li)), size);
    if (e == p) {
      q = AdvanceIndex(s, q, unicode);
      continue;
    }
    ArrayPush(rt, a, Str(rt, s->view().substr(p, q - p)));
    if (a->length() == lim) return Value::FromCell(a.get());
    p = e;
    uint64_t n = LengthOf(rt, z.get().AsObject());
    n = n > 0 ? n - 1 : 0;
    for (uint64_t i = 1; i <= n; ++i) {
      Value cap = GetIndex(rt, z.get().AsObject(), i);
      ArrayPush(rt, a, cap);
      if (a->length() == lim) return Value::FromCell(a.get());
    }
    q = p;
  }
  ArrayPush(rt, a, Str(rt, s->view().substr(p)));
  return Value::FromCell(a.get());
}

// ---- legacy static properties (RegExp.$1, lastMatch, ...)

Value LegacyCapture(Runtime& rt, size_t group) {
  RegExpState& st = RegExpStateOf(rt);
  Value input = StateOf(rt).roots[st.last_input_root];
  if (!input.IsString() || 2 * group + 1 >= st.last_captures.size()) return Value::FromCell(rt.names().empty);
  int32_t b = st.last_captures[2 * group], e = st.last_captures[2 * group + 1];
  if (b < 0) return Value::FromCell(rt.names().empty);
  return Str(rt, input.AsString()->view().substr(static_cast<size_t>(b), static_cast<size_t>(e - b)));
}

template <int kGroup>
Value LegacyGroupGetter(Runtime& rt, CallArgs&) {
  return LegacyCapture(rt, kGroup);
}

Value LegacyInputGetter(Runtime& rt, CallArgs&) {
  Value input = StateOf(rt).roots[RegExpStateOf(rt).last_input_root];
  return input.IsString() ? input : Value::FromCell(rt.names().empty);
}
Value LegacyInputSetter(Runtime& rt, CallArgs& args) {
  String* s = ToString(rt, args[0]);
  StateOf(rt).roots[RegExpStateOf(rt).last_input_root] = Value::FromCell(s);
  return Value::Undefined();
}
Value LegacyLastParen(Runtime& rt, CallArgs&) {
  size_t groups = RegExpStateOf(rt).last_captures.size() / 2;
  return groups > 1 ? LegacyCapture(rt, groups - 1) : Value::FromCell(rt.names().empty);
}
Value LegacyLeftContext(Runtime& rt, CallArgs&) {
  RegExpState& st = RegExpStateOf(rt);
  Value input = StateOf(rt).roots[st.last_input_root];
  if (!input.IsString() || st.last_captures.empty()) return Value::FromCell(rt.names().empty);
  return Str(rt, input.AsString()->view().substr(0, static_cast<size_t>(st.last_captures[0])));
}
Value LegacyRightContext(Runtime& rt, CallArgs&) {
  RegExpState& st = RegExpStateOf(rt);
  Value input = StateOf(rt).roots[st.last_input_root];
  if (!input.IsString() || st.last_captures.empty()) return Value::FromCell(rt.names().empty);
  std::u16string_view v = input.AsString()->view();
  return Str(rt, v.substr(std::min(v.size(), static_cast<size_t>(st.last_captures[1]))));
}
Value LegacyNoopSetter(Runtime&, CallArgs&) { return Value::Undefined(); }

void DefineLegacy(Runtime& rt, Object* ctor, std::string_view name, NativeFn getter, NativeFn setter) {
  Rooted<Object*> c(rt, ctor);
  Rooted<Value> g(rt, Value::FromCell(NewBuiltinFunction(rt, "get " + std::string(name), getter, 0)));
  Rooted<Value> s(rt, Value::FromCell(NewBuiltinFunction(rt, "set " + std::string(name), setter, 1)));
  DefineAccessorRaw(rt, c, rt.KeyForUtf8(name), g, s, kAttrConfigurable);
}

}  // namespace

// GetSubstitution(matched, str, position, captures, namedCaptures, replacement).
String* GetSubstitution(Runtime& rt, String* matched_string, String* str_string, size_t position,
                        const std::vector<Value>& captures, Value named_captures, String* replacement_string) {
  Rooted<String*> matched_root(rt, matched_string);
  Rooted<String*> str_root(rt, str_string);
  Rooted<String*> replacement_root(rt, replacement_string);
  Rooted<Value> named(rt, named_captures);
  RootedVector caps(rt);
  for (Value c : captures) caps.push_back(c);
  std::u16string out;
  size_t m = captures.size();
  std::u16string_view replacement = replacement_root->view();
  for (size_t i = 0; i < replacement.size(); ++i) {
    char16_t c = replacement[i];
    if (c != '$' || i + 1 >= replacement.size()) {
      out += c;
      continue;
    }
    char16_t n = replacement[i + 1];
    std::u16string_view str = str_root->view();
    std::u16string_view matched = matched_root->view();
    if (n == '$') {
      out += u'$';
      ++i;
    } else if (n == '&') {
      out += matched;
      ++i;
    } else if (n == '`') {
      out += str.substr(0, std::min(position, str.size()));
      ++i;
    } else if (n == '\'') {
      size_t tail = std::min(position + matched.size(), str.size());
      out += str.substr(tail);
      ++i;
    } else if (n >= '0' && n <= '9') {
      size_t digits;
      size_t index = CaptureReference(replacement, i, m, &digits);
      if (index >= 1 && index <= m) {
        Value cap = caps[index - 1];
        if (!cap.IsUndefined()) out += cap.AsString()->view();
        i += digits;
      } else {
        out += c;
      }
    } else if (n == '<') {
      size_t close = replacement.find(u'>', i + 2);
      if (named.get().IsUndefined() || close == std::u16string_view::npos) {
        out += c;
        continue;
      }
      std::u16string name(replacement.substr(i + 2, close - i - 2));
      Value cap = GetProperty(rt, named.get().AsObject(), rt.KeyFor(name));
      if (!cap.IsUndefined()) out += ToString(rt, cap)->view();
      i = close;
      replacement = replacement_root->view();
    } else {
      out += c;
    }
  }
  return rt.NewString(out);
}

bool IsRegExpValue(Runtime& rt, Value v) { return IsRegExp(rt, v); }

Value RegExpCreateValue(Runtime& rt, Value pattern, Value flags) {
  Rooted<Value> p(rt, pattern);
  Rooted<Value> f(rt, flags);
  return Initialize(rt, Alloc(rt, rt.intrinsics().regexp_prototype), p, f);
}

Value NewRegExpFromLiteral(Runtime& rt, String* pattern, const RegExpProgram** site, uint32_t flags) {
  const RegExpProgram* program = *site;
  if (!program || program->source != pattern->view() || program->flags != flags) {
    Rooted<String*> p(rt, pattern);
    auto compiled = Compile(rt, p->view(), static_cast<uint16_t>(flags));
    RegExpStateOf(rt).literal_programs.push_back(compiled);
    program = compiled.get();
    *site = program;
    pattern = p;
  }
  Rooted<String*> source(rt, pattern);
  RegExpObject* r = Alloc(rt, rt.intrinsics().regexp_prototype);
  r->Initialize(Value::FromCell(source.get()), program->shared_from_this());
  return Value::FromCell(r);
}

std::u16string RegExpDisplayText(Object* regexp) {
  auto* r = static_cast<RegExpObject*>(regexp);
  std::u16string out = u"/";
  out += EscapeSource(r->source().IsString() ? r->source().AsString()->view() : std::u16string_view());
  out += u"/";
  std::string f = RegExpFlagsText(r->flags());
  out.append(f.begin(), f.end());
  return out;
}

void InstallRegExpBuiltins(Runtime& rt) {
  BuiltinsState& bs = StateOf(rt);
  bs.regexp_state = std::make_shared<RegExpState>();
  RegExpState& st = *bs.regexp_state;
  Rooted<Object*> proto(rt, rt.intrinsics().regexp_prototype);
  Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, "RegExp", RegExpConstructor, 2, proto));
  st.constructor_root = bs.roots.size();
  bs.roots.push_back(Value::FromCell(ctor.get()));
  st.last_input_root = bs.roots.size();
  bs.roots.push_back(Value::Undefined());
  DefineSpeciesGetter(rt, ctor);
  DefineMethod(rt, ctor, "escape", RegExpEscape, 1);

  DefineMethod(rt, proto, "exec", RegExpProtoExec, 1);
  DefineGetter(rt, proto, "dotAll", FlagGetter<kRegExpDotAll>);
  DefineGetter(rt, proto, "flags", RegExpFlagsGetter);
  DefineGetter(rt, proto, "global", FlagGetter<kRegExpGlobal>);
  DefineGetter(rt, proto, "hasIndices", FlagGetter<kRegExpHasIndices>);
  DefineGetter(rt, proto, "ignoreCase", FlagGetter<kRegExpIgnoreCase>);
  DefineGetter(rt, proto, "multiline", FlagGetter<kRegExpMultiline>);
  DefineGetter(rt, proto, "source", RegExpSourceGetter);
  DefineGetter(rt, proto, "sticky", FlagGetter<kRegExpSticky>);
  DefineGetter(rt, proto, "unicode", FlagGetter<kRegExpUnicode>);
  DefineMethod(rt, proto, "compile", RegExpProtoCompile, 2);
  DefineMethod(rt, proto, "toString", RegExpProtoToString, 0);
  DefineMethod(rt, proto, "test", RegExpProtoTest, 1);
  DefineGetter(rt, proto, "unicodeSets", FlagGetter<kRegExpUnicodeSets>);
  DefineMethod(rt, proto, bs.match, "[Symbol.match]", RegExpProtoMatch, 1);
  DefineMethod(rt, proto, bs.match_all, "[Symbol.matchAll]", RegExpProtoMatchAll, 1);
  DefineMethod(rt, proto, bs.replace, "[Symbol.replace]", RegExpProtoReplace, 2);
  DefineMethod(rt, proto, bs.search, "[Symbol.search]", RegExpProtoSearch, 1);
  DefineMethod(rt, proto, bs.split, "[Symbol.split]", RegExpProtoSplit, 2);

  Rooted<Object*> iter_proto(rt, rt.NewObject(rt.intrinsics().iterator_prototype));
  st.iterator_proto_root = bs.roots.size();
  bs.roots.push_back(Value::FromCell(iter_proto.get()));
  DefineMethod(rt, iter_proto, "next", RegExpStringIteratorNext, 0);
  DefineRaw(rt, iter_proto, PropertyKey::Named(rt.symbols().to_string_tag),
            Str(rt, u"RegExp String Iterator"), kAttrConfigurable);

  DefineLegacy(rt, ctor, "input", LegacyInputGetter, LegacyInputSetter);
  DefineLegacy(rt, ctor, "$_", LegacyInputGetter, LegacyInputSetter);
  DefineLegacy(rt, ctor, "lastMatch", LegacyGroupGetter<0>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$&", LegacyGroupGetter<0>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "lastParen", LegacyLastParen, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$+", LegacyLastParen, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "leftContext", LegacyLeftContext, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$`", LegacyLeftContext, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "rightContext", LegacyRightContext, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$'", LegacyRightContext, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$1", LegacyGroupGetter<1>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$2", LegacyGroupGetter<2>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$3", LegacyGroupGetter<3>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$4", LegacyGroupGetter<4>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$5", LegacyGroupGetter<5>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$6", LegacyGroupGetter<6>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$7", LegacyGroupGetter<7>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$8", LegacyGroupGetter<8>, LegacyNoopSetter);
  DefineLegacy(rt, ctor, "$9", LegacyGroupGetter<9>, LegacyNoopSetter);

  st.groups_key = rt.Intern(u"groups");
  bs.roots.push_back(Value::FromCell(st.groups_key));
  st.proto_snapshot = TakeSnapshot(rt, proto);
  st.constructor_snapshot = TakeSnapshot(rt, ctor);
}

}  // namespace jsvm
