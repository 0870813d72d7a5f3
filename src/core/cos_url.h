// Pre-signed COS URLs: the host a browser will send, the encoded object
// path, and the signature with every query parameter the URL carries.
//
//   {protocol}://{host}/{encoded key}?{authorization}
//       &x-cos-security-token={encoded token}&{signed query params}
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/cos_signature.h"
#include "core/error.h"

namespace cospresign {

struct PresignRequest {
  std::string_view secret_id;
  std::string_view secret_key;
  std::string_view session_token;  // empty: permanent credentials
  std::string_view method;
  std::string_view key_time;
  std::string_view bucket;
  std::string_view region;
  std::string_view domain;    // empty: {Bucket}.cos.{Region}.myqcloud.com
  std::string_view protocol;  // "https" (default when empty) or "http"
  std::vector<Param> query;
  std::vector<Param> headers;  // signed in addition to host
};

struct Origin {
  std::string scheme;  // "https" or "http"
  std::string host;    // lowercase host, with the port only if not the default
};

// Fills the template ({Bucket}, {Region}, {AppId}, {BucketName}) and checks
// that the result is host[:port]. A default port is dropped, because a
// browser drops it from the Host header it sends.
Error resolve_origin(std::string_view bucket, std::string_view region, std::string_view domain,
                     std::string_view protocol, Origin& out);

// Object key as it appears in the URL path and the signature. One leading
// '/' is allowed and ignored (as in the official SDKs). Refuses keys a
// browser would rewrite before sending.
Error check_object_key(std::string_view key, std::uint32_t index, std::string_view& normalized);

// At most this many bytes of URLs from one presign_urls() call (a batch times
// a long query grows fast); more is refused before anything is allocated.
constexpr std::size_t kMaxUrlsBytes = std::size_t{256} << 20;

// Signs every key with the shared options; each URL is followed by
// `separator`. The SignKey and canonical lists are computed once.
// `max_bytes` is for tests of the limit.
Error presign_urls(const PresignRequest& request, const std::vector<std::string_view>& keys,
                   std::string& out, char separator = '\n', std::size_t max_bytes = kMaxUrlsBytes);

}  // namespace cospresign
