#include "core/explain.h"

#include <algorithm>

#include "core/digest.h"
#include "core/explain_detail.h"
#include "core/order.h"
#include "core/text.h"

// Problem codes (stable, shared with the JS explainUrl):
//   LINK_EXPIRED, LINK_NOT_YET_VALID   the caller's clock is outside the window
//   HOST_NOT_SIGNED                    host is not among the signed headers
//   SIGN_TIME_MISMATCH                 COS q-sign-time differs from q-key-time
//   PARAM_NOT_SIGNED                   a parameter the URL carries but did not sign (token aside)
//   SIGNED_PARAM_MISSING               listed as signed but not in the URL
//   SIGNED_HEADER_NOT_SENT             a signed header (not host) options.headers does not supply
//   SIGNATURE_MISMATCH                 the secret gives another signature
// They are reported in that order.

namespace cospresign {
namespace explain_detail {

const char* const kUsualMethods[5] = {"GET", "HEAD", "PUT", "POST", "DELETE"};

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool parse_seconds(std::string_view s, std::int64_t& out) {
  if (s.empty() || s.size() > 15) return false;
  out = 0;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

const Param* find_header(const ExplainRequest& request, std::string_view name) {
  for (const Param& h : request.headers) {
    if (iequals(h.name, name)) return &h;
  }
  return nullptr;
}

void add_problem(LinkExplanation& out, const char* code, std::string field, std::string message) {
  out.problems.push_back(LinkProblem{code, std::move(field), std::move(message)});
}

void check_window(LinkExplanation& out, const char* start_field, const char* end_field) {
  out.seconds_left = out.end - out.now;
  if (out.now < out.start) {
    add_problem(out, "LINK_NOT_YET_VALID", start_field,
                "the link is valid from " + std::to_string(out.start) + ", " + std::to_string(out.start - out.now) +
                    " s after the caller's clock (check the signer's clock, or the caller's)");
  } else if (out.now > out.end) {
    add_problem(out, "LINK_EXPIRED", end_field,
                "the link expired at " + std::to_string(out.end) + ", " + std::to_string(out.now - out.end) +
                    " s before the caller's clock");
  }
}

}  // namespace explain_detail

namespace {

using namespace explain_detail;

constexpr std::string_view kCosAuthParams[] = {"q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time",
                                               "q-header-list", "q-url-param-list", "q-signature"};
constexpr std::string_view kLegacyRegions[] = {"cn-south", "cn-south-2", "cn-north", "cn-east", "cn-southwest", "sg"};

DecodedParam* find_param(std::vector<DecodedParam>& params, std::string_view name) {
  for (DecodedParam& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  if (s.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

// {bucket}.cos.{region}.myqcloud.com, the pre-"cos." legacy form, and the
// global acceleration domain (no region).
void cos_bucket_region(LinkExplanation& out) {
  std::string_view host = out.host;
  host = host.substr(0, host.find(':'));
  constexpr std::string_view kSuffix = ".myqcloud.com";
  if (host.size() <= kSuffix.size() || host.substr(host.size() - kSuffix.size()) != kSuffix) return;
  const std::vector<std::string_view> labels = split(host.substr(0, host.size() - kSuffix.size()), '.');
  if (labels.size() == 3 && labels[1] == "cos") {
    out.bucket = std::string(labels[0]);
    out.has_bucket = true;
    if (labels[2] != "accelerate") {
      out.region = std::string(labels[2]);
      out.has_region = true;
    }
  } else if (labels.size() == 2 &&
             std::find(std::begin(kLegacyRegions), std::end(kLegacyRegions), labels[1]) != std::end(kLegacyRegions)) {
    out.bucket = std::string(labels[0]);
    out.has_bucket = true;
    out.region = std::string(labels[1]);
    out.has_region = true;
  }
}

// "name=encoded value&..." sorted by name, as COS builds params and headers.
struct CosPair {
  std::string name;  // encoded, lowercase
  std::string value;  // encoded
};
std::string join_pairs(std::vector<CosPair>& pairs) {
  std::stable_sort(pairs.begin(), pairs.end(), [](const CosPair& a, const CosPair& b) { return a.name < b.name; });
  std::string out;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i > 0) out.push_back('&');
    out.append(pairs[i].name).push_back('=');
    out.append(pairs[i].value);
  }
  return out;
}

std::string hex_of(const unsigned char* bytes, std::size_t n) {
  std::string hex(n * 2, '0');
  hex_lower(bytes, n, &hex[0]);
  return hex;
}

// hex(HMAC-SHA1(hex(HMAC-SHA1(secret, key_time)), sha1\n{sign_time}\n{sha1hex(http)}\n)),
// and the StringToSign it signed. Empty on a crypto failure.
std::string cos_signature(std::string_view secret, std::string_view key_time, std::string_view sign_time,
                          std::string_view http_string, std::string* string_to_sign_out) {
  unsigned char digest[20];
  HashSha1 sha1;
  if (sha1.digest(http_string, digest).failed()) return std::string();
  std::string string_to_sign = "sha1\n";
  string_to_sign.append(sign_time).push_back('\n');
  string_to_sign.append(hex_of(digest, sizeof digest)).push_back('\n');
  if (string_to_sign_out != nullptr) *string_to_sign_out = string_to_sign;
  if (secret.empty()) return std::string();
  char sign_key[40];
  {
    HmacSha1 hmac;
    if (hmac.set_key(secret).failed() || hmac.sign(key_time, digest).failed()) return std::string();
    hex_lower(digest, sizeof digest, sign_key);
  }
  HmacSha1 hmac;
  const bool ok = !hmac.set_key(std::string_view(sign_key, sizeof sign_key)).failed() &&
                  !hmac.sign(string_to_sign, digest).failed();
  wipe(sign_key, sizeof sign_key);
  if (!ok) return std::string();
  std::string signature = hex_of(digest, sizeof digest);
  wipe(digest, sizeof digest);
  return signature;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ascii_lower(c);
  return out;
}

ExplainError explain_cos(const ExplainRequest& request, const UrlParts& url, std::vector<DecodedParam>& params,
                         LinkExplanation& out) {
  out.kind = LinkKind::kCos;
  const auto auth = [&](std::string_view name) { return find_param(params, name); };
  for (const std::string_view name : kCosAuthParams) {
    if (DecodedParam* p = auth(name)) p->used = true;
  }
  const DecodedParam* algorithm = auth("q-sign-algorithm");
  if (algorithm != nullptr && algorithm->value != "sha1") {
    return not_presigned("q-sign-algorithm", "is not sha1, the only COS signature algorithm");
  }
  const DecodedParam* ak = auth("q-ak");
  const DecodedParam* sign_time = auth("q-sign-time");
  const DecodedParam* key_time = auth("q-key-time");
  const DecodedParam* signature = auth("q-signature");
  if (ak == nullptr) return not_presigned("q-ak", "is missing: the URL does not say which key signed it");
  if (sign_time == nullptr) return not_presigned("q-sign-time", "is missing: the URL has no signed window");
  if (key_time == nullptr) return not_presigned("q-key-time", "is missing: the URL has no key window");
  if (signature == nullptr) return not_presigned("q-signature", "is missing");
  const std::size_t semi = sign_time->value.find(';');
  if (semi == std::string::npos || !parse_seconds(std::string_view(sign_time->value).substr(0, semi), out.start) ||
      !parse_seconds(std::string_view(sign_time->value).substr(semi + 1), out.end)) {
    return not_presigned("q-sign-time", "is not \"start;end\" in unix seconds");
  }
  out.access_key_id = ak->value;
  out.signature = signature->value;
  cos_bucket_region(out);
  check_window(out, "q-sign-time", "q-sign-time");

  // The lists: decoded once from the URL, they hold encoded, lowercase names.
  const DecodedParam* header_list = auth("q-header-list");
  const DecodedParam* param_list = auth("q-url-param-list");
  const std::vector<std::string_view> header_names =
      split(header_list != nullptr ? std::string_view(header_list->value) : std::string_view(), ';');
  const std::vector<std::string_view> param_names =
      split(param_list != nullptr ? std::string_view(param_list->value) : std::string_view(), ';');

  if (std::find(header_names.begin(), header_names.end(), "host") == header_names.end()) {
    add_problem(out, "HOST_NOT_SIGNED", "q-header-list",
                "host is not signed: the link works on any host that forwards it, and COS may refuse it");
  }
  if (sign_time->value != key_time->value) {
    add_problem(out, "SIGN_TIME_MISMATCH", "q-sign-time", "q-sign-time differs from q-key-time; COS expects the same window");
  }

  // Signed parameters, in signed order; their values as the server sees them.
  std::vector<CosPair> param_pairs;
  std::vector<std::string> missing_params;
  std::string encoded;
  for (const std::string_view listed : param_names) {
    DecodedParam* match = nullptr;
    for (DecodedParam& p : params) {
      if (p.used) continue;
      encoded.clear();
      append_percent_encoded_lower(encoded, p.name);
      if (encoded == listed) {
        match = &p;
        break;
      }
    }
    CosPair pair{std::string(listed), std::string()};
    LinkNameValue shown;
    if (match != nullptr) {
      match->used = true;
      shown = LinkNameValue{match->name, match->value, true};
      append_percent_encoded(pair.value, match->value);
    } else {
      std::string name;
      if (percent_decode(listed, false, "q-url-param-list", name).failed()) name = std::string(listed);
      shown = LinkNameValue{name, std::string(), false};
      missing_params.push_back(name);
    }
    out.signed_params.push_back(std::move(shown));
    param_pairs.push_back(std::move(pair));
  }
  for (DecodedParam& p : params) {
    if (p.used) continue;
    out.unsigned_params.push_back(LinkNameValue{p.name, p.value, true});
    if (p.name != "x-cos-security-token") {
      add_problem(out, "PARAM_NOT_SIGNED", p.name,
                  "the URL carries " + p.name + " but did not sign it (not in q-url-param-list): anyone can add or change it");
    }
  }
  for (const std::string& name : missing_params) {
    add_problem(out, "SIGNED_PARAM_MISSING", name, name + " is in q-url-param-list but not in the URL");
  }

  // Signed headers: host from the URL, the others from what the client sends.
  std::vector<CosPair> header_pairs;
  for (const std::string_view listed : header_names) {
    std::string name;
    if (percent_decode(listed, false, "q-header-list", name).failed()) name = std::string(listed);
    CosPair pair{std::string(listed), std::string()};
    LinkNameValue shown{name, std::string(), false};
    if (name == "host") {
      shown.value = out.host;
      shown.has_value = true;
    } else if (const Param* h = find_header(request, name)) {
      shown.value = std::string(h->value);
      shown.has_value = true;
    } else {
      add_problem(out, "SIGNED_HEADER_NOT_SENT", name,
                  "the link signs the " + name + " header, which the client must send with the signed value (not given)");
    }
    append_percent_encoded(pair.value, shown.value);
    out.signed_headers.push_back(std::move(shown));
    header_pairs.push_back(std::move(pair));
  }

  const std::string params_string = join_pairs(param_pairs);
  const std::string headers_string = join_pairs(header_pairs);
  std::string path = "/" + out.key;
  const auto http_string_for = [&](std::string_view method, std::string_view signed_path) {
    std::string http = lower(method);
    http.push_back('\n');
    http.append(signed_path).push_back('\n');
    http.append(params_string).push_back('\n');
    http.append(headers_string).push_back('\n');
    return http;
  };
  out.http_string = http_string_for(out.method, path);
  const std::string_view secret = request.has_secret_key ? request.secret_key : std::string_view();
  const std::string ours = cos_signature(secret, key_time->value, sign_time->value, out.http_string, &out.string_to_sign);
  if (!request.has_secret_key) return ExplainError{};

  out.has_verified = true;
  out.verified = !ours.empty() && ours == out.signature;
  if (out.verified) return ExplainError{};
  // The usual suspects, one at a time.
  std::string why;
  for (const char* method : kUsualMethods) {
    if (!why.empty() || iequals(method, out.method)) continue;
    if (cos_signature(secret, key_time->value, sign_time->value, http_string_for(method, path), nullptr) == out.signature) {
      why = std::string("the URL was signed for method ") + method + ", not " + out.method;
    }
  }
  if (why.empty() && std::string_view(url.path) != path &&
      cos_signature(secret, key_time->value, sign_time->value, http_string_for(out.method, url.path), nullptr) ==
          out.signature) {
    why = "the URL was signed with the percent-encoded path, not the decoded key COS signs";
  }
  if (why.empty() && sign_time->value != key_time->value &&
      cos_signature(secret, key_time->value, key_time->value, out.http_string, nullptr) == out.signature) {
    why = "the URL was signed with q-key-time as its sign time: q-sign-time was changed";
  }
  if (why.empty()) {
    bool unsure_headers = false;
    for (const LinkNameValue& h : out.signed_headers) unsure_headers = unsure_headers || h.name != "host";
    why = unsure_headers ? "the secret key, the key, a signed parameter or a signed header value differs from what was signed"
                         : "the secret key, the key or a signed parameter differs from what was signed (method and "
                           "encoded path tried)";
  }
  add_problem(out, "SIGNATURE_MISMATCH", "q-signature", "the signature does not verify: " + why);
  return ExplainError{};
}

}  // namespace

ExplainError explain_link(const ExplainRequest& request, LinkExplanation& out) {
  out = LinkExplanation{};
  UrlParts url;
  ExplainError err = split_url(request.url, url);
  if (err.failed()) return err;
  std::vector<DecodedParam> params;
  bool cos = false;
  bool sigv4 = false;
  for (const RawQueryParam& raw : url.query) {
    DecodedParam p;
    err = percent_decode(raw.name, true, "query", p.name);
    if (!err.failed()) err = percent_decode(raw.value, true, "query", p.value);
    if (err.failed()) return err;
    p.has_value = raw.has_value;
    cos = cos || p.name == "q-signature" || p.name == "q-sign-algorithm";
    sigv4 = sigv4 || iequals(p.name, "X-Amz-Signature") || iequals(p.name, "X-Amz-Algorithm");
    params.push_back(std::move(p));
  }
  if (cos == sigv4) {
    return not_presigned("url", cos ? "carries both a COS and a SigV4 signature"
                                    : "carries neither a COS signature (q-signature) nor a SigV4 one (X-Amz-Signature)");
  }
  std::string method(request.method.empty() ? std::string_view("GET") : request.method);
  for (char& c : method) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  out.method = method;
  out.host = url.host;
  // Floor division: a clock before 1970 stays consistent.
  out.now = request.now_ms >= 0 ? request.now_ms / 1000 : -((-request.now_ms + 999) / 1000);
  if (sigv4) return explain_sigv4(request, url, params, out);
  err = percent_decode(url.path, false, "path", out.key);
  if (err.failed()) return err;
  out.key.erase(0, 1);  // the path starts with '/'
  return explain_cos(request, url, params, out);
}

}  // namespace cospresign
