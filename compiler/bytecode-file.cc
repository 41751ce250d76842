#include "compiler/bytecode-file.h"

#include <algorithm>
#include <cstring>
#include <map>
#include <unordered_map>

#include "compiler/bytecode-generator.h"
#include "vm/interpreter/bytecode-verifier.h"
#include "vm/objects/bigint.h"
#include "vm/objects/object-ops.h"
#include "vm/objects/object.h"
#include "vm/objects/string.h"

namespace jsvm {

namespace {

// Tags of constant-pool entries (docs/bytecode-file.md).
enum class ConstantTag : uint8_t {
  kSmi = 0, kDouble = 1, kString = 2, kFunction = 3, kScopeInfo = 4, kArray = 5, kTemplateObject = 6,
  kUndefined = 7, kNull = 8, kTrue = 9, kFalse = 10, kHole = 11, kBigInt = 12,
};

// Function header flags.
constexpr uint8_t kFlagStrict = 1, kFlagExpression = 2, kFlagSimpleParams = 4, kFlagGenerator = 8, kFlagAsync = 16;

// Little-endian byte output.
class Writer {
 public:
  void U8(uint8_t v) { out_.push_back(v); }
  void U16(uint16_t v) { Raw(&v, 2); }
  void U32(uint32_t v) { Raw(&v, 4); }
  void I32(int32_t v) { Raw(&v, 4); }
  void U64(uint64_t v) { Raw(&v, 8); }
  void Raw(const void* p, size_t n) {
    auto* b = static_cast<const uint8_t*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  std::vector<uint8_t>& bytes() { return out_; }

 private:
  std::vector<uint8_t> out_;
};

// Numbers strings, scope infos and functions in order of first use, which
// makes the output depend only on the compiled code.
class ScriptWriter {
 public:
  ScriptWriter(Runtime& rt, bool strip) : rt_(rt), strip_(strip) {}

  std::vector<uint8_t> Write(const FunctionInfo* top) {
    Number(top);
    Writer functions;
    functions.U32(0);  // patched below: the count grows while writing
    for (size_t i = 0; i < function_order_.size(); ++i) WriteFunction(functions, function_order_[i]);
    uint32_t count = static_cast<uint32_t>(function_order_.size());
    std::memcpy(functions.bytes().data(), &count, 4);

    Writer script;
    const Script* s = top->script;
    script.U32(StringIndex(s ? s->file() : std::string()));
    script.U8(!strip_ && s);
    if (!strip_ && s) script.U32(StringIndex(std::u16string(s->source())));

    Writer payload;
    payload.U32(static_cast<uint32_t>(strings_.size()));
    for (const std::u16string& str : strings_) {
      payload.U32(static_cast<uint32_t>(str.size()));
      for (char16_t c : str) payload.U16(static_cast<uint16_t>(c));
    }
    Append(payload, script);
    payload.U32(static_cast<uint32_t>(scope_order_.size()));
    Append(payload, scopes_);
    Append(payload, functions);

    Writer file;
    file.Raw(kBytecodeFileMagic, sizeof(kBytecodeFileMagic));
    file.U32(kBytecodeFileFormatVersion);
    size_t version_len = std::strlen(kBytecodeFileJsvmVersion);
    file.U32(static_cast<uint32_t>(version_len));
    file.Raw(kBytecodeFileJsvmVersion, version_len);
    file.U32(strip_ ? kBytecodeFileStripped : 0);
    file.U64(payload.bytes().size());
    file.U64(Fnv1a64(payload.bytes().data(), payload.bytes().size()));
    Append(file, payload);
    return std::move(file.bytes());
  }

 private:
  Runtime& rt_;
  bool strip_;
  std::vector<std::u16string> strings_;
  std::unordered_map<std::u16string, uint32_t> string_index_;
  std::map<const ScopeInfo*, uint32_t> scope_index_;
  std::vector<const ScopeInfo*> scope_order_;
  Writer scopes_;
  std::map<const FunctionInfo*, uint32_t> function_index_;
  std::vector<const FunctionInfo*> function_order_;

  static void Append(Writer& to, Writer& from) { to.Raw(from.bytes().data(), from.bytes().size()); }

  uint32_t StringIndex(const std::u16string& s) {
    auto [it, added] = string_index_.emplace(s, static_cast<uint32_t>(strings_.size()));
    if (added) strings_.push_back(s);
    return it->second;
  }
  uint32_t StringIndex(const std::string& utf8) {
    return StringIndex(std::u16string(utf8.begin(), utf8.end()));  // file names: written as given, byte per unit
  }
  // 0 for none, else index + 1.
  uint32_t OptionalString(const String* s) { return s ? StringIndex(std::u16string(s->view())) + 1 : 0; }

  uint32_t Number(const FunctionInfo* f) {
    auto [it, added] = function_index_.emplace(f, static_cast<uint32_t>(function_order_.size()));
    if (added) function_order_.push_back(f);
    return it->second;
  }

  uint32_t ScopeIndex(const ScopeInfo* si) {
    auto it = scope_index_.find(si);
    if (it != scope_index_.end()) return it->second;
    uint32_t index = static_cast<uint32_t>(scope_order_.size());
    scope_index_.emplace(si, index);
    scope_order_.push_back(si);
    scopes_.U8(static_cast<uint8_t>(si->type()));
    scopes_.U8(si->has_extension() ? 1 : 0);
    scopes_.U32(OptionalString(si->function_name()));
    scopes_.U32(si->slot_count());
    for (uint32_t i = 0; i < si->slot_count(); ++i) {
      scopes_.U32(OptionalString(si->name(i)));
      scopes_.U8(static_cast<uint8_t>(si->mode(i)));
    }
    return index;
  }

  bool IsTemplateObject(Array* a) {
    OwnProperty p;
    return GetOwnProperty(rt_, a, PropertyKey::Named(rt_.names().raw), &p) && p.value.IsCellOfKind(CellKind::kArray);
  }

  void WriteValue(Writer& w, Value v) {
    if (v.IsInt()) { w.U8(static_cast<uint8_t>(ConstantTag::kSmi)); w.I32(v.AsInt()); return; }
    if (v.IsDouble()) { w.U8(static_cast<uint8_t>(ConstantTag::kDouble)); w.U64(v.bits()); return; }
    if (v.IsUndefined()) { w.U8(static_cast<uint8_t>(ConstantTag::kUndefined)); return; }
    if (v.IsNull()) { w.U8(static_cast<uint8_t>(ConstantTag::kNull)); return; }
    if (v.IsTrue()) { w.U8(static_cast<uint8_t>(ConstantTag::kTrue)); return; }
    if (v.IsFalse()) { w.U8(static_cast<uint8_t>(ConstantTag::kFalse)); return; }
    if (v.IsHole()) { w.U8(static_cast<uint8_t>(ConstantTag::kHole)); return; }
    if (!v.IsCell()) throw std::logic_error("bytecode file: unsupported constant");
    Cell* c = v.AsCell();
    switch (c->kind()) {
      case CellKind::kString:
        w.U8(static_cast<uint8_t>(ConstantTag::kString));
        w.U32(StringIndex(std::u16string(static_cast<String*>(c)->view())));
        return;
      case CellKind::kFunctionInfo:
        w.U8(static_cast<uint8_t>(ConstantTag::kFunction));
        w.U32(Number(static_cast<FunctionInfo*>(c)));
        return;
      case CellKind::kScopeInfo:
        w.U8(static_cast<uint8_t>(ConstantTag::kScopeInfo));
        w.U32(ScopeIndex(static_cast<ScopeInfo*>(c)));
        return;
      case CellKind::kBigInt: {
        auto* b = static_cast<BigInt*>(c);
        w.U8(static_cast<uint8_t>(ConstantTag::kBigInt));
        w.U8(b->negative() ? 1 : 0);
        w.U32(b->length());
        for (uint32_t i = 0; i < b->length(); ++i) w.U64(b->digits()[i]);
        return;
      }
      case CellKind::kArray: {
        auto* a = static_cast<Array*>(c);
        bool is_template = IsTemplateObject(a);
        w.U8(static_cast<uint8_t>(is_template ? ConstantTag::kTemplateObject : ConstantTag::kArray));
        w.U32(static_cast<uint32_t>(a->length()));
        WriteElements(w, a);
        if (is_template) {
          OwnProperty raw;
          GetOwnProperty(rt_, a, PropertyKey::Named(rt_.names().raw), &raw);
          auto* r = static_cast<Array*>(raw.value.AsCell());
          if (r->length() != a->length()) throw std::logic_error("bytecode file: bad template object");
          WriteElements(w, r);
        }
        return;
      }
      default:
        throw std::logic_error(std::string("bytecode file: unsupported constant ") + CellKindName(c->kind()));
    }
  }

  // The elements of an array constant, whatever its storage: a template
  // object is frozen, and frozen arrays keep their elements with attributes,
  // not in dense storage (writing only the dense part lost every template
  // string: `tag\`a\`` saw undefined when run from a bytecode file).
  void WriteElements(Writer& w, Array* a) {
    for (uint32_t i = 0; i < a->length(); ++i) {
      OwnProperty e;
      WriteElement(w, GetOwnProperty(rt_, a, PropertyKey::Index(i), &e) ? e.value : Value::Hole());
    }
  }

  void WriteElement(Writer& w, Value e) {
    if (e.IsCellOfKind(CellKind::kArray)) throw std::logic_error("bytecode file: nested array constant");
    WriteValue(w, e);
  }

  void WriteFunction(Writer& w, const FunctionInfo* f) {
    w.U32(OptionalString(f->name));
    w.U32(OptionalString(f->debug_name));
    w.U8(static_cast<uint8_t>(f->flavor));
    w.U8((f->strict ? kFlagStrict : 0) | (f->is_expression ? kFlagExpression : 0) |
         (f->has_simple_params ? kFlagSimpleParams : 0) | (f->is_generator() ? kFlagGenerator : 0) |
         (f->is_async() ? kFlagAsync : 0));
    w.U16(f->param_count);
    w.U16(f->length);
    w.U32(f->register_count);
    w.U32(f->feedback_slot_count);
    w.U32(f->function_id);
    w.U32(f->source_start);
    w.U32(f->source_end);
    w.U32(f->scope_info ? ScopeIndex(f->scope_info) + 1 : 0);
    w.U32(static_cast<uint32_t>(f->parameter_context_slots.size()));
    for (int32_t s : f->parameter_context_slots) w.I32(s);
    // What a generator's saved values are called (leak reports, snapshots).
    w.U32(static_cast<uint32_t>(f->saved_names.size()));
    for (const String* n : f->saved_names) w.U32(OptionalString(n));
    w.U32(static_cast<uint32_t>(f->bytecode.size()));
    w.Raw(f->bytecode.data(), f->bytecode.size());
    w.U32(static_cast<uint32_t>(f->constants.size()));
    for (Value c : f->constants) WriteValue(w, c);
    w.U32(static_cast<uint32_t>(f->handlers.size()));
    for (const HandlerEntry& h : f->handlers) {
      w.U32(h.start);
      w.U32(h.end);
      w.U32(h.handler);
      w.I32(h.context_register);
    }
    const size_t positions = strip_ ? 0 : f->positions.size();
    w.U32(static_cast<uint32_t>(positions));
    for (size_t i = 0; i < positions; ++i) {
      w.U32(f->positions[i].bytecode_offset);
      w.U32(f->positions[i].source_offset);
      w.U8(f->positions[i].is_statement);
    }
    w.U32(static_cast<uint32_t>(f->call_sites.sites().size()));
    for (const CallSite& c : f->call_sites.sites()) {
      w.U32(c.bytecode_offset);
      w.U8(static_cast<uint8_t>(c.kind));
      w.U32(StringIndex(std::u16string(f->call_sites.Text(c))));
      w.U32(StringIndex(std::u16string(f->call_sites.Property(c))));
    }
  }
};

// Thrown by the loader, caught in LoadScript.
struct LoadFailure {
  LoadErrorKind kind;
  std::string message;
};

[[noreturn]] void Malformed(const std::string& why) { throw LoadFailure{LoadErrorKind::kFormat, why}; }

// Bounds-checked little-endian input: every read fails cleanly past the end.
class Reader {
 public:
  Reader(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  size_t remaining() const { return size_ - pos_; }
  size_t pos() const { return pos_; }
  const uint8_t* Take(size_t n) {
    if (n > remaining()) Malformed("truncated at byte " + std::to_string(pos_));
    const uint8_t* p = data_ + pos_;
    pos_ += n;
    return p;
  }
  uint8_t U8() { return *Take(1); }
  uint16_t U16() { return ReadU16(Take(2)); }
  uint32_t U32() { return ReadU32(Take(4)); }
  int32_t I32() { return ReadI32(Take(4)); }
  uint64_t U64() { uint64_t v; std::memcpy(&v, Take(8), 8); return v; }
  // A count of items of at least `item_size` bytes each, checked against the
  // bytes left before anything is allocated for them.
  uint32_t Count(size_t item_size, const char* what) {
    uint32_t n = U32();
    if (item_size > 0 && n > remaining() / item_size) {
      Malformed(std::string(what) + " count " + std::to_string(n) + " exceeds the file");
    }
    return n;
  }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

class ScriptReader {
 public:
  ScriptReader(Runtime& rt, Reader& in) : rt_(rt), in_(in) {}

  FunctionInfo* Read(bool stripped) {
    uint32_t string_count = in_.Count(4, "string");
    for (uint32_t i = 0; i < string_count; ++i) {
      uint32_t len = in_.Count(2, "string length");
      const uint8_t* p = in_.Take(size_t{len} * 2);
      std::u16string s(len, u'\0');
      for (uint32_t k = 0; k < len; ++k) s[k] = static_cast<char16_t>(ReadU16(p + 2 * k));
      strings_.push_back(std::move(s));
    }
    const std::u16string& file16 = StringAt(in_.U32());
    std::string file;
    for (char16_t c : file16) file += static_cast<char>(c);
    bool has_source = in_.U8() != 0;
    if (has_source && stripped) Malformed("stripped file with source text");
    std::u16string source = has_source ? StringAt(in_.U32()) : std::u16string();
    script_ = rt_.heap().New<Script>(file, source);
    rt_.AddPermanentRoot(Value::FromCell(script_));
    source_size_ = has_source ? source.size() : 0;

    uint32_t scope_count = in_.Count(9, "scope info");
    for (uint32_t i = 0; i < scope_count; ++i) ReadScopeInfo();

    uint32_t function_count = in_.Count(48, "function");
    if (function_count == 0) Malformed("no functions");
    for (uint32_t i = 0; i < function_count; ++i) {
      FunctionInfo* f = rt_.heap().New<FunctionInfo>();
      rt_.AddPermanentRoot(Value::FromCell(f));
      functions_.push_back(f);
    }
    for (uint32_t i = 0; i < function_count; ++i) ReadFunction(functions_[i], i == 0);
    if (in_.remaining() != 0) Malformed("trailing bytes after the last function");
    return functions_[0];
  }

 private:
  Runtime& rt_;
  Reader& in_;
  std::vector<std::u16string> strings_;
  std::vector<ScopeInfo*> scopes_;
  std::vector<FunctionInfo*> functions_;
  Script* script_ = nullptr;
  size_t source_size_ = 0;

  const std::u16string& StringAt(uint32_t i) {
    if (i >= strings_.size()) Malformed("string index " + std::to_string(i) + " out of range");
    return strings_[i];
  }
  String* InternedAt(uint32_t i) { return rt_.Intern(StringAt(i)); }
  String* OptionalString() {
    uint32_t i = in_.U32();
    return i == 0 ? nullptr : InternedAt(i - 1);
  }
  template <class E>
  E Enum(E last, const char* what) {
    uint8_t v = in_.U8();
    if (v > static_cast<uint8_t>(last)) Malformed(std::string("bad ") + what + " " + std::to_string(v));
    return static_cast<E>(v);
  }

  void ReadScopeInfo() {
    auto type = Enum(ScopeType::kEval, "scope type");
    ScopeInfo* si = rt_.heap().New<ScopeInfo>(type);
    rt_.AddPermanentRoot(Value::FromCell(si));
    uint8_t flags = in_.U8();
    if (flags > 1) Malformed("unknown scope flags");
    si->set_has_extension(flags == 1);
    si->set_function_name(OptionalString());
    uint32_t slots = in_.Count(5, "scope slot");
    for (uint32_t i = 0; i < slots; ++i) {
      String* name = OptionalString();
      if (!name) Malformed("scope slot without a name");
      si->AddSlot(name, Enum(VariableMode::kInternal, "variable mode"));
    }
    scopes_.push_back(si);
  }

  Value ReadValue(bool in_array) {
    auto tag = Enum(ConstantTag::kBigInt, "constant tag");
    switch (tag) {
      case ConstantTag::kSmi: return Value::Int(in_.I32());
      case ConstantTag::kDouble: {
        uint64_t bits = in_.U64();
        double d;
        std::memcpy(&d, &bits, 8);
        return Value::Double(d);
      }
      case ConstantTag::kString: return Value::FromCell(InternedAt(in_.U32()));
      case ConstantTag::kFunction: {
        uint32_t i = in_.U32();
        if (i == 0 || i >= functions_.size()) Malformed("function index " + std::to_string(i) + " out of range");
        return Value::FromCell(functions_[i]);
      }
      case ConstantTag::kScopeInfo: {
        uint32_t i = in_.U32();
        if (in_array || i >= scopes_.size()) Malformed("scope info index " + std::to_string(i) + " out of range");
        return Value::FromCell(scopes_[i]);
      }
      case ConstantTag::kArray:
      case ConstantTag::kTemplateObject: {
        if (in_array) Malformed("nested array constant");
        uint32_t n = in_.Count(1, "array element");
        std::vector<Value> elements;
        for (uint32_t i = 0; i < n; ++i) elements.push_back(ReadValue(true));
        if (tag == ConstantTag::kArray) {
          Array* a = rt_.NewArrayFrom(elements);
          rt_.AddPermanentRoot(Value::FromCell(a));
          return Value::FromCell(a);
        }
        std::vector<Value> raw;
        for (uint32_t i = 0; i < n; ++i) raw.push_back(ReadValue(true));
        return Value::FromCell(NewTemplateObject(rt_, elements, raw));
      }
      case ConstantTag::kUndefined: return Value::Undefined();
      case ConstantTag::kNull: return Value::Null();
      case ConstantTag::kTrue: return Value::True();
      case ConstantTag::kFalse: return Value::False();
      case ConstantTag::kHole: return Value::Hole();
      case ConstantTag::kBigInt: {
        uint8_t negative = in_.U8();
        uint32_t n = in_.Count(8, "bigint digit");
        if (negative > 1 || (negative && n == 0)) Malformed("bad bigint sign");
        BigInt* b = rt_.heap().NewWithExtra<BigInt>(n * sizeof(BigInt::Digit), negative == 1, n);
        for (uint32_t i = 0; i < n; ++i) b->mutable_digits()[i] = in_.U64();
        if (n > 0 && b->digits()[n - 1] == 0) Malformed("bigint with a leading zero digit");
        return Value::FromCell(b);
      }
    }
    Malformed("bad constant tag");
  }

  void ReadFunction(FunctionInfo* f, bool top) {
    f->script = script_;
    f->name = OptionalString();
    f->debug_name = OptionalString();
    f->flavor = Enum(FunctionFlavor::kTopLevel, "function kind");
    if (top != (f->flavor == FunctionFlavor::kTopLevel)) Malformed("only the first function is the top level");
    uint8_t flags = in_.U8();
    if (flags & ~(kFlagStrict | kFlagExpression | kFlagSimpleParams | kFlagGenerator | kFlagAsync)) {
      Malformed("bad function flags");
    }
    f->strict = flags & kFlagStrict;
    f->resumable = ResumableKindOf((flags & kFlagGenerator) != 0, (flags & kFlagAsync) != 0);
    if (f->resumable != ResumableKind::kNone && f->flavor != FunctionFlavor::kNormal &&
        f->flavor != FunctionFlavor::kMethod && f->flavor != FunctionFlavor::kArrow) {
      Malformed("a generator or async function of a kind that cannot be one");
    }
    f->is_expression = flags & kFlagExpression;
    f->has_simple_params = flags & kFlagSimpleParams;
    f->param_count = in_.U16();
    f->length = in_.U16();
    f->register_count = in_.U32();
    // r0 holds a generator's object.
    if (f->resumable != ResumableKind::kNone && f->register_count == 0) Malformed("a generator without registers");
    f->feedback_slot_count = in_.U32();
    f->function_id = in_.U32();
    f->source_start = in_.U32();
    f->source_end = in_.U32();
    if (f->source_start > f->source_end || f->source_end > source_size_) {
      if (source_size_ != 0) Malformed("function source range outside the source");
    }
    uint32_t scope = in_.U32();
    if (scope > scopes_.size()) Malformed("scope info index out of range");
    f->scope_info = scope ? scopes_[scope - 1] : nullptr;
    if (top && f->scope_info && f->scope_info->type() != ScopeType::kScript) Malformed("top level with a non-script scope");
    uint32_t param_slots = in_.Count(4, "parameter slot");
    for (uint32_t i = 0; i < param_slots; ++i) f->parameter_context_slots.push_back(in_.I32());
    uint32_t saved_names = in_.Count(4, "saved value name");
    if (saved_names > 0 && f->resumable == ResumableKind::kNone) Malformed("saved value names for a function that is not a generator");
    for (uint32_t i = 0; i < saved_names; ++i) f->saved_names.push_back(OptionalString());
    uint32_t code_size = in_.Count(1, "bytecode byte");
    const uint8_t* code = in_.Take(code_size);
    f->bytecode.assign(code, code + code_size);
    uint32_t constants = in_.Count(1, "constant");
    for (uint32_t i = 0; i < constants; ++i) f->constants.push_back(ReadValue(false));
    uint32_t handlers = in_.Count(16, "handler");
    for (uint32_t i = 0; i < handlers; ++i) {
      HandlerEntry h;
      h.start = in_.U32();
      h.end = in_.U32();
      h.handler = in_.U32();
      h.context_register = in_.I32();
      f->handlers.push_back(h);
    }
    uint32_t positions = in_.Count(9, "source position");
    for (uint32_t i = 0; i < positions; ++i) {
      SourcePosition p;
      p.bytecode_offset = in_.U32();
      p.source_offset = in_.U32();
      p.is_statement = in_.U8() != 0;
      if (p.source_offset > source_size_ || p.bytecode_offset > code_size) Malformed("source position out of range");
      if (!f->positions.empty() && p.bytecode_offset < f->positions.back().bytecode_offset) {
        Malformed("source positions out of order");
      }
      f->positions.push_back(p);
    }
    uint32_t call_sites = in_.Count(13, "call site");
    for (uint32_t i = 0; i < call_sites; ++i) {
      uint32_t offset = in_.U32();
      CallSiteKind kind = Enum(kLastCallSiteKind, "call site kind");
      const std::u16string& text = StringAt(in_.U32());
      const std::u16string& property = StringAt(in_.U32());
      if (offset >= code_size) Malformed("call site out of range");
      const auto& sites = f->call_sites.sites();
      if (!sites.empty() && offset <= sites.back().bytecode_offset) Malformed("call sites out of order");
      f->call_sites.Add(offset, kind, text, property);
    }
  }
};

}  // namespace

uint64_t Fnv1a64(const uint8_t* data, size_t size) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (size_t i = 0; i < size; ++i) {
    h ^= data[i];
    h *= 0x100000001b3ull;
  }
  return h;
}

std::vector<uint8_t> SerializeScript(Runtime& rt, const FunctionInfo* top, SerializeOptions options) {
  return ScriptWriter(rt, options.strip).Write(top);
}

bool IsBytecodeFile(const std::string& bytes) {
  return !bytes.empty() &&
         std::memcmp(bytes.data(), kBytecodeFileMagic, std::min(bytes.size(), sizeof(kBytecodeFileMagic))) == 0;
}

LoadResult LoadScript(Runtime& rt, const std::vector<uint8_t>& bytes) {
  LoadResult result;
  try {
    Reader header(bytes.data(), bytes.size());
    // A file that ends inside the header says so, not a version mismatch.
    auto need = [&](size_t n) {
      if (header.remaining() < n) {
        throw LoadFailure{LoadErrorKind::kTruncated, "truncated bytecode file: " + std::to_string(bytes.size()) +
                                                         " bytes, cut inside the header"};
      }
    };
    need(sizeof(kBytecodeFileMagic));
    if (std::memcmp(header.Take(sizeof(kBytecodeFileMagic)), kBytecodeFileMagic, sizeof(kBytecodeFileMagic)) != 0) {
      Malformed("not a bytecode file");
    }
    need(8);
    uint32_t format = header.U32();
    uint32_t version_len = header.U32();
    std::string version;
    if (version_len <= 64) {
      need(version_len);
      const uint8_t* v = header.Take(version_len);
      version.assign(reinterpret_cast<const char*>(v), version_len);
    }
    if (format != kBytecodeFileFormatVersion || version != kBytecodeFileJsvmVersion) {
      throw LoadFailure{LoadErrorKind::kVersion,
                        "bytecode file format " + std::to_string(format) + " (" +
                            (version.empty() ? std::string("unknown jsvm") : version) + "); this jsvm reads format " +
                            std::to_string(kBytecodeFileFormatVersion) + " (" + kBytecodeFileJsvmVersion +
                            "): recompile the script"};
    }
    need(20);
    uint32_t flags = header.U32();
    if (flags & ~kBytecodeFileStripped) Malformed("unknown header flags");
    uint64_t payload_size = header.U64();
    uint64_t checksum = header.U64();
    if (payload_size > header.remaining()) {
      throw LoadFailure{LoadErrorKind::kTruncated, "truncated bytecode file: the header says " +
                                                       std::to_string(payload_size) + " payload bytes, the file has " +
                                                       std::to_string(header.remaining())};
    }
    if (payload_size != header.remaining()) {
      throw LoadFailure{LoadErrorKind::kChecksum, "bytecode file size mismatch: the header says " +
                                                      std::to_string(payload_size) + " payload bytes, the file has " +
                                                      std::to_string(header.remaining())};
    }
    const uint8_t* payload = header.Take(payload_size);
    if (Fnv1a64(payload, payload_size) != checksum) {
      throw LoadFailure{LoadErrorKind::kChecksum, "bytecode file checksum mismatch: the file is corrupt"};
    }
    Reader in(payload, payload_size);
    NoGcScope no_gc(rt.heap());
    FunctionInfo* top = ScriptReader(rt, in).Read((flags & kBytecodeFileStripped) != 0);
    VerifyError error;
    if (!VerifyScript(top, &error)) throw LoadFailure{LoadErrorKind::kVerifier, FormatVerifyError(error)};
    result.top = top;
  } catch (const LoadFailure& f) {
    result.error_kind = f.kind;
    result.error = f.kind == LoadErrorKind::kFormat   ? "invalid bytecode file: " + f.message
                   : f.kind == LoadErrorKind::kVerifier ? "invalid bytecode: " + f.message
                                                        : f.message;
  }
  return result;
}

}  // namespace jsvm
