#include "tools/json-writer.h"

#include <charconv>
#include <cmath>

namespace jsvm {

void AppendJsonString(std::string& out, std::string_view text) {
  static const char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the pending run of characters that need no escape
  for (size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      default: {
        char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(esc, 6);
      }
    }
  }
  out.append(text.data() + run, text.size() - run);
  out.push_back('"');
}

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
