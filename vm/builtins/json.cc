// JSON.parse (with reviver; V8's error messages) and JSON.stringify
// (replacer function or list, indentation, toJSON, cycle errors like V8).
#include <algorithm>
#include <cmath>
#include <memory>

#include "vm/builtins/builtins.h"
#include "vm/objects/proxy.h"
#include "vm/execution/operations.h"
#include "vm/objects/unicode.h"

namespace jsvm {

namespace {

// ---- parsing

class JsonParser {
 public:
  // The parse record of a value, for the reviver's context.source.
  struct Node {
    Value value;
    std::u16string source;  // primitives only
    bool primitive = false;
    std::vector<std::pair<PropertyKey, std::unique_ptr<Node>>> children;
  };

  JsonParser(Runtime& rt, std::u16string_view text) : rt_(rt), s_(text) {}

  // Records parse nodes; their values and keys are kept alive in `keep`.
  void EnableRecording(RootedVector* keep) { keep_ = keep; }
  std::unique_ptr<Node> root;

  Value ParseTop() {
    SkipWhitespace();
    Rooted<Value> v(rt_, ParseValue(keep_ ? &root : nullptr));
    SkipWhitespace();
    if (pos_ < s_.size()) {
      rt_.ThrowSyntaxError("Unexpected non-whitespace character after JSON at position " + std::to_string(pos_));
    }
    return v;
  }

 private:
  enum class Tok { kEos, kNumber, kString, kOther };

  [[noreturn]] void Fail(const std::string& what, size_t pos) {
    rt_.ThrowSyntaxError(what + " in JSON at position " + std::to_string(pos));
  }

  Tok Peek() const {
    if (pos_ >= s_.size()) return Tok::kEos;
    char16_t c = s_[pos_];
    if (c == '"') return Tok::kString;
    if (c == '-' || (c >= '0' && c <= '9')) return Tok::kNumber;
    return Tok::kOther;
  }

  // V8's report for an unexpected token at pos_ (or the custom message).
  [[noreturn]] void Unexpected(const char* custom = nullptr) {
    if (custom) Fail(custom, pos_);
    switch (Peek()) {
      case Tok::kEos: rt_.ThrowSyntaxError("Unexpected end of JSON input");
      case Tok::kNumber: Fail("Unexpected number", pos_);
      case Tok::kString: Fail("Unexpected string", pos_);
      case Tok::kOther: break;
    }
    UnexpectedCharacter(pos_);
  }

  [[noreturn]] void UnexpectedCharacter(size_t pos) {
    for (const char16_t* special : {u"[object Object]", u"undefined", u"Infinity", u"NaN"}) {
      if (s_ == special) rt_.ThrowSyntaxError("\"" + Utf16ToUtf8(s_) + "\" is not valid JSON");
    }
    constexpr size_t kContext = 10;
    std::u16string msg = u"Unexpected token '";
    msg += s_[pos];
    msg += u"', ";
    size_t len = s_.size();
    if (len < 2 * kContext + 1) {
      msg += u"\"" + std::u16string(s_) + u"\"";
    } else if (pos < kContext) {
      msg += u"\"" + std::u16string(s_.substr(0, pos + kContext)) + u"\"...";
    } else if (pos < len - kContext) {
      msg += u"...\"" + std::u16string(s_.substr(pos - kContext, 2 * kContext)) + u"\"...";
    } else {
      msg += u"...\"" + std::u16string(s_.substr(pos - kContext)) + u"\"";
    }
    msg += u" is not valid JSON";
    rt_.ThrowSyntaxError(Utf16ToUtf8(msg));
  }

  void SkipWhitespace() {
    while (pos_ < s_.size()) {
      char16_t c = s_[pos_];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
      ++pos_;
    }
  }

  // Consumes `c` (after whitespace) or reports with `custom`.
  void Expect(char16_t c, const char* custom) {
    SkipWhitespace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return;
    }
    Unexpected(custom);
  }

  bool Check(char16_t c) {
    SkipWhitespace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }

  Value ParseValue(std::unique_ptr<Node>* out = nullptr) {
    rt_.CheckNativeStack();
    SkipWhitespace();
    if (pos_ >= s_.size()) Unexpected();
    Node* node = nullptr;
    if (out) {
      *out = std::make_unique<Node>();
      node = out->get();
    }
    size_t start = pos_;
    Value v;
    char16_t c = s_[pos_];
    switch (c) {
      case '{': v = ParseObject(node); break;
      case '[': v = ParseArray(node); break;
      case '"': v = Value::FromCell(ParseString()); break;
      case 't': v = ParseLiteral(u"true", Value::True()); break;
      case 'f': v = ParseLiteral(u"false", Value::False()); break;
      case 'n': v = ParseLiteral(u"null", Value::Null()); break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          v = ParseNumber();
          break;
        }
        Unexpected();
    }
    if (node) {
      node->value = v;
      keep_->push_back(v);
      if (c != '{' && c != '[') {
        node->primitive = true;
        node->source = s_.substr(start, pos_ - start);
      }
    }
    return v;
  }

  Value ParseLiteral(std::u16string_view word, Value v) {
    for (size_t i = 0; i < word.size(); ++i, ++pos_) {
      if (pos_ >= s_.size()) rt_.ThrowSyntaxError("Unexpected end of JSON input");
      if (s_[pos_] != word[i]) UnexpectedCharacter(pos_);
    }
    return v;
  }

  Value ParseNumber() {
    size_t start = pos_;
    auto digit = [&](size_t p) { return p < s_.size() && s_[p] >= '0' && s_[p] <= '9'; };
    if (s_[pos_] == '-') {
      ++pos_;
      if (!digit(pos_)) Fail("No number after minus sign", pos_);
    }
    if (s_[pos_] == '0') {
      ++pos_;
      if (digit(pos_)) Fail("Unexpected number", pos_);
    } else {
      while (digit(pos_)) ++pos_;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digit(pos_)) Fail("Unterminated fractional number", pos_);
      while (digit(pos_)) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digit(pos_)) Fail("Exponent part is missing a number", pos_);
      while (digit(pos_)) ++pos_;
    }
    return Value::Number(StringToNumber(s_.substr(start, pos_ - start)));
  }

  String* ParseString() {
    ++pos_;  // opening quote
    std::u16string out;
    size_t run = pos_;
    while (true) {
      if (pos_ >= s_.size()) Fail("Unterminated string", pos_);
      char16_t c = s_[pos_];
      if (c == '"') {
        out.append(s_.substr(run, pos_ - run));
        ++pos_;
        break;
      }
      if (c < 0x20) Fail("Bad control character in string literal", pos_);
      if (c != '\\') {
        ++pos_;
        continue;
      }
      out.append(s_.substr(run, pos_ - run));
      ++pos_;
      if (pos_ >= s_.size()) rt_.ThrowSyntaxError("Unexpected end of JSON input");
      char16_t e = s_[pos_];
      switch (e) {
        case '"': out += u'"'; break;
        case '\\': out += u'\\'; break;
        case '/': out += u'/'; break;
        case 'b': out += u'\b'; break;
        case 'f': out += u'\f'; break;
        case 'n': out += u'\n'; break;
        case 'r': out += u'\r'; break;
        case 't': out += u'\t'; break;
        case 'u': {
          uint32_t v = 0;
          for (int i = 0; i < 4; ++i) {
            size_t p = pos_ + 1 + i;
            if (p >= s_.size()) Fail("Bad Unicode escape", p);
            char16_t h = s_[p];
            int d = (h >= '0' && h <= '9') ? h - '0'
                    : (h >= 'a' && h <= 'f') ? h - 'a' + 10
                    : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
            if (d < 0) Fail("Bad Unicode escape", p);
            v = v * 16 + static_cast<uint32_t>(d);
          }
          out += static_cast<char16_t>(v);
          pos_ += 4;
          break;
        }
        default: Fail("Bad escaped character", pos_);
      }
      ++pos_;
      run = pos_;
    }
    if (out.size() == 1) return rt_.CharString(out[0]);
    return rt_.NewString(out);
  }

  // Property name (a string token), as a key; the interned name stays rooted in `keep`.
  PropertyKey ParseKey(RootedVector& keep) {
    String* s = ParseString();
    keep.push_back(Value::FromCell(s));
    PropertyKey key = rt_.KeyFor(s);
    if (key.cell()) keep.push_back(Value::FromCell(key.cell()));
    return key;
  }

  Value ParseObject(Node* node) {
    ++pos_;  // {
    Rooted<Object*> obj(rt_, rt_.NewObject());
    RootedVector keep(rt_);
    SkipWhitespace();
    if (Check('}')) return Value::FromCell(obj.get());
    SkipWhitespace();
    if (Peek() != Tok::kString) Unexpected("Expected property name or '}'");
    bool first = true;
    while (true) {
      PropertyKey key = ParseKey(keep);
      if (first) {
        Expect(':', "Expected ':' after property name");
      } else {
        Expect(':', nullptr);
      }
      std::unique_ptr<Node> child;
      Rooted<Value> v(rt_, ParseValue(node ? &child : nullptr));
      CreateDataProperty(rt_, obj, key, v);
      if (node) {
        if (key.cell()) keep_->push_back(Value::FromCell(key.cell()));
        bool replaced = false;
        for (auto& [k, n] : node->children) {
          if (k == key) {
            n = std::move(child);
            replaced = true;
          }
        }
        if (!replaced) node->children.emplace_back(key, std::move(child));
      }
      keep.values().clear();
      first = false;
      if (Check(',')) {
        SkipWhitespace();
        if (Peek() != Tok::kString) Unexpected("Expected double-quoted property name");
        continue;
      }
      Expect('}', "Expected ',' or '}' after property value");
      break;
    }
    return Value::FromCell(obj.get());
  }

  Value ParseArray(Node* node) {
    ++pos_;  // [
    Rooted<Array*> arr(rt_, rt_.NewArray(0));
    if (Check(']')) return Value::FromCell(arr.get());
    while (true) {
      std::unique_ptr<Node> child;
      Value v = ParseValue(node ? &child : nullptr);
      ArrayPush(rt_, arr, v);
      if (node) node->children.emplace_back(PropertyKey::Index(arr->length() - 1), std::move(child));
      if (Check(',')) continue;
      Expect(']', "Expected ',' or ']' after array element");
      break;
    }
    return Value::FromCell(arr.get());
  }

  Runtime& rt_;
  std::u16string_view s_;
  size_t pos_ = 0;
  RootedVector* keep_ = nullptr;
};

using ParseNode = JsonParser::Node;

// InternalizeJSONProperty(holder, name, reviver) with the parse record of
// the value (null when it no longer matches what was parsed).
Value Internalize(Runtime& rt, Object* holder_obj, PropertyKey name, Value reviver, const ParseNode* node) {
  rt.CheckNativeStack();
  Rooted<Object*> holder(rt, holder_obj);
  Rooted<Value> val(rt, GetProperty(rt, holder, name));
  if (node && !SameValue(node->value, val)) node = nullptr;
  Rooted<Object*> context(rt, rt.NewObject());
  if (node && node->primitive) {
    Rooted<Value> src(rt, StringValue(rt, node->source));
    CreateDataProperty(rt, context, rt.KeyForUtf8("source"), src);
  }
  auto child_node = [&](PropertyKey k) -> const ParseNode* {
    if (!node) return nullptr;
    for (const auto& [ck, cn] : node->children) {
      if (ck == k) return cn.get();
    }
    return nullptr;
  };
  if (val.get().IsObject()) {
    Rooted<Object*> obj(rt, val.get().AsObject());
    if (IsArrayThroughProxies(rt, Value::FromCell(obj.get()))) {
      uint64_t len = LengthOf(rt, obj);
      for (uint64_t i = 0; i < len; ++i) {
        PropertyKey k = IndexKey(rt, i);
        Value nv = Internalize(rt, obj, k, reviver, child_node(k));
        if (nv.IsUndefined()) DeleteProperty(rt, obj, k);
        else CreateDataProperty(rt, obj, k, nv);
      }
    } else {
      RootedKeys keys(rt, OwnPropertyKeys(rt, obj, kKeysStrings | kKeysEnumerableOnly));
      for (const PropertyKey& k : keys) {
        Value nv = Internalize(rt, obj, k, reviver, child_node(k));
        if (nv.IsUndefined()) DeleteProperty(rt, obj, k);
        else CreateDataProperty(rt, obj, k, nv);
      }
    }
  }
  Rooted<Value> key(rt, KeyToValue(rt, name));
  return Call(rt, reviver, Value::FromCell(holder.get()), {key.get(), val.get(), Value::FromCell(context.get())});
}

Value JsonParseMethod(Runtime& rt, CallArgs& args) {
  Rooted<String*> text(rt, ToString(rt, args[0]));
  if (!IsCallable(args[1])) return JsonParse(rt, text->view());
  RootedVector keep(rt);
  JsonParser parser(rt, text->view());
  parser.EnableRecording(&keep);
  Rooted<Value> result(rt, parser.ParseTop());
  Rooted<Object*> root(rt, rt.NewObject());
  CreateDataProperty(rt, root, PropertyKey::Named(rt.names().empty), result);
  return Internalize(rt, root, PropertyKey::Named(rt.names().empty), args[1], parser.root.get());
}

// JSON.rawJSON's objects: frozen null-prototype objects with [[IsRawJSON]].
class RawJsonObject final : public Object {
 public:
  RawJsonObject() : Object(CellKind::kObject, nullptr) {}
};

Value JsonRawJSON(Runtime& rt, CallArgs& args) {
  Rooted<String*> text(rt, ToString(rt, args[0]));
  std::u16string_view v = text->view();
  auto bad = [](char16_t c) { return c == 0x9 || c == 0xA || c == 0xD || c == 0x20; };
  if (v.empty() || bad(v.front()) || bad(v.back())) {
    rt.ThrowSyntaxError("Invalid value for JSON.rawJSON");
  }
  if (v.front() == '[' || v.front() == '{') rt.ThrowSyntaxError("Invalid value for JSON.rawJSON");
  JsonParse(rt, v);
  Rooted<Object*> obj(rt, rt.heap().New<RawJsonObject>());
  CreateDataProperty(rt, obj, rt.KeyForUtf8("rawJSON"), Value::FromCell(text.get()));
  SetIntegrityLevel(rt, obj, true);
  return Value::FromCell(obj.get());
}

Value JsonIsRawJSON(Runtime&, CallArgs& args) {
  return Value::Boolean(args[0].IsObject() && dynamic_cast<RawJsonObject*>(args[0].AsObject()) != nullptr);
}

// ---- stringify

class JsonSerializer {
 public:
  JsonSerializer(Runtime& rt) : rt_(rt), replacer_fn_(rt, Value::Undefined()), property_list_(rt), stack_(rt) {}

  // Sets up replacer and gap; returns false never (throws on errors).
  void Setup(Value replacer, Value space) {
    if (replacer.IsObject()) {
      if (IsCallable(replacer)) {
        replacer_fn_ = replacer;
      } else if (IsArrayThroughProxies(rt_, replacer)) {
        has_list_ = true;
        Rooted<Object*> list(rt_, replacer.AsObject());
        uint64_t len = LengthOf(rt_, list);
        for (uint64_t i = 0; i < len; ++i) {
          Value v = GetIndex(rt_, list, i);
          Rooted<Value> item(rt_, Value::Undefined());
          if (v.IsString()) {
            item = v;
          } else if (v.IsNumber()) {
            item = Value::FromCell(ToString(rt_, v));
          } else if (v.IsCellOfKind(CellKind::kPrimitiveWrapper)) {
            Value p = static_cast<PrimitiveWrapper*>(v.AsObject())->primitive();
            if (p.IsString() || p.IsNumber()) item = Value::FromCell(ToString(rt_, v));
          }
          if (item.get().IsUndefined()) continue;
          bool dup = false;
          for (Value e : property_list_.values()) {
            if (e.AsString()->view() == item.get().AsString()->view()) dup = true;
          }
          if (!dup) property_list_.push_back(item);
        }
      }
    }
    Rooted<Value> sp(rt_, space);
    if (sp.get().IsCellOfKind(CellKind::kPrimitiveWrapper)) {
      Value p = static_cast<PrimitiveWrapper*>(sp.get().AsObject())->primitive();
      if (p.IsNumber()) sp = Value::Number(ToNumber(rt_, sp));
      else if (p.IsString()) sp = Value::FromCell(ToString(rt_, sp));
    }
    if (sp.get().IsNumber()) {
      double n = std::min(10.0, ToIntegerOrInfinity(rt_, sp));
      if (n >= 1) gap_.assign(static_cast<size_t>(n), u' ');
    } else if (sp.get().IsString()) {
      gap_ = sp.get().AsString()->view().substr(0, 10);
    }
  }

  // SerializeJSONProperty; returns false when the result is undefined.
  bool SerializeProperty(Value holder, PropertyKey key, Value key_value) {
    Rooted<Value> h(rt_, holder);
    Rooted<Value> kv(rt_, key_value);
    Rooted<Value> value(rt_, GetProperty(rt_, h.get().AsObject(), key));
    return SerializeValue(h, kv, value);
  }

  bool SerializeValue(Value holder, Value key_value, Value initial) {
    Rooted<Value> h(rt_, holder);
    Rooted<Value> kv(rt_, key_value);
    Rooted<Value> value(rt_, initial);
    if (value.get().IsObject() || value.get().IsBigInt()) {
      Value to_json = GetValueProperty(rt_, value, PropertyKey::Named(rt_.names().toJSON));
      if (IsCallable(to_json)) {
        Rooted<Value> f(rt_, to_json);
        value = Call(rt_, f, value, {kv.get()});
      }
    }
    if (!replacer_fn_.get().IsUndefined()) {
      value = Call(rt_, replacer_fn_, h, {kv.get(), value.get()});
    }
    if (value.get().IsObject() && dynamic_cast<RawJsonObject*>(value.get().AsObject())) {
      Value raw = GetProperty(rt_, value.get().AsObject(), rt_.KeyForUtf8("rawJSON"));
      if (raw.IsString()) out_ += raw.AsString()->view();
      return true;
    }
    if (value.get().IsCellOfKind(CellKind::kPrimitiveWrapper)) {
      Value p = static_cast<PrimitiveWrapper*>(value.get().AsObject())->primitive();
      if (p.IsNumber()) value = Value::Number(ToNumber(rt_, value));
      else if (p.IsString()) value = Value::FromCell(ToString(rt_, value));
      else if (p.IsBoolean() || p.IsBigInt()) value = p;
    }
    Value v = value;
    if (v.IsNull()) {
      out_ += u"null";
      return true;
    }
    if (v.IsBoolean()) {
      out_ += v.IsTrue() ? u"true" : u"false";
      return true;
    }
    if (v.IsString()) {
      JsonQuote(v.AsString()->view(), out_);
      return true;
    }
    if (v.IsNumber()) {
      double d = v.AsNumber();
      if (std::isfinite(d)) {
        out_ += Utf8ToUtf16(NumberToStdString(d));
      } else {
        out_ += u"null";
      }
      return true;
    }
    if (v.IsBigInt()) rt_.ThrowTypeError("Do not know how to serialize a BigInt");
    if (v.IsObject() && !IsCallable(v)) {
      if (IsArrayThroughProxies(rt_, v)) SerializeArray(v.AsObject(), kv);
      else SerializeObject(v.AsObject(), kv);
      return true;
    }
    return false;
  }

  std::u16string& out() { return out_; }

 private:
  // Pushes obj on the stack, or throws V8's circular-structure TypeError.
  void Enter(Object* obj, Value key) {
    rt_.CheckNativeStack();
    auto& st = stack_.values();
    for (size_t i = 0; i < st.size(); i += 2) {
      if (st[i] == Value::FromCell(obj)) CircularError(i / 2, key);
    }
    st.push_back(Value::FromCell(obj));
    st.push_back(key);
  }
  void Leave() {
    stack_.values().pop_back();
    stack_.values().pop_back();
  }

  std::string ConstructorName(Object* obj) {
    PropertyKey ctor = PropertyKey::Named(rt_.names().constructor);
    for (Object* o = obj; o && o->kind() != CellKind::kProxy; o = o->proto()) {
      OwnProperty p;
      if (GetOwnProperty(rt_, o, ctor, &p)) {
        if (!(p.attrs & kAttrAccessor) && p.value.IsObject() && IsCallable(p.value)) {
          std::u16string n = FunctionName(rt_, p.value.AsObject());
          if (!n.empty()) return Utf16ToUtf8(n);
        }
        break;
      }
    }
    return "Object";
  }

  std::string DescribeKey(Value key) {
    if (key.IsNumber()) return "index " + NumberToStdString(key.AsNumber());
    if (key.IsString()) {
      uint32_t idx;
      if (key.AsString()->AsArrayIndex(&idx)) return "index " + std::to_string(idx);
      return "property '" + key.AsString()->ToUtf8() + "'";
    }
    return "property ''";
  }

  [[noreturn]] void CircularError(size_t start, Value closing_key) {
    auto& st = stack_.values();
    size_t depth = st.size() / 2;
    std::string msg = "Converting circular structure to JSON\n    --> starting at object with constructor '" +
                      ConstructorName(st[2 * start].AsObject()) + "'";
    std::vector<std::string> lines;
    for (size_t i = start + 1; i < depth; ++i) {
      lines.push_back("\n    |     " + DescribeKey(st[2 * i + 1]) + " -> object with constructor '" +
                      ConstructorName(st[2 * i].AsObject()) + "'");
    }
    constexpr size_t kPrefix = 2, kPostfix = 1;
    if (lines.size() > kPrefix + kPostfix) {
      for (size_t i = 0; i < kPrefix; ++i) msg += lines[i];
      msg += "\n    |     ...";
      for (size_t i = lines.size() - kPostfix; i < lines.size(); ++i) msg += lines[i];
    } else {
      for (const std::string& l : lines) msg += l;
    }
    msg += "\n    --- " + DescribeKey(closing_key) + " closes the circle";
    rt_.ThrowTypeError(msg);
  }

  void SerializeObject(Object* object, Value key) {
    Rooted<Object*> obj(rt_, object);
    Enter(obj, key);
    std::u16string stepback = indent_;
    indent_ += gap_;
    bool any = false;
    out_ += u'{';
    auto emit_key = [&](Value k) {
      out_ += any ? u"," : u"";
      if (!gap_.empty()) {
        out_ += u'\n';
        out_ += indent_;
      }
      JsonQuote(k.AsString()->view(), out_);
      out_ += gap_.empty() ? u":" : u": ";
    };
    auto handle = [&](PropertyKey k, Value kval) {
      size_t mark = out_.size();
      Rooted<Value> kv(rt_, kval);
      emit_key(kv);
      if (SerializeProperty(Value::FromCell(obj.get()), k, kv)) {
        any = true;
      } else {
        out_.resize(mark);
      }
    };
    if (has_list_) {
      RootedVector list(rt_);
      list.values() = property_list_.values();
      for (Value k : list.values()) handle(rt_.KeyFor(k.AsString()), k);
    } else {
      // EnumerableOwnProperties first: later deletions do not skip keys.
      RootedKeys all(rt_, OwnPropertyKeys(rt_, obj, kKeysStrings));
      std::vector<PropertyKey> enumerable;
      for (const PropertyKey& k : all) {
        OwnProperty p;
        if (GetOwnProperty(rt_, obj, k, &p) && (p.attrs & kAttrEnumerable)) enumerable.push_back(k);
      }
      for (const PropertyKey& k : enumerable) handle(k, KeyToValue(rt_, k));
    }
    if (any && !gap_.empty()) {
      out_ += u'\n';
      out_ += stepback;
    }
    out_ += u'}';
    indent_ = stepback;
    Leave();
  }

  void SerializeArray(Object* array, Value key) {
    Rooted<Object*> arr(rt_, array);
    Enter(arr, key);
    std::u16string stepback = indent_;
    indent_ += gap_;
    uint64_t len = LengthOf(rt_, arr);
    out_ += u'[';
    for (uint64_t i = 0; i < len; ++i) {
      if (i) out_ += u',';
      if (!gap_.empty()) {
        out_ += u'\n';
        out_ += indent_;
      }
      Rooted<Value> kv(rt_, Value::Number(static_cast<double>(i)));
      Rooted<Value> element(rt_, GetIndex(rt_, arr, i));
      if (!SerializeValue(Value::FromCell(arr.get()), Value::Undefined(), element, kv)) out_ += u"null";
      if (out_.size() > (1u << 29)) rt_.ThrowRangeError("Invalid string length");
    }
    if (len && !gap_.empty()) {
      out_ += u'\n';
      out_ += stepback;
    }
    out_ += u']';
    indent_ = stepback;
    Leave();
  }

  // Array elements: the key is the index as a string, created lazily.
  bool SerializeValue(Value holder, Value, Value element, Value index) {
    Rooted<Value> key(rt_, Value::FromCell(ToString(rt_, index)));
    return SerializeValue(holder, key, element);
  }

  Runtime& rt_;
  Rooted<Value> replacer_fn_;
  bool has_list_ = false;
  RootedVector property_list_;
  RootedVector stack_;  // pairs: object, key that reached it
  std::u16string gap_;
  std::u16string indent_;
  std::u16string out_;
};

Value JsonStringifyMethod(Runtime& rt, CallArgs& args) { return JsonStringify(rt, args[0], args[1], args[2]); }

}  // namespace

Value JsonParse(Runtime& rt, std::u16string_view text) { return JsonParser(rt, text).ParseTop(); }

void JsonQuote(std::u16string_view s, std::u16string& out) {
  static const char16_t kHex[] = u"0123456789abcdef";
  out += u'"';
  for (size_t i = 0; i < s.size(); ++i) {
    char16_t c = s[i];
    switch (c) {
      case '"': out += u"\\\""; continue;
      case '\\': out += u"\\\\"; continue;
      case '\b': out += u"\\b"; continue;
      case '\f': out += u"\\f"; continue;
      case '\n': out += u"\\n"; continue;
      case '\r': out += u"\\r"; continue;
      case '\t': out += u"\\t"; continue;
      default: break;
    }
    bool lone = false;
    if (IsHighSurrogate(c)) {
      if (i + 1 < s.size() && IsLowSurrogate(s[i + 1])) {
        out += c;
        out += s[++i];
        continue;
      }
      lone = true;
    } else if (IsLowSurrogate(c)) {
      lone = true;
    }
    if (c < 0x20 || lone) {
      out += u"\\u";
      out += kHex[(c >> 12) & 15];
      out += kHex[(c >> 8) & 15];
      out += kHex[(c >> 4) & 15];
      out += kHex[c & 15];
    } else {
      out += c;
    }
  }
  out += u'"';
}

Value JsonStringify(Runtime& rt, Value value, Value replacer, Value space) {
  Rooted<Value> v(rt, value);
  JsonSerializer ser(rt);
  ser.Setup(replacer, space);
  Rooted<Object*> wrapper(rt, rt.NewObject());
  CreateDataProperty(rt, wrapper, PropertyKey::Named(rt.names().empty), v);
  if (!ser.SerializeValue(Value::FromCell(wrapper.get()), Value::FromCell(rt.names().empty), v)) {
    return Value::Undefined();
  }
  return StringValue(rt, ser.out());
}

void InstallJsonBuiltins(Runtime& rt) {
  Rooted<Object*> json(rt, rt.NewObject());
  DefineValue(rt, rt.global(), "JSON", Value::FromCell(json.get()));
  DefineMethod(rt, json, "parse", JsonParseMethod, 2);
  DefineMethod(rt, json, "stringify", JsonStringifyMethod, 3);
  DefineMethod(rt, json, "rawJSON", JsonRawJSON, 1);
  DefineMethod(rt, json, "isRawJSON", JsonIsRawJSON, 1);
  Rooted<Value> tag(rt, StringValueUtf8(rt, "JSON"));
  DefineRaw(rt, json, PropertyKey::Named(rt.symbols().to_string_tag), tag, kAttrConfigurable);
}

}  // namespace jsvm
