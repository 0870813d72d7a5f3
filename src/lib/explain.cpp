// explain_url() of the public API (include/cos_presign/explain.h), over
// src/core/explain.h.
#include "cos_presign/explain.h"

#include <chrono>

#include "core/explain.h"
#include "lib/convert.h"

namespace cos_presign {

namespace {

std::vector<NamedValue> named(std::vector<cospresign::LinkNameValue>& in) {
  std::vector<NamedValue> out;
  out.reserve(in.size());
  for (cospresign::LinkNameValue& v : in) {
    NamedValue n{std::move(v.name), std::nullopt};
    if (v.has_value) n.value = std::move(v.value);
    out.push_back(std::move(n));
  }
  return out;
}

}  // namespace

Result<Explanation> explain_url(std::string_view url, const ExplainOptions& options) {
  cospresign::ExplainRequest r;
  r.url = url;
  r.method = options.method;
  r.headers = detail::core_params(options.headers);
  const std::int64_t now_ms =
      options.now ? *options.now * 1000
                  : std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
  r.now_ms = now_ms + options.clock_offset_ms;
  if (options.secret_key) {
    r.secret_key = *options.secret_key;
    r.has_secret_key = true;
  }
  cospresign::LinkExplanation e;
  const cospresign::ExplainError err = cospresign::explain_link(r, e);
  if (err.failed()) return detail::make_error(err.code, err.field, err.message);

  Explanation out;
  out.kind = e.kind == cospresign::LinkKind::kCos ? UrlKind::kCos : UrlKind::kSigV4;
  out.method = std::move(e.method);
  out.host = std::move(e.host);
  if (e.has_bucket) out.bucket = std::move(e.bucket);
  if (e.has_region) out.region = std::move(e.region);
  out.key = std::move(e.key);
  out.access_key_id = std::move(e.access_key_id);
  out.start = e.start;
  out.end = e.end;
  out.now = e.now;
  out.seconds_left = e.seconds_left;
  out.signed_headers = named(e.signed_headers);
  out.signed_params = named(e.signed_params);
  out.unsigned_params = named(e.unsigned_params);
  out.http_string = std::move(e.http_string);
  out.canonical_request = std::move(e.canonical_request);
  out.credential_scope = std::move(e.credential_scope);
  out.string_to_sign = std::move(e.string_to_sign);
  out.signature = std::move(e.signature);
  if (e.has_verified) out.verified = e.verified;
  for (cospresign::LinkProblem& p : e.problems) {
    out.problems.push_back(Problem{p.code, std::move(p.field), std::move(p.message)});
  }
  return out;
}

}  // namespace cos_presign
