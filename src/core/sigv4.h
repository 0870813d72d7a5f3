// AWS Signature Version 4 pre-signed URLs (query-string authentication) for
// S3 and S3-compatible services: AWS S3, COS's S3 API, Cloudflare R2, MinIO.
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
//
//   CanonicalRequest = METHOD \n /path \n sorted query \n headers \n signed names \n UNSIGNED-PAYLOAD
//   StringToSign     = AWS4-HMAC-SHA256 \n 20130524T000000Z \n scope \n hex(SHA256(CanonicalRequest))
//   SigningKey       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, yyyymmdd), region), service), "aws4_request")
//   Signature        = hex(HMAC(SigningKey, StringToSign))
//
// S3 rules: the path is percent-encoded once, '/' kept, never normalized; the
// query (X-Amz-* included, session token too) is RFC 3986-encoded, '/' as
// %2F; nothing is added to the query beyond the X-Amz-* authentication
// parameters and what the caller gave.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/cos_signature.h"  // Param
#include "core/digest.h"
#include "core/error.h"

namespace cospresign {

constexpr std::uint64_t kMaxV4Expires = 604800;  // 7 days, S3's limit

enum class PathStyle : std::uint8_t {
  kAuto = 0,     // path style for IP / localhost / explicit-port endpoints and dotted buckets
  kPath = 1,     // {endpoint}/{bucket}/{key}
  kVirtual = 2,  // {bucket}.{endpoint}/{key}
};

struct V4PresignRequest {
  std::string_view access_key_id;
  std::string_view secret_access_key;
  std::string_view session_token;  // empty: permanent credentials
  std::string_view region;         // "us-east-1", "auto" (R2), "ap-guangzhou" (COS)
  std::string_view service;        // empty: "s3"
  // Empty: AWS S3, https://{bucket}.s3.{region}.amazonaws.com. Otherwise
  // "https://host[:port]", "http://host[:port]" or a bare "host[:port]"
  // (https); a trailing '/' is allowed, nothing else after the host.
  std::string_view endpoint;
  std::string_view bucket;   // may be empty only with an endpoint
  std::string_view method;   // empty: GET
  std::string_view date;     // unix seconds, decimal digits
  std::string_view expires;  // seconds, decimal digits, 1..604800
  PathStyle path_style = PathStyle::kAuto;
  std::vector<Param> query;    // signed and carried in the URL
  std::vector<Param> headers;  // signed in addition to host; the client must send them
};

// "20130524T000000Z" from unix seconds (years 1970..9999).
Error format_amz_date(std::uint64_t unix_seconds, std::string& out);

// Derives the signing key once per (secret, date, region, service); signs
// any number of string-to-sign texts with it. Wiped on destruction.
class V4Signer {
 public:
  V4Signer() = default;
  ~V4Signer() = default;
  V4Signer(const V4Signer&) = delete;
  V4Signer& operator=(const V4Signer&) = delete;

  // date8 is "yyyymmdd".
  Error init(std::string_view secret_access_key, std::string_view date8, std::string_view region,
             std::string_view service);

  // hex(SHA-256(canonical_request)) into the string to sign, then the
  // signature: 64 lowercase hex characters into signature_hex.
  Error sign(std::string_view amz_date, std::string_view scope, std::string_view canonical_request,
             char* signature_hex);

  void clear() { signing_key_hmac_.clear(); }

 private:
  HmacSha256 signing_key_hmac_;
  HashSha256 sha256_;
  std::string string_to_sign_;
};

// Signs every key with the shared options; each URL is followed by
// `separator`. The signing key and canonical query are computed once.
Error presign_v4_urls(const V4PresignRequest& request, const std::vector<std::string_view>& keys,
                      std::string& out, char separator = '\n');

}  // namespace cospresign
