#include "tools/json-writer.h"

#include <charconv>
#include <cmath>

namespace jsvm {

void JsonWriter::Int(int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  buffer_.append(buf, r.ptr);
  MaybeFlush();
}

void JsonWriter::UInt(uint64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof(buf), v);
  buffer_.append(buf, r.ptr);
  MaybeFlush();
}

void JsonWriter::Double(double v) {
  if (!std::isfinite(v)) {
    buffer_.append("null");
  } else {
    char buf[32];
    auto r = std::to_chars(buf, buf + sizeof(buf), v);
    buffer_.append(buf, r.ptr);
  }
  MaybeFlush();
}

void JsonWriter::WriteOut() {
  if (buffer_.empty()) return;
  if (ok_ && std::fwrite(buffer_.data(), 1, buffer_.size(), out_) != buffer_.size()) ok_ = false;
  written_ += buffer_.size();
  buffer_.clear();
}

void JsonWriter::Flush() {
  WriteOut();
  if (std::fflush(out_) != 0) ok_ = false;
}

}  // namespace jsvm
