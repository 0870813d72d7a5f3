// The SigV4 half of the explainer (AWS query-string authentication,
// UNSIGNED-PAYLOAD), rebuilt from the URL as S3 reads it.
#include <algorithm>

#include "core/digest.h"
#include "core/explain_detail.h"
#include "core/sigv4.h"
#include "core/text.h"

namespace cospresign {
namespace explain_detail {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
// Authentication parameters that are not shown among the signed ones (the
// session token is: it is signed like any other parameter).
constexpr std::string_view kV4AuthParams[] = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
                                              "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"};

DecodedParam* find_param(std::vector<DecodedParam>& params, std::string_view name) {
  for (DecodedParam& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "20130524T000000Z" -> unix seconds (days from civil, H. Hinnant).
bool parse_amz_date(std::string_view s, std::int64_t& out) {
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z' || !is_digits(s.substr(0, 8)) || !is_digits(s.substr(9, 6))) {
    return false;
  }
  const auto num = [&](std::size_t at, std::size_t n) {
    std::int64_t v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  std::int64_t y = num(0, 4);
  const std::int64_t m = num(4, 2), d = num(6, 2), hh = num(9, 2), mm = num(11, 2), ss = num(13, 2);
  if (y < 1970 || m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60) return false;
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = y / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const std::int64_t days = era * 146097 + doe - 719468;
  out = days * 86400 + hh * 3600 + mm * 60 + ss;
  return true;
}

bool is_ipv4(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Virtual-hosted AWS and COS hosts name the bucket; path-style ones (AWS's
// bare s3 hosts, IPs, localhost, explicit ports) put it first in the path.
// Any other host: the bucket cannot be told.
enum class BucketAt { kHost, kPath, kUnknown };
BucketAt bucket_position(std::string_view hostport, std::string& bucket) {
  const std::size_t colon = hostport.find(':');
  const std::string_view host = hostport.substr(0, colon);
  if (colon != std::string_view::npos || is_ipv4(host) || host == "localhost") return BucketAt::kPath;
  const std::size_t dot = host.find('.');
  const std::string_view first = host.substr(0, dot);
  const std::string_view rest = dot == std::string_view::npos ? std::string_view() : host.substr(dot + 1);
  if (ends_with(host, ".amazonaws.com")) {
    if (first == "s3" || first.substr(0, 3) == "s3-") return BucketAt::kPath;
    if (rest.substr(0, 3) == "s3." || rest.substr(0, 3) == "s3-") {
      bucket = std::string(first);
      return BucketAt::kHost;
    }
  }
  if (ends_with(host, ".myqcloud.com") && rest.substr(0, 4) == "cos.") {
    bucket = std::string(first);
    return BucketAt::kHost;
  }
  return BucketAt::kUnknown;
}

void append_trimmed(std::string& out, std::string_view value) {
  const std::size_t first = value.find_first_not_of(' ');
  if (first == std::string_view::npos) return;
  const std::size_t last = value.find_last_not_of(' ');
  bool in_space = false;
  for (std::size_t i = first; i <= last; ++i) {
    if (value[i] == ' ') {
      if (!in_space) out.push_back(' ');
      in_space = true;
    } else {
      out.push_back(value[i]);
      in_space = false;
    }
  }
}

struct V4Pair {
  std::string name;   // encoded
  std::string value;  // encoded
  std::size_t param = 0;
};

}  // namespace

ExplainError explain_sigv4(const ExplainRequest& request, const UrlParts& url, std::vector<DecodedParam>& params,
                           LinkExplanation& out) {
  out.kind = LinkKind::kSigV4;
  const DecodedParam* algorithm = find_param(params, "X-Amz-Algorithm");
  const DecodedParam* credential = find_param(params, "X-Amz-Credential");
  const DecodedParam* date = find_param(params, "X-Amz-Date");
  const DecodedParam* expires = find_param(params, "X-Amz-Expires");
  const DecodedParam* signed_list = find_param(params, "X-Amz-SignedHeaders");
  const DecodedParam* signature = find_param(params, "X-Amz-Signature");
  if (algorithm == nullptr || algorithm->value != kAlgorithm) {
    return not_presigned("X-Amz-Algorithm", "is not AWS4-HMAC-SHA256");
  }
  if (credential == nullptr) return not_presigned("X-Amz-Credential", "is missing");
  if (date == nullptr) return not_presigned("X-Amz-Date", "is missing");
  if (expires == nullptr) return not_presigned("X-Amz-Expires", "is missing");
  if (signed_list == nullptr) return not_presigned("X-Amz-SignedHeaders", "is missing");
  if (signature == nullptr) return not_presigned("X-Amz-Signature", "is missing");
  // access key id / yyyymmdd / region / service / aws4_request
  const std::string& cred = credential->value;
  const std::size_t s1 = cred.find('/');
  const std::size_t s2 = s1 == std::string::npos ? s1 : cred.find('/', s1 + 1);
  const std::size_t s3 = s2 == std::string::npos ? s2 : cred.find('/', s2 + 1);
  const std::size_t s4 = s3 == std::string::npos ? s3 : cred.find('/', s3 + 1);
  if (s4 == std::string::npos || cred.find('/', s4 + 1) != std::string::npos ||
      std::string_view(cred).substr(s4 + 1) != "aws4_request" || s2 - s1 != 9 || s1 == 0) {
    return not_presigned("X-Amz-Credential", "is not key/yyyymmdd/region/service/aws4_request");
  }
  out.access_key_id = cred.substr(0, s1);
  const std::string date8 = cred.substr(s1 + 1, 8);
  out.region = cred.substr(s2 + 1, s3 - s2 - 1);
  out.has_region = true;
  const std::string service = cred.substr(s3 + 1, s4 - s3 - 1);
  out.credential_scope = cred.substr(s1 + 1);
  std::int64_t expires_seconds = 0;
  if (!parse_amz_date(date->value, out.start)) return not_presigned("X-Amz-Date", "is not yyyymmddThhmmssZ");
  if (!parse_seconds(expires->value, expires_seconds)) {
    return not_presigned("X-Amz-Expires", "is not a whole number of seconds");
  }
  out.end = out.start + expires_seconds;
  out.signature = signature->value;
  check_window(out, "X-Amz-Date", "X-Amz-Expires");

  // Bucket and key from the host or the first path segment.
  std::string path;
  ExplainError err = percent_decode(url.path, false, "path", path);
  if (err.failed()) return err;
  std::string bucket;
  switch (bucket_position(url.host, bucket)) {
    case BucketAt::kHost:
      out.bucket = bucket;
      out.has_bucket = true;
      out.key = path.substr(1);
      break;
    case BucketAt::kPath: {
      const std::size_t slash = path.find('/', 1);
      out.bucket = path.substr(1, slash == std::string::npos ? std::string::npos : slash - 1);
      out.has_bucket = !out.bucket.empty();
      out.key = slash == std::string::npos ? std::string() : path.substr(slash + 1);
      break;
    }
    case BucketAt::kUnknown:
      out.key = path.substr(1);
      break;
  }

  // Every parameter but the signature is signed: encoded once, sorted.
  for (DecodedParam& p : params) {
    for (const std::string_view name : kV4AuthParams) p.used = p.used || p.name == name;
  }
  std::vector<V4Pair> pairs;
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (&params[i] == signature) continue;
    V4Pair pair;
    append_percent_encoded(pair.name, params[i].name);
    append_percent_encoded(pair.value, params[i].value);
    pair.param = i;
    pairs.push_back(std::move(pair));
  }
  std::stable_sort(pairs.begin(), pairs.end(), [](const V4Pair& a, const V4Pair& b) {
    return a.name != b.name ? a.name < b.name : a.value < b.value;
  });
  std::string canonical_query;
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    if (k > 0) canonical_query.push_back('&');
    canonical_query.append(pairs[k].name).push_back('=');
    canonical_query.append(pairs[k].value);
    const DecodedParam& p = params[pairs[k].param];
    if (!p.used) out.signed_params.push_back(LinkNameValue{p.name, p.value, true});
  }

  // Signed headers: host from the URL, the others from what the client sends.
  std::string canonical_headers;
  bool host_signed = false;
  std::size_t start = 0;
  const std::string& list = signed_list->value;
  while (!list.empty() && start <= list.size()) {
    std::size_t semi = list.find(';', start);
    if (semi == std::string::npos) semi = list.size();
    const std::string name = list.substr(start, semi - start);
    start = semi + 1;
    LinkNameValue shown{name, std::string(), false};
    if (name == "host") {
      host_signed = true;
      shown.value = out.host;
      shown.has_value = true;
    } else if (const Param* h = find_header(request, name)) {
      shown.value = std::string(h->value);
      shown.has_value = true;
    }
    canonical_headers.append(name).push_back(':');
    append_trimmed(canonical_headers, shown.value);
    canonical_headers.push_back('\n');
    out.signed_headers.push_back(std::move(shown));
  }
  if (!host_signed) {
    add_problem(out, "HOST_NOT_SIGNED", "X-Amz-SignedHeaders", "host is not signed: S3 refuses a SigV4 request that does not sign it");
  }
  for (const LinkNameValue& h : out.signed_headers) {
    if (!h.has_value) {
      add_problem(out, "SIGNED_HEADER_NOT_SENT", h.name,
                  "the link signs the " + h.name + " header, which the client must send with the signed value (not given)");
    }
  }

  const auto canonical_request_for = [&](std::string_view method, std::string_view canonical_path) {
    std::string c(method);
    c.push_back('\n');
    c.append(canonical_path).push_back('\n');
    c.append(canonical_query).push_back('\n');
    c.append(canonical_headers).push_back('\n');
    c.append(list).append("\nUNSIGNED-PAYLOAD");
    return c;
  };
  std::string canonical_path;
  append_percent_encoded(canonical_path, path, /*keep_slash=*/true);
  out.canonical_request = canonical_request_for(out.method, canonical_path);
  unsigned char digest[32];
  HashSha256 sha256;
  if (sha256.digest(out.canonical_request, digest).failed()) {
    return ExplainError{"ERR_CRYPTO_FAILURE", "digest", "SHA-256 failed"};
  }
  char digest_hex[64];
  hex_lower(digest, sizeof digest, digest_hex);
  out.string_to_sign.assign(kAlgorithm).push_back('\n');
  out.string_to_sign.append(date->value).push_back('\n');
  out.string_to_sign.append(out.credential_scope).push_back('\n');
  out.string_to_sign.append(digest_hex, sizeof digest_hex);
  if (!request.has_secret_key) return ExplainError{};

  out.has_verified = true;
  V4Signer signer;
  const bool keyed = !signer.init(request.secret_key, date8, out.region, service).failed();
  const auto signs = [&](const std::string& canonical_request) {
    char hex[64];
    if (!keyed || signer.sign(date->value, out.credential_scope, canonical_request, hex).failed()) return false;
    return std::string_view(hex, sizeof hex) == out.signature;
  };
  out.verified = signs(out.canonical_request);
  if (out.verified) return ExplainError{};
  std::string why;
  for (const char* method : kUsualMethods) {
    if (why.empty() && method != out.method && signs(canonical_request_for(method, canonical_path))) {
      why = std::string("the URL was signed for method ") + method + ", not " + out.method;
    }
  }
  if (why.empty() && std::string_view(url.path) != canonical_path &&
      signs(canonical_request_for(out.method, url.path))) {
    why = "the URL was signed with its path as written, not encoded the way S3 encodes it";
  }
  if (why.empty()) {
    std::string twice;
    append_percent_encoded(twice, canonical_path, /*keep_slash=*/true);
    if (twice != canonical_path && signs(canonical_request_for(out.method, twice))) {
      why = "the URL was signed with the path encoded twice (S3 encodes it once)";
    }
  }
  if (why.empty()) {
    why = out.signed_headers.size() > 1
              ? "the secret key, the key, a parameter or a signed header value differs from what was signed"
              : "the secret key, the key or a parameter differs from what was signed (method and path encoding tried)";
  }
  add_problem(out, "SIGNATURE_MISMATCH", "X-Amz-Signature", "the signature does not verify: " + why);
  return ExplainError{};
}

}  // namespace explain_detail
}  // namespace cospresign
