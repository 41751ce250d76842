// String and String.prototype. Strings are sequences of UTF-16 code units.
//
// match, matchAll, replace, replaceAll, search and split go through the
// argument's Symbol.match/matchAll/replace/search/split method (RegExp's are
// in regexp.cc) and handle string patterns here.
// normalize and localeCompare use ICU (locale.h: en-US collation, node's
// default); case mapping is full Unicode (tables generated from node's data,
// with SpecialCasing and Final_Sigma).
#include <algorithm>
#include <cmath>
#include <iterator>
#include <unordered_map>

#include "vm/builtins/builtins.h"
#include "vm/builtins/locale.h"
#include "vm/interpreter/error-sites.h"
#include "vm/execution/operations.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

constexpr uint32_t kMaxStringLength = (1u << 29) - 24;  // V8's String::kMaxLength

String* ThisStringCoerced(Runtime& rt, Value v, const char* method) {
  if (v.IsString()) return v.AsString();
  if (v.IsNullish()) {
    rt.ThrowTypeError(std::string("String.prototype.") + method + " called on null or undefined");
  }
  return ToString(rt, v);
}

// Rooted `this` string for a method.
struct ThisStr {
  ThisStr(Runtime& rt, Value v, const char* method) : s(rt, ThisStringCoerced(rt, v, method)) {}
  Rooted<String*> s;
  std::u16string_view view() const { return s->view(); }
};

Value Str(Runtime& rt, std::u16string_view s) { return StringValue(rt, s); }

Value ThisStringValue(Runtime& rt, Value v, const char* method) {
  if (v.IsString()) return v;
  if (v.IsCellOfKind(CellKind::kPrimitiveWrapper)) {
    Value p = static_cast<PrimitiveWrapper*>(v.AsObject())->primitive();
    if (p.IsString()) return p;
  }
  rt.ThrowTypeError(std::string("String.prototype.") + method + " requires that 'this' be a String");
}

// Throws when an argument that must not be a regular expression is one (IsRegExp).
void RejectRegExp(Runtime& rt, Value v, const char* method) {
  if (IsRegExpValue(rt, v)) {
    rt.ThrowTypeError(std::string("First argument to String.prototype.") + method +
                      " must not be a regular expression");
  }
}

// GetMethod(v, sym): undefined when nullish, TypeError when not callable.
Value GetMethodOf(Runtime& rt, Value v, Symbol* sym) {
  Value m = GetValueProperty(rt, v, PropertyKey::Named(sym));
  if (m.IsNullish()) return Value::Undefined();
  if (!IsCallable(m)) rt.ThrowTypeError(DefaultCallSiteText(rt, m) + " is not a function");
  return m;
}

double Clamp(double d, double lo, double hi) { return d < lo ? lo : (d > hi ? hi : d); }

// ---- constructor and statics

Value StringConstructor(Runtime& rt, CallArgs& args) {
  Rooted<Value> s(rt, Value::FromCell(rt.names().empty));
  if (args.argc > 0) {
    if (!args.is_construct() && args[0].IsSymbol()) {
      Symbol* sym = args[0].AsSymbol();
      std::u16string text = u"Symbol(";
      if (sym->description().IsString()) text += sym->description().AsString()->view();
      text += u")";
      return Str(rt, text);
    }
    s = Value::FromCell(ToString(rt, args[0]));
  }
  if (!args.is_construct()) return s;
  Object* proto = GetPrototypeFromConstructor(rt, args.new_target, rt.intrinsics().string_prototype);
  return Value::FromCell(rt.heap().New<PrimitiveWrapper>(proto, s.get()));
}

Value StringFromCharCode(Runtime& rt, CallArgs& args) {
  if (args.argc == 1 && args.argv[0].IsInt()) {
    return Value::FromCell(rt.CharString(static_cast<char16_t>(args.argv[0].AsInt() & 0xFFFF)));
  }
  std::u16string out;
  for (uint32_t i = 0; i < args.argc; ++i) out += static_cast<char16_t>(ToUint32(rt, args[i]) & 0xFFFF);
  if (out.size() == 1) return Value::FromCell(rt.CharString(out[0]));
  return Str(rt, out);
}

Value StringFromCodePoint(Runtime& rt, CallArgs& args) {
  std::u16string out;
  for (uint32_t i = 0; i < args.argc; ++i) {
    double d = ToNumber(rt, args[i]);
    if (d != std::floor(d) || d < 0 || d > 0x10FFFF || std::isnan(d)) {
      rt.ThrowRangeError("Invalid code point " + ToString(rt, args[i])->ToUtf8());
    }
    AppendCodePoint(out, static_cast<char32_t>(d));
  }
  return Str(rt, out);
}

Value StringRaw(Runtime& rt, CallArgs& args) {
  Rooted<Object*> cooked(rt, ToObject(rt, args[0]));
  Rooted<Object*> raw(rt, ToObject(rt, GetProperty(rt, cooked, PropertyKey::Named(rt.names().raw))));
  uint64_t len = LengthOf(rt, raw);
  std::u16string out;
  for (uint64_t i = 0; i < len; ++i) {
    out += ToString(rt, GetIndex(rt, raw, i))->view();
    if (i + 1 == len) break;
    if (i + 1 < args.argc) out += ToString(rt, args[static_cast<uint32_t>(i + 1)])->view();
  }
  return Str(rt, out);
}

// ---- character access

Value StringCharAt(Runtime& rt, CallArgs& args) {
  if (args.this_value.IsString() && args.argc > 0 && args.argv[0].IsInt()) {
    String* str = args.this_value.AsString();
    int32_t i = args.argv[0].AsInt();
    if (i >= 0 && static_cast<uint32_t>(i) < str->length()) {
      return Value::FromCell(rt.CharString(str->at(static_cast<uint32_t>(i))));
    }
  }
  ThisStr s(rt, args.this_value, "charAt");
  double pos = ToIntegerOrInfinity(rt, args[0]);
  if (pos < 0 || pos >= s.s->length()) return Value::FromCell(rt.names().empty);
  return Value::FromCell(rt.CharString(s.s->at(static_cast<uint32_t>(pos))));
}

Value StringCharCodeAt(Runtime& rt, CallArgs& args) {
  if (args.this_value.IsString() && args.argc > 0 && args.argv[0].IsInt()) {
    String* str = args.this_value.AsString();
    int32_t i = args.argv[0].AsInt();
    if (i >= 0 && static_cast<uint32_t>(i) < str->length()) return Value::Int(str->at(static_cast<uint32_t>(i)));
  }
  ThisStr s(rt, args.this_value, "charCodeAt");
  double pos = ToIntegerOrInfinity(rt, args[0]);
  if (pos < 0 || pos >= s.s->length()) return Value::Double(NAN);
  return Value::Int(s.s->at(static_cast<uint32_t>(pos)));
}

Value StringCodePointAt(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "codePointAt");
  double pos = ToIntegerOrInfinity(rt, args[0]);
  uint32_t len = s.s->length();
  if (pos < 0 || pos >= len) return Value::Undefined();
  uint32_t i = static_cast<uint32_t>(pos);
  char16_t c = s.s->at(i);
  if (IsHighSurrogate(c) && i + 1 < len && IsLowSurrogate(s.s->at(i + 1))) {
    return Value::Int(0x10000 + ((c - 0xD800) << 10) + (s.s->at(i + 1) - 0xDC00));
  }
  return Value::Int(c);
}

Value StringAt(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "at");
  double rel = ToIntegerOrInfinity(rt, args[0]);
  double k = rel >= 0 ? rel : s.s->length() + rel;
  if (k < 0 || k >= s.s->length()) return Value::Undefined();
  return Value::FromCell(rt.CharString(s.s->at(static_cast<uint32_t>(k))));
}

// ---- searching

Value StringIndexOf(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "indexOf");
  Rooted<String*> search(rt, ToString(rt, args[0]));
  double pos = Clamp(ToIntegerOrInfinity(rt, args[1]), 0, s.s->length());
  size_t r = s.view().find(search->view(), static_cast<size_t>(pos));
  return r == std::u16string_view::npos ? Value::Int(-1) : Value::Number(static_cast<double>(r));
}

Value StringLastIndexOf(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "lastIndexOf");
  Rooted<String*> search(rt, ToString(rt, args[0]));
  double num = ToNumber(rt, args[1]);
  double pos = std::isnan(num) ? INFINITY : ToIntegerOrInfinity(rt, Value::Number(num));
  double start = Clamp(pos, 0, s.s->length());
  size_t r = s.view().rfind(search->view(), static_cast<size_t>(start));
  return r == std::u16string_view::npos ? Value::Int(-1) : Value::Number(static_cast<double>(r));
}

Value StringIncludes(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "includes");
  RejectRegExp(rt, args[0], "includes");
  Rooted<String*> search(rt, ToString(rt, args[0]));
  double pos = Clamp(ToIntegerOrInfinity(rt, args[1]), 0, s.s->length());
  return Value::Boolean(s.view().find(search->view(), static_cast<size_t>(pos)) != std::u16string_view::npos);
}

Value StringStartsWith(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "startsWith");
  RejectRegExp(rt, args[0], "startsWith");
  Rooted<String*> search(rt, ToString(rt, args[0]));
  double start = Clamp(ToIntegerOrInfinity(rt, args[1]), 0, s.s->length());
  std::u16string_view rest = s.view().substr(static_cast<size_t>(start));
  return Value::Boolean(rest.substr(0, search->length()) == search->view());
}

Value StringEndsWith(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "endsWith");
  RejectRegExp(rt, args[0], "endsWith");
  Rooted<String*> search(rt, ToString(rt, args[0]));
  double len = s.s->length();
  double end = args[1].IsUndefined() ? len : Clamp(ToIntegerOrInfinity(rt, args[1]), 0, len);
  double start = end - search->length();
  if (start < 0) return Value::False();
  return Value::Boolean(s.view().substr(static_cast<size_t>(start), search->length()) == search->view());
}

// ---- substrings

Value Substring(Runtime& rt, String* s, double from, double to) {
  if (from <= 0 && to >= s->length()) return Value::FromCell(s);
  if (to <= from) return Value::FromCell(rt.names().empty);
  if (to - from == 1) return Value::FromCell(rt.CharString(s->at(static_cast<uint32_t>(from))));
  return Str(rt, s->view().substr(static_cast<size_t>(from), static_cast<size_t>(to - from)));
}

Value StringSlice(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "slice");
  uint64_t len = s.s->length();
  uint64_t from = RelativeIndex(rt, args[0], len, 0);
  uint64_t to = RelativeIndex(rt, args[1], len, len);
  return Substring(rt, s.s, static_cast<double>(from), static_cast<double>(to));
}

Value StringSubstring(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "substring");
  double len = s.s->length();
  double start = Clamp(ToIntegerOrInfinity(rt, args[0]), 0, len);
  double end = args[1].IsUndefined() ? len : Clamp(ToIntegerOrInfinity(rt, args[1]), 0, len);
  return Substring(rt, s.s, std::min(start, end), std::max(start, end));
}

Value StringSubstr(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "substr");
  double size = s.s->length();
  double start = ToIntegerOrInfinity(rt, args[0]);
  if (start == -INFINITY) start = 0;
  else if (start < 0) start = std::max(size + start, 0.0);
  else start = std::min(start, size);
  double length = args[1].IsUndefined() ? size : ToIntegerOrInfinity(rt, args[1]);
  double end = std::min(start + Clamp(length, 0, size), size);
  return Substring(rt, s.s, start, end);
}

// ---- case, trimming, padding

Value StringToUpperCase(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "toUpperCase");
  return Str(rt, ToUpperCaseCore(s.view()));
}

Value StringToLowerCase(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "toLowerCase");
  return Str(rt, ToLowerCaseCore(s.view()));
}

bool IsTrimmable(char16_t c) { return IsJsWhiteSpace(c) || IsJsLineTerminator(c); }

Value TrimImpl(Runtime& rt, Value this_value, bool start, bool end, const char* method) {
  ThisStr s(rt, this_value, method);
  std::u16string_view v = s.view();
  size_t a = 0, b = v.size();
  if (start) {
    while (a < b && IsTrimmable(v[a])) ++a;
  }
  if (end) {
    while (b > a && IsTrimmable(v[b - 1])) --b;
  }
  return Substring(rt, s.s, static_cast<double>(a), static_cast<double>(b));
}

Value StringTrim(Runtime& rt, CallArgs& args) { return TrimImpl(rt, args.this_value, true, true, "trim"); }
Value StringTrimStart(Runtime& rt, CallArgs& args) {
  return TrimImpl(rt, args.this_value, true, false, "trimStart");
}
Value StringTrimEnd(Runtime& rt, CallArgs& args) { return TrimImpl(rt, args.this_value, false, true, "trimEnd"); }

Value PadImpl(Runtime& rt, CallArgs& args, bool at_start, const char* method) {
  ThisStr s(rt, args.this_value, method);
  double max_length = static_cast<double>(ToLength(rt, args[0]));
  double len = s.s->length();
  if (max_length <= len) return Value::FromCell(s.s.get());
  std::u16string filler = u" ";
  if (!args[1].IsUndefined()) filler = ToString(rt, args[1])->view();
  if (filler.empty()) return Value::FromCell(s.s.get());
  if (max_length > kMaxStringLength) rt.ThrowRangeError("Invalid string length");
  size_t fill_len = static_cast<size_t>(max_length - len);
  std::u16string fill;
  fill.reserve(fill_len);
  while (fill.size() < fill_len) fill += filler;
  fill.resize(fill_len);
  return Str(rt, at_start ? fill + std::u16string(s.view()) : std::u16string(s.view()) + fill);
}

Value StringPadStart(Runtime& rt, CallArgs& args) { return PadImpl(rt, args, true, "padStart"); }
Value StringPadEnd(Runtime& rt, CallArgs& args) { return PadImpl(rt, args, false, "padEnd"); }

Value StringRepeat(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "repeat");
  double n = ToIntegerOrInfinity(rt, args[0]);
  if (n < 0 || n == INFINITY) rt.ThrowRangeError("Invalid count value: " + NumberToStdString(ToNumber(rt, args[0])));
  if (n == 0 || s.s->length() == 0) return Value::FromCell(rt.names().empty);
  if (n * s.s->length() > kMaxStringLength) rt.ThrowRangeError("Invalid string length");
  std::u16string out;
  out.reserve(static_cast<size_t>(n) * s.s->length());
  for (double i = 0; i < n; ++i) out += s.view();
  return Str(rt, out);
}

Value StringConcat(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "concat");
  std::u16string out(s.view());
  for (uint32_t i = 0; i < args.argc; ++i) {
    out += ToString(rt, args[i])->view();
    if (out.size() > kMaxStringLength) rt.ThrowRangeError("Invalid string length");
  }
  return Str(rt, out);
}

// ---- split and replace

Value StringSplit(Runtime& rt, CallArgs& args) {
  if (args.this_value.IsNullish()) {
    rt.ThrowTypeError("String.prototype.split called on null or undefined");
  }
  if (args[0].IsObject()) {  // primitives' prototypes are not asked (ES2025)
    Rooted<Value> splitter(rt, GetMethodOf(rt, args[0], StateOf(rt).split));
    if (!splitter.get().IsUndefined()) return Call(rt, splitter, args[0], {args.this_value, args[1]});
  }
  ThisStr s(rt, args.this_value, "split");
  uint32_t lim = args[1].IsUndefined() ? 0xFFFFFFFFu : ToUint32(rt, args[1]);
  Rooted<String*> sep(rt, ToString(rt, args[0]));
  Rooted<Array*> a(rt, rt.NewArray(0));
  if (lim == 0) return Value::FromCell(a.get());
  if (args[0].IsUndefined()) {
    ArrayPush(rt, a, Value::FromCell(s.s.get()));
    return Value::FromCell(a.get());
  }
  std::u16string_view str = s.view();
  std::u16string_view r = sep->view();
  if (str.empty()) {
    if (!r.empty()) ArrayPush(rt, a, Value::FromCell(s.s.get()));
    return Value::FromCell(a.get());
  }
  if (r.empty()) {
    for (size_t i = 0; i < str.size() && a->length() < lim; ++i) {
      ArrayPush(rt, a, Value::FromCell(rt.CharString(s.s->at(static_cast<uint32_t>(i)))));
    }
    return Value::FromCell(a.get());
  }
  size_t p = 0;
  while (true) {
    size_t q = s.view().find(sep->view(), p);
    if (q == std::u16string_view::npos) break;
    ArrayPush(rt, a, Substring(rt, s.s, static_cast<double>(p), static_cast<double>(q)));
    if (a->length() >= lim) return Value::FromCell(a.get());
    p = q + sep->length();
  }
  ArrayPush(rt, a, Substring(rt, s.s, static_cast<double>(p), static_cast<double>(s.s->length())));
  return Value::FromCell(a.get());
}

Value ReplaceImpl(Runtime& rt, CallArgs& args, bool all) {
  const char* method = all ? "replaceAll" : "replace";
  if (args.this_value.IsNullish()) {
    rt.ThrowTypeError(std::string("String.prototype.") + method + " called on null or undefined");
  }
  if (args[0].IsObject()) {  // primitives' prototypes are not asked (ES2025)
    if (all && IsRegExpValue(rt, args[0])) {
      Value flags = GetProperty(rt, args[0].AsObject(), rt.KeyForUtf8("flags"));
      if (flags.IsNullish()) rt.ThrowTypeError("String.prototype.replaceAll called with a non-global RegExp argument");
      if (ToString(rt, flags)->view().find(u'g') == std::u16string_view::npos) {
        rt.ThrowTypeError("String.prototype.replaceAll called with a non-global RegExp argument");
      }
    }
    Rooted<Value> replacer(rt, GetMethodOf(rt, args[0], StateOf(rt).replace));
    if (!replacer.get().IsUndefined()) return Call(rt, replacer, args[0], {args.this_value, args[1]});
  }
  ThisStr s(rt, args.this_value, method);
  Rooted<String*> search(rt, ToString(rt, args[0]));
  Rooted<Value> replace_value(rt, args[1]);
  bool functional = IsCallable(replace_value);
  if (!functional) replace_value = Value::FromCell(ToString(rt, replace_value));
  std::u16string_view str = s.view();
  size_t search_len = search->length();
  std::vector<size_t> positions;
  size_t pos = str.find(search->view(), 0);
  while (pos != std::u16string_view::npos) {
    positions.push_back(pos);
    if (!all) break;
    pos = str.find(search->view(), pos + std::max<size_t>(search_len, 1));
  }
  if (positions.empty()) return Value::FromCell(s.s.get());
  std::u16string out;
  size_t end_of_last = 0;
  for (size_t p : positions) {
    out += s.view().substr(end_of_last, p - end_of_last);
    if (functional) {
      Value r = Call(rt, replace_value, Value::Undefined(),
                     {Value::FromCell(search.get()), Value::Number(static_cast<double>(p)),
                      Value::FromCell(s.s.get())});
      out += ToString(rt, r)->view();
    } else {
      out += GetSubstitution(rt, search, s.s, p, {}, Value::Undefined(), replace_value.get().AsString())->view();
    }
    end_of_last = p + search_len;
    if (out.size() > kMaxStringLength) rt.ThrowRangeError("Invalid string length");
  }
  if (end_of_last < s.view().size()) out += s.view().substr(end_of_last);
  return Str(rt, out);
}

Value StringReplace(Runtime& rt, CallArgs& args) { return ReplaceImpl(rt, args, false); }

// match and search: the argument's Symbol.match/search method, else a new RegExp's.
Value MatchOrSearch(Runtime& rt, CallArgs& args, Symbol* symbol, const char* method) {
  if (args.this_value.IsNullish()) {
    rt.ThrowTypeError(std::string("String.prototype.") + method + " called on null or undefined");
  }
  if (args[0].IsObject()) {  // primitives' prototypes are not asked (ES2025)
    Rooted<Value> m(rt, GetMethodOf(rt, args[0], symbol));
    if (!m.get().IsUndefined()) return Call(rt, m, args[0], {args.this_value});
  }
  ThisStr s(rt, args.this_value, method);
  Rooted<Value> rx(rt, RegExpCreateValue(rt, args[0], Value::Undefined()));
  return Invoke(rt, rx, PropertyKey::Named(symbol), {Value::FromCell(s.s.get())});
}

Value StringMatch(Runtime& rt, CallArgs& args) { return MatchOrSearch(rt, args, StateOf(rt).match, "match"); }
Value StringSearch(Runtime& rt, CallArgs& args) { return MatchOrSearch(rt, args, StateOf(rt).search, "search"); }

Value StringMatchAll(Runtime& rt, CallArgs& args) {
  if (args.this_value.IsNullish()) rt.ThrowTypeError("String.prototype.matchAll called on null or undefined");
  if (args[0].IsObject()) {  // primitives' prototypes are not asked (ES2025)
    if (IsRegExpValue(rt, args[0])) {
      Value flags = GetProperty(rt, args[0].AsObject(), rt.KeyForUtf8("flags"));
      if (flags.IsNullish()) rt.ThrowTypeError("String.prototype.matchAll called with a non-global RegExp argument");
      if (ToString(rt, flags)->view().find(u'g') == std::u16string_view::npos) {
        rt.ThrowTypeError("String.prototype.matchAll called with a non-global RegExp argument");
      }
    }
    Rooted<Value> m(rt, GetMethodOf(rt, args[0], StateOf(rt).match_all));
    if (!m.get().IsUndefined()) return Call(rt, m, args[0], {args.this_value});
  }
  ThisStr s(rt, args.this_value, "matchAll");
  Rooted<Value> rx(rt, RegExpCreateValue(rt, args[0], Value::FromCell(rt.CharString(u'g'))));
  return Invoke(rt, rx, PropertyKey::Named(StateOf(rt).match_all), {Value::FromCell(s.s.get())});
}
Value StringReplaceAll(Runtime& rt, CallArgs& args) { return ReplaceImpl(rt, args, true); }

// ---- misc

Value StringLocaleCompare(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "localeCompare");
  Rooted<String*> that(rt, ToString(rt, args[0]));
  return Value::Int(CollateEnUs(s.view(), that->view()));
}

Value StringNormalize(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "normalize");
  NormalForm form = NormalForm::kNfc;
  if (!args[0].IsUndefined()) {
    std::u16string f(ToString(rt, args[0])->view());
    if (f == u"NFD") {
      form = NormalForm::kNfd;
    } else if (f == u"NFKC") {
      form = NormalForm::kNfkc;
    } else if (f == u"NFKD") {
      form = NormalForm::kNfkd;
    } else if (f != u"NFC") {
      rt.ThrowRangeError("The normalization form should be one of NFC, NFD, NFKC, NFKD.");
    }
  }
  std::u16string_view v = s.view();
  std::u16string out = NormalizeUtf16(v, form);
  if (out == v) return Value::FromCell(s.s.get());
  return StringValue(rt, out);
}

Value StringIsWellFormed(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "isWellFormed");
  std::u16string_view v = s.view();
  for (size_t i = 0; i < v.size(); ++i) {
    if (IsHighSurrogate(v[i]) && i + 1 < v.size() && IsLowSurrogate(v[i + 1])) {
      ++i;
    } else if (IsHighSurrogate(v[i]) || IsLowSurrogate(v[i])) {
      return Value::False();
    }
  }
  return Value::True();
}

Value StringToWellFormed(Runtime& rt, CallArgs& args) {
  ThisStr s(rt, args.this_value, "toWellFormed");
  std::u16string v(s.view());
  for (size_t i = 0; i < v.size(); ++i) {
    if (IsHighSurrogate(v[i]) && i + 1 < v.size() && IsLowSurrogate(v[i + 1])) {
      ++i;
    } else if (IsHighSurrogate(v[i]) || IsLowSurrogate(v[i])) {
      v[i] = 0xFFFD;
    }
  }
  return Str(rt, v);
}

Value StringToStringMethod(Runtime& rt, CallArgs& args) {
  return ThisStringValue(rt, args.this_value, "toString");
}
Value StringValueOf(Runtime& rt, CallArgs& args) { return ThisStringValue(rt, args.this_value, "valueOf"); }

struct CaseRun {
  char32_t first, last;
  int32_t delta;
  uint32_t stride;
};
struct SpecialCase {
  char32_t cp;
  char32_t out[3];
};
struct CodeRange {
  char32_t first, last;
};

#include "vm/builtins/case-tables.inc"

// The simple mappings of a run table, expanded once.
const std::unordered_map<char32_t, char32_t>& CaseMap(bool upper) {
  static const auto build = [](const CaseRun* runs, size_t n) {
    std::unordered_map<char32_t, char32_t> m;
    for (size_t i = 0; i < n; ++i) {
      for (char32_t c = runs[i].first; c <= runs[i].last; c += runs[i].stride) {
        m[c] = static_cast<char32_t>(static_cast<int32_t>(c) + runs[i].delta);
      }
    }
    return m;
  };
  static const auto upper_map = build(kUpperRuns, std::size(kUpperRuns));
  static const auto lower_map = build(kLowerRuns, std::size(kLowerRuns));
  return upper ? upper_map : lower_map;
}

const SpecialCase* FindSpecial(const SpecialCase* table, size_t n, char32_t cp) {
  auto it = std::lower_bound(table, table + n, cp, [](const SpecialCase& s, char32_t c) { return s.cp < c; });
  return (it != table + n && it->cp == cp) ? it : nullptr;
}

bool InRanges(const CodeRange* ranges, size_t n, char32_t cp) {
  auto it = std::upper_bound(ranges, ranges + n, cp, [](char32_t c, const CodeRange& r) { return c < r.first; });
  if (it == ranges) return false;
  --it;
  return cp <= it->last;
}

bool IsCased(char32_t c) { return InRanges(kCased, std::size(kCased), c); }
bool IsCaseIgnorable(char32_t c) { return InRanges(kCaseIgnorable, std::size(kCaseIgnorable), c); }

// Code point ending just before position i.
char32_t CodePointBefore(std::u16string_view s, size_t i, size_t* len) {
  char16_t c = s[i - 1];
  if (IsLowSurrogate(c) && i >= 2 && IsHighSurrogate(s[i - 2])) {
    *len = 2;
    return 0x10000 + ((s[i - 2] - 0xD800) << 10) + (c - 0xDC00);
  }
  *len = 1;
  return c;
}

// The Final_Sigma condition for a capital sigma at [i, i+1).
bool IsFinalSigma(std::u16string_view s, size_t i) {
  bool before = false;
  for (size_t j = i; j > 0;) {
    size_t len;
    char32_t c = CodePointBefore(s, j, &len);
    j -= len;
    if (IsCaseIgnorable(c)) continue;
    before = IsCased(c);
    break;
  }
  if (!before) return false;
  for (size_t j = i + 1; j < s.size();) {
    size_t len;
    char32_t c = CodePointAt(s, j, &len);
    j += len;
    if (IsCaseIgnorable(c)) continue;
    return !IsCased(c);
  }
  return true;
}

std::u16string MapCase(std::u16string_view s, bool upper) {
  std::u16string out;
  out.reserve(s.size());
  const auto& map = CaseMap(upper);
  const SpecialCase* specials = upper ? kUpperSpecial : kLowerSpecial;
  size_t nspecial = upper ? std::size(kUpperSpecial) : std::size(kLowerSpecial);
  for (size_t i = 0; i < s.size();) {
    char16_t u = s[i];
    if (u < 0x80) {
      if (upper && u >= 'a' && u <= 'z') u -= 32;
      else if (!upper && u >= 'A' && u <= 'Z') u += 32;
      out += u;
      ++i;
      continue;
    }
    size_t len;
    char32_t c = CodePointAt(s, i, &len);
    if (!upper && c == 0x3A3) {
      out += IsFinalSigma(s, i) ? u'\u03C2' : u'\u03C3';
    } else if (const SpecialCase* sc = FindSpecial(specials, nspecial, c)) {
      for (char32_t o : sc->out) {
        if (o) AppendCodePoint(out, o);
      }
    } else {
      auto it = map.find(c);
      AppendCodePoint(out, it == map.end() ? c : it->second);
    }
    i += len;
  }
  return out;
}

}  // namespace

std::u16string ToUpperCaseCore(std::u16string_view s) { return MapCase(s, true); }
std::u16string ToLowerCaseCore(std::u16string_view s) { return MapCase(s, false); }

void InstallStringBuiltins(Runtime& rt) {
  Rooted<Object*> proto(rt, rt.intrinsics().string_prototype);
  Rooted<NativeFunction*> ctor(rt, MakeConstructor(rt, "String", StringConstructor, 1, proto));
  DefineMethod(rt, ctor, "fromCharCode", StringFromCharCode, 1);
  DefineMethod(rt, ctor, "fromCodePoint", StringFromCodePoint, 1);
  DefineMethod(rt, ctor, "raw", StringRaw, 1);

  DefineMethod(rt, proto, "at", StringAt, 1);
  DefineMethod(rt, proto, "charAt", StringCharAt, 1);
  DefineMethod(rt, proto, "charCodeAt", StringCharCodeAt, 1);
  DefineMethod(rt, proto, "codePointAt", StringCodePointAt, 1);
  DefineMethod(rt, proto, "concat", StringConcat, 1);
  DefineMethod(rt, proto, "endsWith", StringEndsWith, 1);
  DefineMethod(rt, proto, "includes", StringIncludes, 1);
  DefineMethod(rt, proto, "indexOf", StringIndexOf, 1);
  DefineMethod(rt, proto, "isWellFormed", StringIsWellFormed, 0);
  DefineMethod(rt, proto, "lastIndexOf", StringLastIndexOf, 1);
  DefineMethod(rt, proto, "localeCompare", StringLocaleCompare, 1);
  DefineMethod(rt, proto, "match", StringMatch, 1);
  DefineMethod(rt, proto, "matchAll", StringMatchAll, 1);
  DefineMethod(rt, proto, "normalize", StringNormalize, 0);
  DefineMethod(rt, proto, "padEnd", StringPadEnd, 1);
  DefineMethod(rt, proto, "padStart", StringPadStart, 1);
  DefineMethod(rt, proto, "repeat", StringRepeat, 1);
  DefineMethod(rt, proto, "replace", StringReplace, 2);
  DefineMethod(rt, proto, "replaceAll", StringReplaceAll, 2);
  DefineMethod(rt, proto, "search", StringSearch, 1);
  DefineMethod(rt, proto, "slice", StringSlice, 2);
  DefineMethod(rt, proto, "split", StringSplit, 2);
  DefineMethod(rt, proto, "substr", StringSubstr, 2);
  DefineMethod(rt, proto, "substring", StringSubstring, 2);
  DefineMethod(rt, proto, "startsWith", StringStartsWith, 1);
  DefineMethod(rt, proto, "toString", StringToStringMethod, 0);
  DefineMethod(rt, proto, "toWellFormed", StringToWellFormed, 0);
  DefineMethod(rt, proto, "toLowerCase", StringToLowerCase, 0);
  DefineMethod(rt, proto, "toLocaleLowerCase", StringToLowerCase, 0);
  DefineMethod(rt, proto, "toUpperCase", StringToUpperCase, 0);
  DefineMethod(rt, proto, "toLocaleUpperCase", StringToUpperCase, 0);
  DefineMethod(rt, proto, "trim", StringTrim, 0);
  Rooted<NativeFunction*> trim_start(rt, DefineMethod(rt, proto, "trimStart", StringTrimStart, 0));
  DefineValue(rt, proto, "trimLeft", Value::FromCell(trim_start.get()));
  Rooted<NativeFunction*> trim_end(rt, DefineMethod(rt, proto, "trimEnd", StringTrimEnd, 0));
  DefineValue(rt, proto, "trimRight", Value::FromCell(trim_end.get()));
  DefineMethod(rt, proto, "valueOf", StringValueOf, 0);
}

}  // namespace jsvm
