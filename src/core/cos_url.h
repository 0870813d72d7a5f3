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
  // Optional: the SignKey for key_time, derived earlier (40 hex); used
  // instead of deriving it from secret_key, which may then be empty.
  std::string_view sign_key;
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

// How presign_urls() lays out its output; each item is followed by `separator`.
enum class UrlLayout : unsigned char {
  // Every URL whole.
  kWhole,
  // The query tail that every URL ends with (the session token and the
  // caller's parameters) once, first, then each URL without it: a host
  // appends it itself, which saves decoding the token once per URL (it is
  // most of a URL's bytes).
  kSharedTail,
  // Only what differs per key: the prefix every URL starts with
  // ("https://host/"), the middle ("?q-sign-algorithm=...&q-signature="), the
  // tail, then per key its percent-encoded path and its 40-hex signature, so
  // URL = prefix + path + middle + signature + tail. A batch then crosses the
  // wasm boundary with ~60 bytes per key instead of ~290.
  kSharedParts,
};

// Signs every key with the shared options. The SignKey and canonical lists
// are computed once. With sign_key_out, the SignKey derived from secret_key
// (40 hex chars) is written there, so a host can cache it (and must wipe it
// when done). `max_bytes` (whole URLs, the tail counted once) is for tests of
// the limit.
Error presign_urls(const PresignRequest& request, const std::vector<std::string_view>& keys,
                   std::string& out, char separator = '\n', UrlLayout layout = UrlLayout::kWhole,
                   char* sign_key_out = nullptr, std::size_t max_bytes = kMaxUrlsBytes);

}  // namespace cospresign
