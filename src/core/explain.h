// Explains a pre-signed COS or SigV4 URL the way a server reads it: what it
// grants (host, bucket, region, key, window), what it signed (headers,
// parameters) and what it did not, the canonical strings rebuilt from the
// URL, and, given the secret, whether the signature verifies and which input
// most likely differs when it does not. Rule for rule what the JS explainUrl
// does (docs/explain-format.md), so both print the same JSON.
//
// Linked by the C++ library and the CLI only: no op of the request codec
// references it, so the wasm modules do not carry it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/cos_signature.h"  // Param
#include "core/url_parts.h"      // ExplainError

namespace cospresign {

enum class LinkKind : std::uint8_t { kCos, kSigV4 };

struct LinkNameValue {
  std::string name;
  std::string value;
  bool has_value = true;  // false: JSON null (a signed header the caller did not say it sends)
};

struct LinkProblem {
  const char* code = "";  // LINK_EXPIRED, SIGNATURE_MISMATCH, ... (see explain.cpp)
  std::string field;      // the query parameter or header at fault
  std::string message;    // names parts and methods, never a secret
};

struct LinkExplanation {
  LinkKind kind = LinkKind::kCos;
  std::string method;  // uppercase
  std::string host;
  std::string bucket;
  bool has_bucket = false;
  std::string region;
  bool has_region = false;
  std::string key;  // decoded, without the path's leading '/' (and bucket, path style)
  std::string access_key_id;
  std::int64_t start = 0;
  std::int64_t end = 0;
  std::int64_t now = 0;
  std::int64_t seconds_left = 0;
  std::vector<LinkNameValue> signed_headers;
  std::vector<LinkNameValue> signed_params;
  std::vector<LinkNameValue> unsigned_params;
  std::string http_string;        // COS
  std::string canonical_request;  // SigV4
  std::string credential_scope;   // SigV4
  std::string string_to_sign;
  std::string signature;
  bool has_verified = false;
  bool verified = false;
  std::vector<LinkProblem> problems;
};

struct ExplainRequest {
  std::string_view url;
  std::string_view method;      // uppercase letters (the caller checks)
  std::vector<Param> headers;   // what the client will send besides Host (checked by the caller)
  std::int64_t now = 0;         // the caller's clock in unix seconds, offset included
  std::string_view secret_key;  // COS SecretKey or SigV4 secret access key
  bool has_secret_key = false;  // verify only when given
};

// ERR_INVALID_URL (not a URL) or ERR_NOT_PRESIGNED_URL (no COS or SigV4
// signature, or its authentication parameters are unreadable).
ExplainError explain_link(const ExplainRequest& request, LinkExplanation& out);

}  // namespace cospresign
