// The SigV4 calls of the public API (include/cos_presign/sigv4.h), over
// src/core/sigv4.h.
#include "cos_presign/sigv4.h"

#include "core/sigv4.h"
#include "lib/convert.h"

namespace cos_presign {

namespace {

Result<std::vector<std::string>> sign_v4(const V4UrlOptions& o, const std::vector<std::string_view>& keys, bool batch) {
  Error error;
  const std::int64_t date = o.date ? *o.date : detail::now_seconds();
  if (!detail::check_unix_seconds(date, "date", error)) return error;
  const std::int64_t expires = o.expires ? *o.expires : 900;
  if (expires < 1) {
    return detail::make_error("ERR_INVALID_EXPIRES", "expires", "must be a whole number of seconds, at least 1");
  }
  if (expires > 604800) {
    return detail::make_error("ERR_EXPIRES_TOO_LONG", "expires",
                              "must be at most 604800 seconds (7 days), the SigV4 limit");
  }
  const std::string date_text = std::to_string(date);
  const std::string expires_text = std::to_string(expires);
  cospresign::V4PresignRequest r;
  r.access_key_id = o.access_key_id;
  r.secret_access_key = o.secret_access_key;
  r.session_token = o.session_token;
  r.region = o.region;
  r.service = o.service;
  r.endpoint = o.endpoint;
  r.bucket = o.bucket;
  r.method = o.method;
  r.date = date_text;
  r.expires = expires_text;
  r.path_style = !o.path_style ? cospresign::PathStyle::kAuto
                 : *o.path_style ? cospresign::PathStyle::kPath
                                 : cospresign::PathStyle::kVirtual;
  r.query = detail::core_params(o.query);
  r.headers = detail::core_params(o.headers);
  std::string out;
  const cospresign::Error err = cospresign::presign_v4_urls(r, keys, out, '\n');
  if (err.failed()) return detail::from_core(err, o.query, o.headers, batch);
  std::vector<std::string> urls;
  urls.reserve(keys.size());
  std::size_t start = 0;
  for (std::size_t nl = out.find('\n'); nl != std::string::npos; nl = out.find('\n', start)) {
    urls.emplace_back(out, start, nl - start);
    start = nl + 1;
  }
  return urls;
}

}  // namespace

Result<std::string> presign_url_v4(const V4UrlOptions& options, std::string_view key) {
  Result<std::vector<std::string>> urls = sign_v4(options, {key}, false);
  if (!urls) return urls.error();
  return std::move(urls.value().front());
}

Result<std::vector<std::string>> presign_urls_v4(const V4UrlOptions& options, const std::vector<std::string>& keys) {
  return sign_v4(options, std::vector<std::string_view>(keys.begin(), keys.end()), true);
}

}  // namespace cos_presign
