// The CLI's JSON reader (src/cli/json_reader.h) on arbitrary bytes: never a
// crash or unbounded recursion; what it accepts holds only well-formed UTF-8,
// and printed back (by a writer here) it reads back to the same tree.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "cli/json_reader.h"
#include "core/text.h"
#include "fuzz_support.h"

using cli::JsonValue;

namespace {

void write(const JsonValue& v, std::string& out) {
  switch (v.type) {
    case JsonValue::Type::kNull: out += "null"; break;
    case JsonValue::Type::kBool: out += v.boolean ? "true" : "false"; break;
    case JsonValue::Type::kNumber: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.17g", std::isfinite(v.number) ? v.number : 0.0);
      out += buf;
      break;
    }
    case JsonValue::Type::kString: {
      out.push_back('"');
      for (const char c : v.text) {
        const auto b = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
          out.push_back('\\');
          out.push_back(c);
        } else if (b < 0x20) {
          char esc[8];
          std::snprintf(esc, sizeof esc, "\\u%04x", b);
          out += esc;
        } else {
          out.push_back(c);
        }
      }
      out.push_back('"');
      break;
    }
    case JsonValue::Type::kArray:
      out.push_back('[');
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out.push_back(',');
        write(v.items[i], out);
      }
      out.push_back(']');
      break;
    case JsonValue::Type::kObject:
      out.push_back('{');
      for (std::size_t i = 0; i < v.members.size(); ++i) {
        if (i > 0) out.push_back(',');
        JsonValue name;
        name.type = JsonValue::Type::kString;
        name.text = v.members[i].first;
        write(name, out);
        out.push_back(':');
        write(v.members[i].second, out);
      }
      out.push_back('}');
      break;
  }
}

bool same(const JsonValue& a, const JsonValue& b) {
  if (a.type != b.type) return false;
  switch (a.type) {
    case JsonValue::Type::kNull: return true;
    case JsonValue::Type::kBool: return a.boolean == b.boolean;
    case JsonValue::Type::kNumber: return !std::isfinite(a.number) || a.number == b.number;
    case JsonValue::Type::kString: return a.text == b.text;
    case JsonValue::Type::kArray:
      if (a.items.size() != b.items.size()) return false;
      for (std::size_t i = 0; i < a.items.size(); ++i) {
        if (!same(a.items[i], b.items[i])) return false;
      }
      return true;
    case JsonValue::Type::kObject:
      if (a.members.size() != b.members.size()) return false;
      for (std::size_t i = 0; i < a.members.size(); ++i) {
        if (a.members[i].first != b.members[i].first || !same(a.members[i].second, b.members[i].second)) return false;
      }
      return true;
  }
  return false;
}

bool all_utf8(const JsonValue& v) {
  if (cospresign::check_utf8(v.text, "x").failed()) return false;
  for (const auto& i : v.items) {
    if (!all_utf8(i)) return false;
  }
  for (const auto& m : v.members) {
    if (cospresign::check_utf8(m.first, "x").failed() || !all_utf8(m.second)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  JsonValue v;
  const cli::JsonError err = cli::parse_json(in, v);
  if (err.failed) {
    FUZZ_CHECK(err.offset <= size);
    return 0;
  }
  FUZZ_CHECK(all_utf8(v));
  std::string printed;
  write(v, printed);
  JsonValue again;
  FUZZ_CHECK(!cli::parse_json(printed, again).failed);
  FUZZ_CHECK(same(v, again));
  return 0;
}
