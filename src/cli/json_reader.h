// A small, strict JSON reader (RFC 8259) for the credentials file: enough to
// read what qcloud-cos-sts returns, and refusing anything malformed with the
// byte offset, never the text (it holds a secret).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cli {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string text;                                         // kString
  std::vector<JsonValue> items;                             // kArray
  std::vector<std::pair<std::string, JsonValue>> members;   // kObject, in order

  // The member `name` of an object (the last one, as JSON.parse keeps), or null.
  const JsonValue* find(std::string_view name) const;
};

struct JsonError {
  bool failed = false;
  std::size_t offset = 0;  // byte offset of the problem
  const char* what = "";   // static text
};

// At most kMaxJsonDepth nested arrays/objects.
constexpr int kMaxJsonDepth = 32;

JsonError parse_json(std::string_view text, JsonValue& out);

}  // namespace cli
