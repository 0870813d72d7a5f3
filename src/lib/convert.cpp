#include "lib/convert.h"

#include <chrono>

namespace cos_presign {
namespace detail {

constexpr std::int64_t kDefaultExpires = 900;

std::vector<cospresign::Param> core_params(const std::vector<Param>& params) {
  std::vector<cospresign::Param> out;
  out.reserve(params.size());
  for (const Param& p : params) out.push_back(cospresign::Param{p.name, p.value, p.has_value});
  return out;
}

Error make_error(std::string code, std::string field, const std::string& message, bool has_index,
                 std::uint32_t index) {
  Error e;
  e.code = std::move(code);
  e.message = "cos-presign: " + field + (has_index ? " (#" + std::to_string(index) + ")" : "") + " " + message;
  e.field = std::move(field);
  e.has_index = has_index;
  e.index = index;
  return e;
}

std::string json_quoted(const std::string& s) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (b < 0x20) {
          out.append("\\u00").push_back(kHex[b >> 4]);
          out.push_back(kHex[b & 15]);
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

Error from_core(const cospresign::Error& e, const std::vector<Param>& query, const std::vector<Param>& headers,
                bool batch) {
  const std::string code = cospresign::error_code_name(e.code);
  const std::string field = e.field;
  if (field == "key") return make_error(code, field, e.message, batch, e.index);
  const bool is_query = field == "query name" || field == "query value";
  const bool is_header = field == "header name" || field == "header value";
  if ((is_query || is_header) && e.index < (is_query ? query : headers).size()) {
    const Param& p = (is_query ? query : headers)[e.index];
    const std::string named = std::string(is_query ? "query " : "header ") + json_quoted(p.name) +
                              (field.size() > 5 && field.compare(field.size() - 5, 5, "value") == 0 ? " value" : " name");
    return make_error(code, named, e.message);
  }
  return make_error(code, field, e.message);
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

bool check_unix_seconds(std::int64_t v, const char* field, Error& error) {
  if (v < 0) {
    error = make_error("ERR_INVALID_TIME", field, "must be a whole, non-negative number of unix seconds");
    return false;
  }
  if (v >= 100000000000) {
    error = make_error("ERR_INVALID_TIME", field, "looks like milliseconds: give unix seconds");
    return false;
  }
  return true;
}

Result<std::string> key_time_of(const TimeWindow& w) {
  if (w.key_time) {
    if (w.start_time || w.end_time || w.expires) {
      return make_error("ERR_CONFLICTING_OPTIONS", "keyTime", "cannot be combined with startTime, endTime or expires");
    }
    if (w.key_time->empty()) return make_error("ERR_MISSING_FIELD", "keyTime", "is required");
    return *w.key_time;  // the core checks its format
  }
  Error error;
  const std::int64_t start = w.start_time ? *w.start_time : now_seconds();
  if (!check_unix_seconds(start, "startTime", error)) return error;
  std::int64_t end = 0;
  if (w.end_time) {
    if (w.expires) return make_error("ERR_CONFLICTING_OPTIONS", "endTime", "cannot be combined with expires");
    if (!check_unix_seconds(*w.end_time, "endTime", error)) return error;
    end = *w.end_time;
    if (end <= start) return make_error("ERR_TIME_ORDER", "endTime", "must be after startTime");
  } else {
    const std::int64_t expires = w.expires ? *w.expires : kDefaultExpires;
    if (expires < 1) return make_error("ERR_INVALID_EXPIRES", "expires", "must be a whole number of seconds, at least 1");
    if (expires >= 1000000000000000 - start) {
      return make_error("ERR_INVALID_EXPIRES", "expires", "is too far in the future");
    }
    end = start + expires;
  }
  return std::to_string(start) + ";" + std::to_string(end);
}

}  // namespace detail
}  // namespace cos_presign
