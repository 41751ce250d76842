// RegExp instances: an ordinary object (its own `lastIndex` is a normal
// data property) with [[OriginalSource]], [[OriginalFlags]] and the compiled
// program, which RegExp objects made from one literal site or one cached
// (source, flags) pair share.
#pragma once

#include <memory>

#include "vm/objects/object.h"
#include "vm/regexp/regexp.h"

namespace jsvm {

class RegExpObject final : public Object {
 public:
  explicit RegExpObject(Object* proto) : Object(CellKind::kRegExp, proto) {}

  // [[OriginalSource]] (a String), or undefined before RegExpInitialize.
  Value source() const { return source_; }
  uint16_t flags() const { return program_ ? program_->flags : 0; }
  const RegExpProgram* program() const { return program_.get(); }
  void Initialize(Value source, std::shared_ptr<const RegExpProgram> program) {
    NoteCellWrite(this);
    source_ = source;
    program_ = std::move(program);
  }

  void Trace(Visitor& v) const override {
    Object::Trace(v);
    TraceValue(v, source_, EdgeType::kInternal, EdgeName::Str("source"));
  }
  size_t OwnedBytes() const override {
    return Object::OwnedBytes() + (sizeof(RegExpObject) - sizeof(Object));
  }
  std::string SnapshotName() const override { return "RegExp"; }

 private:
  Value source_;
  std::shared_ptr<const RegExpProgram> program_;
};

}  // namespace jsvm
