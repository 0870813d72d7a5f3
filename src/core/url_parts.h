// An absolute http(s) URL split the way a server reads a request line: the
// origin (host lowercased, default port dropped, as browsers send Host), the
// raw path, and the query as raw name/value pairs in URL order. Used by the
// explainer only (src/core/explain.h), never by the signers or the wasm.
#pragma once

#include <string>
#include <string_view>
#include <vector>


namespace cospresign {

// The explainer's errors: a stable code ("ERR_INVALID_URL",
// "ERR_NOT_PRESIGNED_URL"), the part at fault, and static text that never
// quotes the URL. Kept apart from core/error.h so the wasm modules' error
// table does not grow with codes they never return.
struct ExplainError {
  const char* code = nullptr;  // null: no error
  const char* field = "";
  const char* message = "";
  bool failed() const { return code != nullptr; }
};

struct RawQueryParam {
  std::string_view name;   // still percent-encoded
  std::string_view value;  // still percent-encoded; empty when has_value is false
  bool has_value = true;
};

struct UrlParts {
  std::string scheme;    // "https" or "http"
  std::string host;      // lowercase host[:port], default port dropped
  std::string_view path;  // raw, starts with '/'
  std::vector<RawQueryParam> query;
};

// Splits `url`, which must outlive `out` (the views point into it). Refuses
// (ERR_INVALID_URL) what is not an absolute http(s) URL with a host: other
// schemes, user info, spaces or control characters, a bad port.
ExplainError split_url(std::string_view url, UrlParts& out);

// Percent-decodes into `out` (appends). With plus_is_space, '+' is a space
// (query components, as servers read them). Refuses a malformed escape or a
// result that is not well-formed UTF-8 (ERR_INVALID_URL, naming `field`).
ExplainError percent_decode(std::string_view in, bool plus_is_space, const char* field, std::string& out);

}  // namespace cospresign
