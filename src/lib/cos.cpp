// The COS calls of the public API (include/cos_presign/cos.h), over
// src/core/cos_url.h and cos_signature.h.
#include "cos_presign/cos.h"

#include "core/cos_signature.h"
#include "core/cos_url.h"
#include "lib/convert.h"

namespace cos_presign {

using detail::from_core;

namespace {

Result<std::string> sign_urls(const CosUrlOptions& o, const std::vector<std::string_view>& keys, bool batch) {
  Result<std::string> key_time = detail::key_time_of(o.window);
  if (!key_time) return key_time.error();
  cospresign::PresignRequest r;
  r.secret_id = o.credentials.secret_id;
  r.secret_key = o.credentials.secret_key;
  r.session_token = o.credentials.session_token;
  r.method = o.method;
  r.key_time = key_time.value();
  r.bucket = o.bucket;
  r.region = o.region;
  r.domain = o.domain;
  r.protocol = o.protocol;
  r.query = detail::core_params(o.query);
  r.headers = detail::core_params(o.headers);
  std::string out;
  const cospresign::Error err = cospresign::presign_urls(r, keys, out, '\n');
  if (err.failed()) return from_core(err, o.query, o.headers, batch);
  return out;
}

}  // namespace

Result<std::string> presign_url(const CosUrlOptions& options, std::string_view key) {
  Result<std::string> text = sign_urls(options, {key}, false);
  if (!text) return text;
  std::string url = std::move(text).value();
  url.pop_back();  // the separator
  return url;
}

Result<std::vector<std::string>> presign_urls(const CosUrlOptions& options, const std::vector<std::string>& keys) {
  const std::vector<std::string_view> views(keys.begin(), keys.end());
  Result<std::string> text = sign_urls(options, views, true);
  if (!text) return text.error();
  // Keys cannot hold a '\n' (control characters are refused), so it splits.
  std::vector<std::string> urls;
  urls.reserve(keys.size());
  const std::string& all = text.value();
  std::size_t start = 0;
  for (std::size_t nl = all.find('\n'); nl != std::string::npos; nl = all.find('\n', start)) {
    urls.emplace_back(all, start, nl - start);
    start = nl + 1;
  }
  return urls;
}

Result<std::string> authorization(const AuthorizationOptions& o) {
  if (o.key.empty() == o.pathname.empty()) {
    return o.key.empty() ? detail::make_error("ERR_MISSING_FIELD", "key", "or pathname is required")
                         : detail::make_error("ERR_CONFLICTING_OPTIONS", "key", "and pathname cannot both be given");
  }
  Result<std::string> key_time = detail::key_time_of(o.window);
  if (!key_time) return key_time.error();
  cospresign::AuthorizationRequest r;
  r.secret_id = o.secret_id;
  r.secret_key = o.secret_key;
  r.method = o.method.empty() ? std::string_view("get") : std::string_view(o.method);
  r.path_is_pathname = !o.pathname.empty();
  r.path = r.path_is_pathname ? std::string_view(o.pathname) : std::string_view(o.key);
  r.key_time = key_time.value();
  r.query = detail::core_params(o.query);
  r.headers = detail::core_params(o.headers);
  std::string out;
  const cospresign::Error err = cospresign::build_authorization(r, out);
  if (err.failed()) return from_core(err, o.query, o.headers, false);
  return out;
}

}  // namespace cos_presign
