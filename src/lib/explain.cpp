// explain_url() of the public API (include/cos_presign/explain.h), over
// src/core/explain.h.
#include "cos_presign/explain.h"

#include <algorithm>
#include <chrono>

#include "core/explain.h"
#include "core/text.h"
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

// The options, checked as the JS explainUrl checks them (same codes, fields, words).
Error check_options(std::string_view url, const ExplainOptions& o) {
  if (url.empty()) return detail::make_error("ERR_MISSING_FIELD", "url", "is required");
  if (o.secret_key && o.secret_key->empty()) return detail::make_error("ERR_MISSING_FIELD", "secretKey", "is required");
  for (const char c : o.method) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
      return detail::make_error("ERR_INVALID_METHOD", "method", "must be a word of letters, such as GET or PUT");
    }
  }
  std::vector<std::string> seen;
  for (const Param& h : o.headers) {
    const std::string label = "header " + detail::json_quoted(h.name);
    const auto control = [](const std::string& s) {
      return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
    };
    if (control(h.name)) return detail::make_error("ERR_CONTROL_CHARACTER", label + " name", "contains an ASCII control character");
    const bool token = !h.name.empty() && std::all_of(h.name.begin(), h.name.end(), [](char c) {
      return cospresign::is_tchar(static_cast<unsigned char>(c));
    });
    if (!token) return detail::make_error("ERR_INVALID_NAME", label + " name", "is not an HTTP header name");
    if (control(h.value)) return detail::make_error("ERR_CONTROL_CHARACTER", label + " value", "contains an ASCII control character");
    if (cospresign::check_utf8(h.value, "header value").failed()) {
      return detail::make_error("ERR_INVALID_UTF8", label + " value", "is not well-formed UTF-8");
    }
    std::string lower = h.name;
    for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    if (lower == "host") return detail::make_error("ERR_RESERVED_NAME", label, "is the URL's own host: leave it out");
    if (std::find(seen.begin(), seen.end(), lower) != seen.end()) {
      return detail::make_error("ERR_DUPLICATE_NAME", label, "is given twice (names differ only in case)");
    }
    seen.push_back(lower);
  }
  if (o.now) {
    if (*o.now < 0) return detail::make_error("ERR_INVALID_TIME", "now", "must be a whole, non-negative number of unix seconds");
    if (*o.now >= 100000000000) {
      return detail::make_error("ERR_INVALID_TIME", "now", "looks like milliseconds: give unix seconds or a Date");
    }
  }
  if (o.clock_offset_ms > 10000000000000 || o.clock_offset_ms < -10000000000000) {
    return detail::make_error("ERR_INVALID_VALUE", "clockOffset", "must be a finite number of milliseconds");
  }
  return Error{};
}

}  // namespace

Result<Explanation> explain_url(std::string_view url, const ExplainOptions& options) {
  const Error invalid = check_options(url, options);
  if (!invalid.code.empty()) return invalid;
  std::string method = options.method.empty() ? std::string("GET") : options.method;
  for (char& c : method) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  cospresign::ExplainRequest r;
  r.url = url;
  r.method = method;
  r.headers = detail::core_params(options.headers);
  const std::int64_t now_ms =
      (options.now ? *options.now * 1000
                   : std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count()) +
      options.clock_offset_ms;
  r.now = now_ms >= 0 ? now_ms / 1000 : -((-now_ms + 999) / 1000);  // floor
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

Result<bool> verify_url(std::string_view url, std::string_view secret_key, ExplainOptions options) {
  options.secret_key = std::string(secret_key);
  Result<Explanation> e = explain_url(url, options);
  options.secret_key->assign(options.secret_key->size(), '\0');
  if (!e) return e.error();
  return *e->verified;
}

}  // namespace cos_presign
