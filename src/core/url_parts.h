// A URL read the way a client sends it and a server reads it: parsed and
// serialized as WHATWG URL does (what fetch and browsers send: host
// lowercased, default port dropped, dot segments resolved, characters
// percent-encoded where WHATWG encodes them), then split into the path and
// the query's name/value pairs. Used by the explainer only
// (src/core/explain.h), never by the signers or the wasm.
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
  std::string name;   // still percent-encoded
  std::string value;  // still percent-encoded
  bool has_value = true;  // false: no '=' in the URL
};

struct UrlParts {
  std::string scheme;    // "https" or "http"
  std::string host;      // host[:port] as serialized (lowercase, no default port)
  std::string hostname;  // host without the port
  bool has_port = false;
  std::string path;      // serialized, percent-encoded, starts with '/'
  std::vector<RawQueryParam> query;  // URL order, empty parts skipped
};

// ERR_INVALID_URL: not an absolute URL; ERR_NOT_PRESIGNED_URL: a URL of
// another scheme than http or https.
ExplainError split_url(std::string_view url, UrlParts& out);

// decodeURIComponent: appends the bytes `in` percent-decodes to; refuses a
// malformed escape or bytes that are not well-formed UTF-8.
bool percent_decode(std::string_view in, std::string& out);

}  // namespace cospresign
