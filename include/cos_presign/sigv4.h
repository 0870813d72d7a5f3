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
  std::string session_token;      // empty: permanent credentials (signed as X-Amz-Security-Token)
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

Result<std::string> presign_url_v4(const V4UrlOptions& options, std::string_view key);
Result<std::vector<std::string>> presign_urls_v4(const V4UrlOptions& options, const std::vector<std::string>& keys);

}  // namespace cos_presign
