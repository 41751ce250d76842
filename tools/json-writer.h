// A buffered, streaming JSON writer for large outputs (execution traces).
// Text goes into a buffer that is written to a FILE* in large blocks, so a
// million events cost no document tree and no allocation per event. The
// caller places the punctuation (commas, brackets) itself.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "base/json-string.h"  // AppendJsonString

namespace jsvm {

class JsonWriter {
 public:
  // Writes to `out` (not owned; flushed, not closed, by Flush and the destructor).
  explicit JsonWriter(std::FILE* out) : out_(out) { buffer_.reserve(kBlock + 4096); }
  ~JsonWriter() { Flush(); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Text as is (punctuation, keys written by hand, prepared fragments).
  void Raw(std::string_view text) {
    buffer_.append(text);
    MaybeFlush();
  }
  void Char(char c) {
    buffer_.push_back(c);
    MaybeFlush();
  }
  // A quoted, escaped JSON string.
  void String(std::string_view text) {
    AppendJsonString(buffer_, text);
    MaybeFlush();
  }
  void Int(int64_t v);
  void UInt(uint64_t v);
  // A finite double in its shortest round-trip form; NaN and infinities as null.
  void Double(double v);
  // `"key":` (the key must not need escaping).
  void Key(std::string_view key) {
    buffer_.push_back('"');
    buffer_.append(key);
    buffer_.append("\":");
  }

  // `,"key":value` (the key must not need escaping).
  void Field(std::string_view key, uint64_t v) { FieldKey(key); UInt(v); }
  void Field(std::string_view key, int64_t v) { FieldKey(key); Int(v); }
  void Field(std::string_view key, double v) { FieldKey(key); Double(v); }
  void Field(std::string_view key, bool v) { FieldKey(key); Raw(v ? "true" : "false"); }
  void Field(std::string_view key, std::string_view v) { FieldKey(key); String(v); }
  void Field(std::string_view key, const std::string& v) { Field(key, std::string_view(v)); }
  void Field(std::string_view key, const char* v) { Field(key, std::string_view(v)); }

  // Writes the buffer out and flushes the FILE.
  void Flush();
  // False once a write to the file failed.
  bool ok() const { return ok_; }
  // Bytes handed to the file so far plus those still buffered.
  uint64_t bytes() const { return written_ + buffer_.size(); }

 private:
  static constexpr size_t kBlock = 1 << 20;
  void FieldKey(std::string_view key) {
    buffer_.push_back(',');
    Key(key);
  }
  void MaybeFlush() {
    if (buffer_.size() >= kBlock) WriteOut();
  }
  void WriteOut();

  std::FILE* out_;
  std::string buffer_;
  uint64_t written_ = 0;
  bool ok_ = true;
};

}  // namespace jsvm
