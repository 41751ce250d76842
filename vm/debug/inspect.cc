// A port of the rules of node v20's util.inspect (lib/internal/util/inspect.js:
// formatValue, formatRaw, formatProperty, formatArray, groupArrayElements,
// reduceToSingleString, isBelowBreakLength), without colors and with the
// default options (depth 2, breakLength 80, compact 3, maxArrayLength 100).
// Lengths are measured in UTF-16 code units like node's `.length`.
#include "vm/debug/inspect.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "vm/builtins/builtins.h"
#include "vm/objects/array-buffer.h"
#include "vm/objects/bigint.h"
#include "vm/objects/collections.h"
#include "vm/objects/promise.h"
#include "vm/objects/proxy.h"
#include "vm/execution/operations.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

using U16 = std::u16string;

U16 Ascii(const std::string& s) { return Utf8ToUtf16(s); }

U16 Repeat(char16_t c, int n) { return n > 0 ? U16(static_cast<size_t>(n), c) : U16(); }

bool Contains(const U16& s, char16_t c) { return s.find(c) != U16::npos; }

// node's strEscape: picks the quote and escapes control characters.
U16 StrEscape(std::u16string_view str) {
  char16_t quote = '\'';
  if (str.find(u'\'') != std::u16string_view::npos) {
    if (str.find(u'"') == std::u16string_view::npos) {
      quote = '"';
    } else if (str.find(u'`') == std::u16string_view::npos && str.find(u"${") == std::u16string_view::npos) {
      quote = '`';
    }
  }
  static const char kHex[] = "0123456789ABCDEF";
  U16 out;
  out += quote;
  for (size_t i = 0; i < str.size(); ++i) {
    char16_t c = str[i];
    if (c == quote && quote == '\'') {
      out += u"\\'";
    } else if (c == '\\') {
      out += u"\\\\";
    } else if (c < 0x20 || (c > 0x7E && c < 0xA0)) {
      switch (c) {
        case '\b': out += u"\\b"; break;
        case '\t': out += u"\\t"; break;
        case '\n': out += u"\\n"; break;
        case '\f': out += u"\\f"; break;
        case '\r': out += u"\\r"; break;
        default:
          out += u"\\x";
          out += static_cast<char16_t>(kHex[c >> 4]);
          out += static_cast<char16_t>(kHex[c & 15]);
      }
    } else if (IsHighSurrogate(c) && i + 1 < str.size() && IsLowSurrogate(str[i + 1])) {
      out += c;
      out += str[++i];
    } else if (IsHighSurrogate(c) || IsLowSurrogate(c)) {
      static const char kLower[] = "0123456789abcdef";
      out += u"\\u";
      for (int s = 12; s >= 0; s -= 4) out += static_cast<char16_t>(kLower[(c >> s) & 15]);
    } else {
      out += c;
    }
  }
  out += quote;
  return out;
}

// Escapes for symbol descriptions and non-enumerable keys (no quotes).
U16 EscapeNoQuotes(std::u16string_view s) {
  U16 q = StrEscape(s);
  if (q.size() >= 2 && q.front() == '\'') {
    // The quote choice is irrelevant here; unescape \' that StrEscape added.
    U16 out;
    for (size_t i = 1; i + 1 < q.size(); ++i) {
      if (q[i] == '\\' && i + 2 < q.size() && q[i + 1] == '\'') {
        out += u'\'';
        ++i;
      } else {
        out += q[i];
      }
    }
    return out;
  }
  return q.substr(1, q.size() - 2);
}

bool IsIdentifierKey(std::u16string_view k) {
  if (k.empty()) return false;
  auto start = [](char16_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start(k[0])) return false;
  for (char16_t c : k.substr(1)) {
    if (!start(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

U16 FormatNumber(double d) {
  if (d == 0 && std::signbit(d)) return u"-0";
  return Ascii(NumberToStdString(d));
}

U16 SymbolText(Symbol* sym) {
  U16 s = u"Symbol(";
  if (sym->description().IsString()) s += sym->description().AsString()->view();
  s += u")";
  return s;
}

enum class ExtrasType { kObject, kArray };

class Inspector {
 public:
  Inspector(Runtime& rt, const InspectOptions& opts) : rt_(rt), opts_(opts), seen_(rt) {}

  U16 FormatValue(Value v, int recurse_times) {
    if (!v.IsObject()) return FormatPrimitive(v);
    // node shows a proxy as its target, without running a trap.
    while (v.IsCellOfKind(CellKind::kProxy)) {
      auto* proxy = static_cast<Proxy*>(v.AsObject());
      if (proxy->revoked()) return u"<Revoked Proxy>";
      v = Value::FromCell(proxy->target());
    }
    Rooted<Value> root(rt_, v);
    Object* obj = v.AsObject();
    for (Value s : seen_.values()) {
      if (s == v) return u"[Circular *" + Ascii(std::to_string(CircularIndex(obj))) + u"]";
    }
    return FormatRaw(obj, recurse_times);
  }

 private:
  int CircularIndex(Object* obj) {
    for (auto& [o, i] : circular_) {
      if (o == obj) return i;
    }
    int index = static_cast<int>(circular_.size()) + 1;
    circular_.emplace_back(obj, index);
    return index;
  }

  U16 FormatPrimitive(Value v) {
    if (v.IsString()) {
      std::u16string_view s = v.AsString()->view();
      if (s.size() > 16 && static_cast<int>(s.size()) > opts_.break_length - indentation_ - 4) {
        // Split after each newline, one quoted piece per line.
        std::vector<std::u16string_view> lines;
        size_t start = 0;
        for (size_t i = 0; i < s.size(); ++i) {
          if (s[i] == '\n') {
            lines.push_back(s.substr(start, i + 1 - start));
            start = i + 1;
          }
        }
        if (start < s.size()) lines.push_back(s.substr(start));
        U16 out;
        for (size_t i = 0; i < lines.size(); ++i) {
          if (i) out += u" +\n" + Repeat(' ', indentation_ + 2);
          out += StrEscape(lines[i]);
        }
        return out;
      }
      return StrEscape(s);
    }
    if (v.IsNumber()) return FormatNumber(v.AsNumber());
    if (v.IsBoolean()) return v.IsTrue() ? u"true" : u"false";
    if (v.IsUndefined()) return u"undefined";
    if (v.IsNull()) return u"null";
    if (v.IsSymbol()) return SymbolText(v.AsSymbol());
    if (v.IsBigInt()) return Utf8ToUtf16(BigIntToString(v.AsBigInt()) + "n");
    return u"undefined";
  }

  // The own property's name, or empty when it is not a usable string.
  U16 NameOf(Object* fn) {
    try {
      Value n = GetProperty(rt_, fn, PropertyKey::Named(rt_.names().name));
      if (n.IsString()) return U16(n.AsString()->view());
    } catch (JsThrow&) {
    }
    return U16();
  }

  bool IsInstance(Object* obj, Value ctor) {
    try {
      return OrdinaryHasInstance(rt_, ctor, Value::FromCell(obj));
    } catch (JsThrow&) {
      return false;
    }
  }

  // getConstructorName: nullopt for a null-prototype chain without constructor.
  std::optional<U16> ConstructorName(Object* obj, int recurse_times) {
    PropertyKey key = PropertyKey::Named(rt_.names().constructor);
    Object* first_proto = nullptr;
    bool first_set = false;
    for (Object* o = obj; o;) {
      OwnProperty p;
      if (GetOwnProperty(rt_, o, key, &p) && !(p.attrs & kAttrAccessor) && IsCallable(p.value)) {
        U16 name = NameOf(p.value.AsObject());
        if (!name.empty() && IsInstance(obj, p.value)) return name;
      }
      o = o->proto();
      if (!first_set) {
        first_proto = o;
        first_set = true;
      }
    }
    if (first_proto == nullptr) return std::nullopt;
    U16 res = InternalClassName(obj);
    if (recurse_times > opts_.depth) return res + u" <Complex prototype>";
    std::optional<U16> proto_ctor = ConstructorName(first_proto, recurse_times + 1);
    if (!proto_ctor) {
      InspectOptions o = opts_;
      o.depth = -1;
      Inspector sub(rt_, o);
      return res + u" <" + sub.FormatValue(Value::FromCell(first_proto), 0) + u">";
    }
    return res + u" <" + *proto_ctor + u">";
  }

  U16 InternalClassName(Object* obj) {
    switch (obj->kind()) {
      case CellKind::kArray: return u"Array";
      case CellKind::kFunction: case CellKind::kNativeFunction: case CellKind::kBoundFunction:
        return u"Function";
      case CellKind::kError: return u"Error";
      case CellKind::kMap: return u"Map";
      case CellKind::kSet: return u"Set";
      default: return u"Object";
    }
  }

  static U16 Prefix(const std::optional<U16>& ctor, const U16& tag, const U16& fallback, const U16& size = U16()) {
    if (!ctor) {
      if (!tag.empty() && fallback != tag) return u"[" + fallback + size + u": null prototype] [" + tag + u"] ";
      return u"[" + fallback + size + u": null prototype] ";
    }
    if (!tag.empty() && *ctor != tag) return *ctor + size + u" [" + tag + u"] ";
    return *ctor + size + u" ";
  }

  // Own enumerable keys (strings, then symbols); arrays skip index keys.
  std::vector<PropertyKey> Keys(Object* obj, bool non_index) {
    std::vector<PropertyKey> out;
    for (const PropertyKey& k : OwnPropertyKeys(rt_, obj, kKeysStrings | kKeysSymbols | kKeysEnumerableOnly)) {
      if (non_index && k.IsIndex()) continue;
      out.push_back(k);
    }
    return out;
  }

  U16 FunctionBase(Object* fn, const std::optional<U16>& ctor, const U16& tag) {
    bool is_class = fn->kind() == CellKind::kFunction &&
                    static_cast<Function*>(fn)->info()->IsClassConstructor();
    if (is_class) {
      OwnProperty p;
      U16 name;
      if (GetOwnProperty(rt_, fn, PropertyKey::Named(rt_.names().name), &p)) name = NameOf(fn);
      if (name.empty()) name = u"(anonymous)";
      U16 base = u"class " + name;
      if (ctor && *ctor != u"Function") base += u" [" + *ctor + u"]";
      if (!tag.empty() && (!ctor || *ctor != tag)) base += u" [" + tag + u"]";
      if (ctor) {
        Object* super = fn->proto();
        if (super) {
          U16 super_name = NameOf(super);
          if (!super_name.empty()) base += u" extends " + super_name;
        }
      } else {
        base += u" extends [null prototype]";
      }
      return u"[" + base + u"]";
    }
    U16 base = u"[Function";
    if (!ctor) base += u" (null prototype)";
    U16 name = NameOf(fn);
    if (name.empty()) {
      base += u" (anonymous)";
    } else {
      base += u": " + name;
    }
    base += u"]";
    if (ctor && *ctor != u"Function") base += u" " + *ctor;
    if (!tag.empty() && (!ctor || *ctor != tag)) base += u" [" + tag + u"]";
    return base;
  }

  U16 ErrorBase(Object* err) {
    Value stack;
    try {
      stack = GetProperty(rt_, err, PropertyKey::Named(rt_.names().stack));
    } catch (JsThrow&) {
      stack = Value::Undefined();
    }
    U16 s;
    if (stack.IsString() && stack.AsString()->length() > 0) {
      s = stack.AsString()->view();
    } else {
      try {
        Value str = Invoke(rt_, Value::FromCell(err), PropertyKey::Named(rt_.names().toString), {});
        s = ToString(rt_, str)->view();
      } catch (JsThrow&) {
        s = u"Error";
      }
    }
    if (s.find(u"\n    at") == U16::npos) s = u"[" + s + u"]";
    if (indentation_ != 0) {
      U16 ind = Repeat(' ', indentation_);
      U16 out;
      for (char16_t c : s) {
        out += c;
        if (c == '\n') out += ind;
      }
      s = out;
    }
    return s;
  }

  U16 BoxedBase(PrimitiveWrapper* w, const std::optional<U16>& ctor, const U16& tag) {
    Value p = w->primitive();
    U16 type = p.IsNumber() ? u"Number" : p.IsString() ? u"String" : p.IsBoolean() ? u"Boolean" : p.IsBigInt() ? u"BigInt" : u"Symbol";
    U16 base = u"[" + type;
    if (!ctor) {
      base += u" (null prototype)";
    } else if (*ctor != type) {
      base += u" (" + *ctor + u")";
    }
    int saved = indentation_;
    base += u": " + FormatPrimitive(p) + u"]";
    indentation_ = saved;
    if (!tag.empty() && (!ctor || *ctor != tag)) base += u" [" + tag + u"]";
    return base;
  }

  U16 FormatRaw(Object* obj_in, int recurse_times) {
    Rooted<Object*> obj(rt_, obj_in);
    std::optional<U16> ctor = ConstructorName(obj, recurse_times);
    U16 tag;
    {
      Value t;
      try {
        t = GetProperty(rt_, obj, PropertyKey::Named(rt_.symbols().to_string_tag));
      } catch (JsThrow&) {
        t = Value::Undefined();
      }
      if (t.IsString() && t.AsString()->length() > 0) {
        OwnProperty p;
        bool own_enumerable = GetOwnProperty(rt_, obj, PropertyKey::Named(rt_.symbols().to_string_tag), &p) &&
                              (p.attrs & kAttrEnumerable);
        if (!own_enumerable) tag = t.AsString()->view();
      }
    }
    U16 base;
    U16 brace_open = u"{", brace_close = u"}";
    ExtrasType extras = ExtrasType::kObject;
    std::vector<PropertyKey> keys;
    bool weak_collection = false;
    enum class Kind { kObject, kArray, kSet, kMap, kMapIter, kSetIter, kArguments, kPromise, kTypedArray, kArrayBuffer };
    Kind kind = Kind::kObject;
    CellKind ck = obj->kind();
    if (ck == CellKind::kTypedArray) {
      // node: Uint8Array(3) [ 1, 2, 3 ]
      auto* ta = static_cast<TypedArrayObject*>(obj.get());
      U16 name = Ascii(ElementKindConstructorName(ta->element_kind()));
      brace_open = Prefix(ctor, tag, name, u"(" + Ascii(std::to_string(ta->length())) + u")") + u"[";
      brace_close = u"]";
      keys = Keys(obj, true);
      if (ta->length() == 0 && keys.empty()) return brace_open + u"]";
      extras = ExtrasType::kArray;
      kind = Kind::kTypedArray;
    } else if (ck == CellKind::kArrayBuffer || ck == CellKind::kDataView) {
      // node: ArrayBuffer { [Uint8Contents]: <00 01>, byteLength: 2 }, DataView { byteLength, byteOffset, buffer }
      keys = Keys(obj, false);
      bool view = ck == CellKind::kDataView;
      bool shared = !view && static_cast<ArrayBufferObject*>(obj.get())->shared();
      brace_open = Prefix(ctor, tag, view ? u"DataView" : shared ? u"SharedArrayBuffer" : u"ArrayBuffer") + u"{";
      static const char* const kViewKeys[] = {"byteLength", "byteOffset", "buffer"};
      std::vector<PropertyKey> hidden;
      for (size_t i = 0; i < (view ? 3u : 1u); ++i) hidden.push_back(rt_.KeyForUtf8(kViewKeys[i]));
      keys.insert(keys.begin(), hidden.begin(), hidden.end());
      if (!view) kind = Kind::kArrayBuffer;
    } else if (ck == CellKind::kArray) {
      auto* arr = static_cast<Array*>(obj.get());
      U16 prefix = (!ctor || *ctor != u"Array" || !tag.empty())
                       ? Prefix(ctor, tag, u"Array", u"(" + Ascii(std::to_string(arr->length())) + u")")
                       : U16();
      keys = Keys(obj, true);
      brace_open = prefix + u"[";
      brace_close = u"]";
      if (arr->length() == 0 && keys.empty()) return brace_open + u"]";
      extras = ExtrasType::kArray;
      kind = Kind::kArray;
    } else if (ck == CellKind::kSet || ck == CellKind::kMap) {
      auto* c = static_cast<CollectionObject*>(obj.get());
      bool is_set = ck == CellKind::kSet;
      U16 prefix = Prefix(ctor, tag, is_set ? u"Set" : u"Map", u"(" + Ascii(std::to_string(c->table().size())) + u")");
      keys = Keys(obj, false);
      if (c->table().size() == 0 && keys.empty()) return prefix + u"{}";
      brace_open = prefix + u"{";
      kind = is_set ? Kind::kSet : Kind::kMap;
    } else if (ck == CellKind::kPromise) {
      keys = Keys(obj, false);
      brace_open = Prefix(ctor, tag, u"Promise") + u"{";
      kind = Kind::kPromise;
    } else if (ck == CellKind::kIterator &&
               (static_cast<IteratorObject*>(obj.get())->source == IteratorSource::kMap ||
                static_cast<IteratorObject*>(obj.get())->source == IteratorSource::kSet)) {
      auto* it = static_cast<IteratorObject*>(obj.get());
      bool is_map = it->source == IteratorSource::kMap;
      keys = Keys(obj, false);
      U16 t = tag.empty() ? (is_map ? u"Map Iterator" : u"Set Iterator") : tag;
      if (is_map && it->kind == IterationKind::kEntries) t = u"Map Entries";
      brace_open = u"[" + t + u"] {";
      kind = is_map ? Kind::kMapIter : Kind::kSetIter;
    } else {
      keys = Keys(obj, false);
      if (ck == CellKind::kArguments) {
        keys = Keys(obj, true);
        brace_open = u"[Arguments] [";
        brace_close = u"]";
        extras = ExtrasType::kArray;
        kind = Kind::kArguments;
        if (LengthOf(rt_, obj) == 0 && keys.empty()) return brace_open + u"]";
      } else if (ctor && *ctor == u"Object" && ck != CellKind::kError && ck != CellKind::kPrimitiveWrapper &&
                 !obj->IsCallable() && !IsDateObject(obj)) {
        if (!tag.empty()) brace_open = Prefix(ctor, tag, u"Object") + u"{";
        if (keys.empty()) return brace_open + u"}";
      } else if (obj->IsCallable()) {
        base = FunctionBase(obj, ctor, tag);
        if (keys.empty()) return base;
      } else if (auto* weak = dynamic_cast<WeakCollectionObject*>(obj.get())) {
        brace_open = Prefix(ctor, tag, weak->is_map() ? u"WeakMap" : u"WeakSet") + u"{";
        weak_collection = true;
      } else if (ck == CellKind::kRegExp) {
        base = RegExpDisplayText(obj);
        if (ctor && *ctor != u"RegExp") base = *ctor + u" " + base;
        if (keys.empty()) return base;
      } else if (IsDateObject(obj)) {
        base = Ascii(DateToIsoOrInvalid(DateObjectValue(obj)));
        if (ctor && *ctor != u"Date") base = *ctor + u" " + base;
        if (keys.empty()) return base;
      } else if (ck == CellKind::kError) {
        base = ErrorBase(obj);
        if (keys.empty()) return base;
      } else if (ck == CellKind::kPrimitiveWrapper) {
        auto* w = static_cast<PrimitiveWrapper*>(obj.get());
        if (w->primitive().IsString()) {
          std::vector<PropertyKey> rest;
          for (const PropertyKey& k : keys) {
            if (!k.IsIndex() || k.index() >= w->primitive().AsString()->length()) rest.push_back(k);
          }
          keys = rest;
        }
        base = BoxedBase(w, ctor, tag);
        if (keys.empty()) return base;
      } else {
        if (keys.empty()) return Prefix(ctor, tag, u"Object") + u"{}";
        brace_open = Prefix(ctor, tag, u"Object") + u"{";
      }
    }

    if (recurse_times > opts_.depth) {
      U16 name = Prefix(ctor, tag, u"Object");
      name.pop_back();
      return ctor ? u"[" + name + u"]" : name;
    }
    ++recurse_times;
    seen_.push_back(Value::FromCell(obj.get()));
    current_depth_ = recurse_times;
    std::vector<U16> output;
    switch (kind) {
      case Kind::kArray: case Kind::kArguments: FormatArrayLike(obj, recurse_times, output); break;
      case Kind::kSet: case Kind::kMap: FormatCollection(obj, recurse_times, output); break;
      case Kind::kMapIter: case Kind::kSetIter: FormatCollectionIterator(obj, recurse_times, output); break;
      case Kind::kPromise: {
        // node: Promise { <pending> }, Promise { 1 }, Promise { <rejected> reason }
        auto* p = static_cast<PromiseObject*>(obj.get());
        if (p->state() == PromiseState::kPending) {
          output.push_back(u"<pending>");
        } else {
          Rooted<Value> result(rt_, p->result());
          U16 text = FormatValue(result, recurse_times);
          output.push_back(p->state() == PromiseState::kRejected ? u"<rejected> " + text : text);
        }
        break;
      }
      case Kind::kObject:
        if (weak_collection) output.push_back(u"<items unknown>");
        break;
      case Kind::kTypedArray: FormatTypedArray(static_cast<TypedArrayObject*>(obj.get()), output); break;
      case Kind::kArrayBuffer: output.push_back(ArrayBufferContents(static_cast<ArrayBufferObject*>(obj.get()))); break;
    }
    RootedKeys rooted_keys(rt_, keys);
    for (const PropertyKey& k : rooted_keys) output.push_back(FormatProperty(obj, k, recurse_times, extras));
    int index = 0;
    for (auto& [o, i] : circular_) {
      if (o == obj.get()) index = i;
    }
    if (index) {
      U16 ref = u"<ref *" + Ascii(std::to_string(index)) + u">";
      base = base.empty() ? ref : ref + u" " + base;
    }
    seen_.values().pop_back();
    return ReduceToSingleString(output, base, brace_open, brace_close, extras, recurse_times, obj);
  }

  // One property "key: value" (or just the value for array elements).
  U16 FormatProperty(Object* obj, PropertyKey key, int recurse_times, ExtrasType type, bool element = false) {
    OwnProperty p;
    U16 str;
    bool enumerable = true;
    if (!GetOwnProperty(rt_, obj, key, &p)) {
      // Not own (DataView's byteLength ...): the value through the chain, as
      // node's formatProperty reads value[key].
      Rooted<Object*> holder(rt_, obj);
      p.value = GetProperty(rt_, holder, key);
      p.attrs = kAttrDefault;
    }
    enumerable = p.attrs & kAttrEnumerable;
    if (p.attrs & kAttrAccessor) {
      auto* acc = static_cast<Accessor*>(p.value.AsCell());
      if (!acc->getter.IsUndefined()) {
        str = acc->setter.IsUndefined() ? u"[Getter]" : u"[Getter/Setter]";
      } else if (!acc->setter.IsUndefined()) {
        str = u"[Setter]";
      } else {
        str = u"undefined";
      }
    } else {
      indentation_ += 2;
      str = FormatValue(p.value, recurse_times);
      indentation_ -= 2;
    }
    (void)type;
    if (element) return str;
    U16 name;
    if (key.IsSymbol()) {
      name = u"[" + EscapeNoQuotes(SymbolText(static_cast<Symbol*>(key.cell()))) + u"]";
    } else {
      U16 k = key.IsIndex() ? Ascii(std::to_string(key.index())) : U16(key.string()->view());
      if (k == u"__proto__") {
        name = u"['__proto__']";
      } else if (!enumerable) {
        name = u"[" + EscapeNoQuotes(k) + u"]";
      } else if (IsIdentifierKey(k)) {
        name = k;
      } else {
        name = StrEscape(k);
      }
    }
    return name + u": " + str;
  }

  void FormatArrayLike(Object* obj, int recurse_times, std::vector<U16>& output) {
    uint64_t len = LengthOf(rt_, obj);
    uint64_t max = std::min<uint64_t>(static_cast<uint64_t>(std::max(0, opts_.max_array_length)), len);
    uint64_t index = 0;
    while (index < len && output.size() < max) {
      if (!HasOwnProperty(rt_, obj, IndexKey(rt_, index))) {
        // A run of holes.
        uint64_t next = index;
        while (next < len && !HasOwnProperty(rt_, obj, IndexKey(rt_, next))) {
          ++next;
          if (next - index > 1000000) {
            // Find the next present index without walking every hole.
            std::vector<uint32_t> present;
            obj->CollectIndices(&present);
            uint64_t found = len;
            for (uint32_t i : present) {
              if (i >= index) {
                found = i;
                break;
              }
            }
            next = std::min(found, len);
            break;
          }
        }
        uint64_t holes = next - index;
        output.push_back(u"<" + Ascii(std::to_string(holes)) + u" empty item" + (holes > 1 ? u"s" : u"") + u">");
        index = next;
        continue;
      }
      output.push_back(FormatProperty(obj, IndexKey(rt_, index), recurse_times, ExtrasType::kArray, true));
      ++index;
    }
    uint64_t remaining = len - index;
    if (remaining > 0) {
      if (output.size() >= max && max < len) {
        output.push_back(u"... " + Ascii(std::to_string(remaining)) + u" more item" + (remaining > 1 ? u"s" : u""));
      } else {
        output.push_back(u"<" + Ascii(std::to_string(remaining)) + u" empty item" + (remaining > 1 ? u"s" : u"") +
                         u">");
      }
    }
  }

  // The elements of a typed array, as numbers or BigInts (at most max_array_length).
  void FormatTypedArray(TypedArrayObject* ta, std::vector<U16>& output) {
    Rooted<TypedArrayObject*> holder(rt_, ta);
    size_t len = ta->length();
    size_t max = std::min<size_t>(static_cast<size_t>(std::max(0, opts_.max_array_length)), len);
    for (size_t i = 0; i < max; ++i) {
      Value v = holder->Get(rt_, i);
      output.push_back(v.IsBigInt() ? Utf8ToUtf16(BigIntToString(v.AsBigInt()) + "n") : FormatNumber(v.AsNumber()));
    }
    if (len > max) output.push_back(u"... " + Ascii(std::to_string(len - max)) + u" more item" + (len - max > 1 ? u"s" : u""));
  }

  // "[Uint8Contents]: <00 01 ...>" (or "(detached)").
  U16 ArrayBufferContents(ArrayBufferObject* buffer) {
    if (buffer->detached()) return u"(detached)";
    static const char kHex[] = "0123456789abcdef";
    size_t len = buffer->byte_length();
    size_t max = std::min<size_t>(static_cast<size_t>(std::max(0, opts_.max_array_length)), len);
    U16 out = u"[Uint8Contents]: <";
    for (size_t i = 0; i < max; ++i) {
      if (i) out += u' ';
      out += static_cast<char16_t>(kHex[buffer->data()[i] >> 4]);
      out += static_cast<char16_t>(kHex[buffer->data()[i] & 15]);
    }
    if (len > max) out += u" ... " + Ascii(std::to_string(len - max)) + u" more byte" + (len - max > 1 ? u"s" : u"");
    return out + u">";
  }

  void FormatCollection(Object* obj, int recurse_times, std::vector<U16>& output) {
    auto* c = static_cast<CollectionObject*>(obj);
    bool is_map = obj->kind() == CellKind::kMap;
    RootedVector entries(rt_);
    for (const auto& e : c->table().entries()) {
      if (e.key.IsEmpty()) continue;
      entries.push_back(e.key);
      entries.push_back(e.value);
    }
    indentation_ += 2;
    for (size_t i = 0; i < entries.size(); i += 2) {
      if (is_map) {
        U16 k = FormatValue(entries[i], recurse_times);
        output.push_back(k + u" => " + FormatValue(entries[i + 1], recurse_times));
      } else {
        output.push_back(FormatValue(entries[i], recurse_times));
      }
    }
    indentation_ -= 2;
  }

  void FormatCollectionIterator(Object* obj, int recurse_times, std::vector<U16>& output) {
    auto* it = static_cast<IteratorObject*>(obj);
    if (!it->target.IsObject()) return;
    auto* c = static_cast<CollectionObject*>(it->target.AsObject());
    bool is_map = it->source == IteratorSource::kMap;
    RootedVector entries(rt_);
    const auto& all = c->table().entries();
    for (uint64_t i = it->index; i < all.size(); ++i) {
      if (all[i].key.IsEmpty()) continue;
      entries.push_back(all[i].key);
      entries.push_back(all[i].value);
    }
    indentation_ += 2;
    for (size_t i = 0; i < entries.size(); i += 2) {
      if (is_map && it->kind == IterationKind::kEntries) {
        output.push_back(u"[ " + FormatValue(entries[i], recurse_times) + u", " +
                         FormatValue(entries[i + 1], recurse_times) + u" ]");
      } else if (is_map && it->kind == IterationKind::kValues) {
        output.push_back(FormatValue(entries[i + 1], recurse_times));
      } else {
        output.push_back(FormatValue(entries[i], recurse_times));
      }
    }
    indentation_ -= 2;
  }

  bool IsBelowBreakLength(const std::vector<U16>& output, size_t start, const U16& base) {
    size_t total = output.size() + start;
    if (total + output.size() > static_cast<size_t>(opts_.break_length)) return false;
    for (const U16& s : output) {
      total += s.size();
      if (total > static_cast<size_t>(opts_.break_length)) return false;
    }
    return base.empty() || !Contains(base, '\n');
  }

  std::vector<U16> GroupArrayElements(const std::vector<U16>& output, Object* value, bool has_more) {
    size_t total_length = 0;
    size_t max_length = 0;
    size_t output_length = output.size();
    if (has_more) --output_length;
    const size_t separator_space = 2;
    std::vector<size_t> data_len(output_length);
    for (size_t i = 0; i < output_length; ++i) {
      size_t len = output[i].size();
      data_len[i] = len;
      total_length += len + separator_space;
      if (max_length < len) max_length = len;
    }
    size_t actual_max = max_length + separator_space;
    if (actual_max * 3 + indentation_ < static_cast<size_t>(opts_.break_length) &&
        (static_cast<double>(total_length) / actual_max > 5 || max_length <= 6)) {
      double approx_char_heights = 2.5;
      double average_bias = std::sqrt(actual_max - static_cast<double>(total_length) / output.size());
      double biased_max = std::max(actual_max - 3 - average_bias, 1.0);
      double columns_d = std::min({std::round(std::sqrt(approx_char_heights * biased_max * output_length) / biased_max),
                                   std::floor((opts_.break_length - indentation_) / static_cast<double>(actual_max)),
                                   3.0 * 4, 15.0});
      size_t columns = static_cast<size_t>(columns_d);
      if (columns <= 1) return output;
      std::vector<size_t> max_line_length;
      for (size_t i = 0; i < columns; ++i) {
        size_t line_length = 0;
        for (size_t j = i; j < output_length; j += columns) line_length = std::max(line_length, data_len[j]);
        max_line_length.push_back(line_length + separator_space);
      }
      bool pad_start = true;
      if (value) {
        for (size_t i = 0; i < output.size(); ++i) {
          OwnProperty p;
          Value v = Value::Undefined();
          if (GetOwnProperty(rt_, value, IndexKey(rt_, i), &p) && !(p.attrs & kAttrAccessor)) v = p.value;
          if (!v.IsNumber()) {
            pad_start = false;
            break;
          }
        }
      }
      std::vector<U16> tmp;
      for (size_t i = 0; i < output_length; i += columns) {
        size_t max = std::min(i + columns, output_length);
        U16 str;
        size_t j = i;
        for (; j < max - 1; ++j) {
          U16 cell = output[j] + u", ";
          size_t padding = max_line_length[j - i];
          if (cell.size() < padding) {
            if (pad_start) cell = Repeat(' ', static_cast<int>(padding - cell.size())) + cell;
            else cell += Repeat(' ', static_cast<int>(padding - cell.size()));
          }
          str += cell;
        }
        if (pad_start) {
          size_t padding = max_line_length[j - i] - separator_space;
          U16 cell = output[j];
          if (cell.size() < padding) cell = Repeat(' ', static_cast<int>(padding - cell.size())) + cell;
          str += cell;
        } else {
          str += output[j];
        }
        tmp.push_back(str);
      }
      if (has_more) tmp.push_back(output[output_length]);
      return tmp;
    }
    return output;
  }

  U16 ReduceToSingleString(std::vector<U16> output, const U16& base, const U16& brace_open,
                           const U16& brace_close, ExtrasType extras, int recurse_times, Object* value) {
    size_t entries = output.size();
    if (extras == ExtrasType::kArray && entries > 6) {
      bool has_more = static_cast<int>(output.size()) > opts_.max_array_length;
      output = GroupArrayElements(output, value, has_more);
    }
    if (current_depth_ - recurse_times < 3 && entries == output.size()) {
      size_t start = output.size() + indentation_ + brace_open.size() + base.size() + 10;
      if (IsBelowBreakLength(output, start, base)) {
        U16 joined;
        for (size_t i = 0; i < output.size(); ++i) {
          if (i) joined += u", ";
          joined += output[i];
        }
        if (!Contains(joined, '\n')) {
          return (base.empty() ? U16() : base + u" ") + brace_open + u" " + joined + u" " + brace_close;
        }
      }
    }
    U16 indentation = u"\n" + Repeat(' ', indentation_);
    U16 out = (base.empty() ? U16() : base + u" ") + brace_open + indentation + u"  ";
    for (size_t i = 0; i < output.size(); ++i) {
      if (i) out += u"," + indentation + u"  ";
      out += output[i];
    }
    out += indentation + brace_close;
    return out;
  }

  Runtime& rt_;
  InspectOptions opts_;
  RootedVector seen_;
  std::vector<std::pair<Object*, int>> circular_;
  int indentation_ = 0;
  int current_depth_ = 0;
};

}  // namespace

std::string Inspect(Runtime& rt, Value v, const InspectOptions& opts) {
  rt.CheckNativeStack();
  Inspector in(rt, opts);
  return Utf16ToUtf8(in.FormatValue(v, 0));
}

std::string FormatLogArguments(Runtime& rt, const Value* argv, uint32_t argc) {
  RootedVector args(rt);
  for (uint32_t i = 0; i < argc; ++i) args.push_back(argv[i]);
  std::string out;
  uint32_t next = 0;
  if (argc > 0 && args[0].IsString() && args[0].AsString()->view().find(u'%') != std::u16string_view::npos &&
      argc > 1) {
    std::u16string_view f = args[0].AsString()->view();
    std::u16string text;
    next = 1;
    size_t last = 0;
    for (size_t i = 0; i + 1 < f.size(); ++i) {
      if (f[i] != '%') continue;
      char16_t c = f[i + 1];
      if (c == '%') {
        text += f.substr(last, i - last);
        text += u'%';
        last = i + 2;
        ++i;
        continue;
      }
      if (next >= argc) continue;
      std::u16string piece;
      bool known = true;
      Value a = args[next];
      switch (c) {
        case 's':
          if (a.IsString()) piece = a.AsString()->view();
          else if (a.IsObject()) piece = Utf8ToUtf16(Inspect(rt, a, {.depth = 1}));
          else if (a.IsNumber()) piece = FormatNumber(a.AsNumber());
          else piece = Utf8ToUtf16(Inspect(rt, a));
          break;
        case 'd': case 'i': case 'f': {
          if (a.IsBigInt() && c != 'f') {
            piece = Utf8ToUtf16(BigIntToString(a.AsBigInt()) + "n");
            break;
          }
          if (a.IsObject() && c != 'f') {
            piece = u"NaN";
            break;
          }
          double d = a.IsSymbol() ? NAN : ToNumber(rt, a);
          if (c == 'i') d = std::trunc(d);
          piece = FormatNumber(d);
          break;
        }
        case 'j': {
          Value s = JsonStringify(rt, a, Value::Undefined(), Value::Undefined());
          piece = s.IsString() ? std::u16string(s.AsString()->view()) : u"undefined";
          break;
        }
        case 'o': case 'O': piece = Utf8ToUtf16(Inspect(rt, a, {.depth = c == 'o' ? 4 : 2})); break;
        case 'c': piece = u""; break;
        default: known = false;
      }
      if (!known) continue;
      text += f.substr(last, i - last);
      text += piece;
      last = i + 2;
      ++i;
      ++next;
    }
    text += f.substr(last);
    out = Utf16ToUtf8(text);
  }
  for (uint32_t i = next; i < argc; ++i) {
    if (i) out += ' ';
    Value a = args[i];
    if (a.IsString()) {
      out += a.AsString()->ToUtf8();
    } else {
      out += Inspect(rt, a);
    }
  }
  return out;
}

}  // namespace jsvm
