// cos_presign: explain and verify a pre-signed COS or SigV4 URL, as a server
// reads it. The result has the fields, in the order, of the JS package's
// explainUrl(), and to_json() prints exactly what JSON.stringify prints for
// it: the two follow the same rules (docs/explain-format.md).
//
//   kind            "cos" or "sigv4"
//   method          the method assumed (options.method uppercased; GET)
//   host            host[:port] as a client sends it (lowercase, no default port)
//   bucket, region  where the host (SigV4: the credential scope, for the region)
//                   tells them; else absent (JSON null)
//   key             the decoded object key, no leading '/'
//   access_key_id   COS q-ak, or the key id of X-Amz-Credential
//   start, end      the signed window, unix seconds
//   now             the caller's clock (options.now or the system clock) + clock_offset_ms
//   seconds_left    end - now (negative once expired)
//   signed_headers  as listed in the URL; host's value from the URL, the others
//                   from options.headers (absent: null, not given)
//   signed_params   COS: per q-url-param-list entry, the URL's parameter (value
//                   null if it has no '='); SigV4: every parameter but
//                   X-Amz-Signature, in canonical order
//   unsigned_params COS: the other parameters, in URL order (the session token
//                   included); SigV4: none
//   http_string / string_to_sign (COS), canonical_request / string_to_sign /
//   credential_scope (SigV4): rebuilt from the URL
//   signature       hex, from the URL
//   verified        only with options.secret_key
//   problems        COS: SIGN_TIME_MISMATCH, LINK_NOT_YET_VALID / LINK_EXPIRED,
//                   HOST_NOT_SIGNED, RAW_PLUS_IN_PATH, PARAM_NOT_SIGNED,
//                   SIGNED_PARAM_MISSING, SIGNED_HEADER_NOT_SENT, SIGNATURE_MISMATCH;
//                   SigV4: SCOPE_DATE_MISMATCH, EXPIRES_TOO_LONG, the window,
//                   HOST_NOT_SIGNED, RAW_PLUS_IN_PATH, SIGNED_HEADER_NOT_SENT,
//                   SIGNATURE_MISMATCH (each in that order). SIGNATURE_MISMATCH
//                   names the input the signature matches when one of the usual
//                   suspects does (another method, host, path encoding, ...).
//
// A string that is not a URL gives ERR_INVALID_URL; a URL that is not a
// pre-signed COS or SigV4 one, ERR_NOT_PRESIGNED_URL; bad options the codes
// the JS gives them. The secret is never copied into the result.
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

// Whether the URL's signature is the one `secret_key` gives for the request
// `options` describe (method, headers): explain_url's `verified`. The
// window is not part of it (an expired link can verify); explain_url says why
// a link fails. The answer is value(): the Result's operator bool only means
// "no error" (the URL could be read), so `if (verify_url(...))` is true for a
// forged link too; write `auto r = verify_url(...); if (r && r.value())`.
// The signatures are compared in constant time.
Result<bool> verify_url(std::string_view url, std::string_view secret_key, ExplainOptions options = {});

// The shared JSON shape, compact, as JSON.stringify(explainUrl(...)) prints it.
std::string to_json(const Explanation& explanation);

}  // namespace cos_presign
