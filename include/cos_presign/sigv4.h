// cos_presign: AWS Signature V4 pre-signed URLs (query-string
// authentication, UNSIGNED-PAYLOAD) for S3 and S3-compatible stores: AWS S3,
// COS's S3 API, Cloudflare R2, MinIO.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cos_presign/cos.h"  // Param
#include "cos_presign/result.h"

namespace cos_presign {

struct V4UrlOptions {
  std::string access_key_id;
  std::string secret_access_key;  // never copied into a result or message
  std::string session_token;      // temporary credentials' token, signed as X-Amz-Security-Token;
                                  // empty for permanent credentials (no token in the URL)
  std::string region;             // "us-east-1", "auto" (R2), "ap-guangzhou" (COS)
  std::string service;            // empty: "s3"
  std::string endpoint;           // empty: AWS S3; else "https://host[:port]" (or http://)
  std::string bucket;             // may be empty only with an endpoint that names it
  std::string method;             // empty: "GET"
  std::optional<std::int64_t> date;  // X-Amz-Date in unix seconds; default now
  std::optional<std::int64_t> expires;  // 1..604800, default 900
  std::optional<bool> path_style;  // default: path style for IP/localhost/port endpoints and dotted buckets
  std::vector<Param> query;
  std::vector<Param> headers;      // signed in addition to host; the client must send them
};

// One SigV4 URL for `key` (one leading '/' is ignored), or the error
// presignUrlV4 throws: ERR_MISSING_FIELD (accessKeyId, secretAccessKey,
// region, bucket), ERR_INVALID_ACCESS_KEY_ID, ERR_INVALID_REGION,
// ERR_INVALID_BUCKET, ERR_INVALID_ENDPOINT / ERR_INVALID_PROTOCOL,
// ERR_INVALID_METHOD, ERR_INVALID_TIME (date), ERR_INVALID_EXPIRES /
// ERR_EXPIRES_TOO_LONG (over 604800), the key's (ERR_EMPTY_KEY,
// ERR_DOT_SEGMENT, ERR_KEY_TOO_LONG, ...), the headers' and query's
// (ERR_RESERVED_NAME, ERR_DUPLICATE_NAME, ...), ERR_TOO_LARGE. Error::field
// names the option in the JS spelling ("accessKeyId", "date", "key").
Result<std::string> presign_url_v4(const V4UrlOptions& options, std::string_view key);

// One URL per key, in order, sharing every option and one signing key. A bad
// key fails the whole batch: Error::has_index is set and Error::index is the
// key's position in `keys`, counted from 0; option errors carry no index.
Result<std::vector<std::string>> presign_urls_v4(const V4UrlOptions& options, const std::vector<std::string>& keys);

}  // namespace cos_presign
