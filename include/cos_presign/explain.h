// cos_presign: explain and verify a pre-signed COS or SigV4 URL, as a server
// reads it. The result has the fields, in the order, of the JS package's
// explainUrl(); to_json() prints exactly what JSON.stringify prints for it.
//
//   kind            "cos" or "sigv4"
//   method          the method assumed (options.method uppercased; GET)
//   host            host[:port] as the client sends it (lowercase, no default port)
//   bucket, region  where the host (or SigV4's credential scope) tells them, else absent (null)
//   key             the decoded object key, no leading '/'
//   access_key_id   COS q-ak, or the key id of X-Amz-Credential
//   start, end      the signed window, unix seconds
//   now             the caller's clock (options.now or the system clock) + clock_offset_ms
//   seconds_left    end - now (negative once expired)
//   signed_headers  lowercase names in signed order; host's value from the URL, the
//                   others from options.headers (absent value: null, not given)
//   signed_params   decoded, in signed order (SigV4: every parameter but the
//                   authentication ones; the session token included)
//   unsigned_params decoded, in URL order (COS: the session token, and any
//                   parameter that was not signed)
//   http_string / string_to_sign (COS), canonical_request / string_to_sign /
//   credential_scope (SigV4): rebuilt from the URL
//   signature       hex, from the URL
//   verified        only with options.secret_key
//   problems        LINK_EXPIRED, LINK_NOT_YET_VALID, HOST_NOT_SIGNED,
//                   SIGN_TIME_MISMATCH, PARAM_NOT_SIGNED, SIGNED_PARAM_MISSING,
//                   SIGNED_HEADER_NOT_SENT, SIGNATURE_MISMATCH (in that order)
//
// A string that is not a URL gives ERR_INVALID_URL; a URL that is not a
// pre-signed COS or SigV4 one, ERR_NOT_PRESIGNED_URL. The secret is never
// copied into the result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cos_presign/cos.h"  // Param
#include "cos_presign/result.h"

namespace cos_presign {

struct ExplainOptions {
  std::string method;                  // empty: "GET"
  std::vector<Param> headers;          // the headers the client will send (besides Host)
  std::optional<std::int64_t> now;     // unix seconds; default: the system clock
  std::int64_t clock_offset_ms = 0;    // added to now (server time - local time)
  std::optional<std::string> secret_key;  // COS SecretKey or SigV4 secret: verify
};

struct NamedValue {
  std::string name;
  std::optional<std::string> value;  // nullopt: JSON null
};

struct Problem {
  std::string code;
  std::string field;
  std::string message;
};

enum class UrlKind { kCos, kSigV4 };

struct Explanation {
  UrlKind kind = UrlKind::kCos;
  std::string method;
  std::string host;
  std::optional<std::string> bucket;
  std::optional<std::string> region;
  std::string key;
  std::string access_key_id;
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::int64_t now = 0;
  std::int64_t seconds_left = 0;
  std::vector<NamedValue> signed_headers;
  std::vector<NamedValue> signed_params;
  std::vector<NamedValue> unsigned_params;
  std::string http_string;        // COS
  std::string canonical_request;  // SigV4
  std::string credential_scope;   // SigV4
  std::string string_to_sign;
  std::string signature;
  std::optional<bool> verified;
  std::vector<Problem> problems;
};

Result<Explanation> explain_url(std::string_view url, const ExplainOptions& options = {});

// The shared JSON shape, compact, as JSON.stringify(explainUrl(...)) prints it.
std::string to_json(const Explanation& explanation);

}  // namespace cos_presign
