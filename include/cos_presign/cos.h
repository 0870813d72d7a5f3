// cos_presign: Tencent Cloud COS pre-signed URLs and Authorization values
// (q-sign-algorithm=sha1), signed as Tencent documents it:
// https://cloud.tencent.com/document/product/436/7778
//
//   cos_presign::CosUrlOptions o;
//   o.credentials = {"AKID...", secret, session_token};
//   o.bucket = "examplebucket-1250000000";
//   o.region = "ap-guangzhou";
//   o.window.expires = 600;
//   auto url = cos_presign::presign_url(o, "photos/a b+c.jpg");
//   if (!url) std::cerr << url.error().message << '\n';
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cos_presign/result.h"

namespace cos_presign {

// A query parameter or header. A query parameter without value
// (has_value = false) appears as a bare name and signs as "name=".
struct Param {
  std::string name;
  std::string value;
  bool has_value = true;
};

// The signed window. Either key_time ("start;end" in unix seconds, as is),
// or start_time (default: now) with end_time or expires (default 900 s);
// the same rules and codes as the JS options keyTime/startTime/endTime/expires.
struct TimeWindow {
  std::optional<std::string> key_time;
  std::optional<std::int64_t> start_time;
  std::optional<std::int64_t> end_time;
  std::optional<std::int64_t> expires;
};

struct CosCredentials {
  std::string secret_id;
  std::string secret_key;     // never copied into a result or message
  std::string session_token;  // empty: permanent credentials
};

struct CosUrlOptions {
  CosCredentials credentials;
  std::string bucket;          // "examplebucket-1250000000"; may be empty with a domain that does not use it
  std::string region;          // "ap-guangzhou"
  std::string domain;          // empty: {Bucket}.cos.{Region}.myqcloud.com; may use those placeholders
  std::string protocol;        // empty: "https"
  std::string method;          // empty: "GET"
  TimeWindow window;
  std::vector<Param> query;    // signed, and carried in the URL
  std::vector<Param> headers;  // signed in addition to host; the client must send them
};

// One URL for `key` (the object key; one leading '/' is ignored).
Result<std::string> presign_url(const CosUrlOptions& options, std::string_view key);

// One URL per key, in order, sharing every option; the SignKey is derived
// once. A bad key fails the batch with its index (Error::index).
Result<std::vector<std::string>> presign_urls(const CosUrlOptions& options, const std::vector<std::string>& keys);

struct AuthorizationOptions {
  std::string secret_id;
  std::string secret_key;
  std::string method;    // empty: "GET"
  std::string key;       // the object key ...
  std::string pathname;  // ... or a pathname ("/" for bucket requests): exactly one of the two
  TimeWindow window;
  std::vector<Param> query;
  std::vector<Param> headers;  // every header given is signed (host too, if given)
};

// The Authorization header value ("q-sign-algorithm=sha1&q-ak=...").
Result<std::string> authorization(const AuthorizationOptions& options);

}  // namespace cos_presign
