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
constexpr const char* kRequired[] = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
                                     "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature"};
constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";
constexpr std::string_view kEmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
constexpr std::int64_t kMaxExpires = 604800;  // 7 days: S3 refuses longer

bool digits(std::string_view s, std::size_t at, std::size_t n, std::int64_t& out) {
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// "20130524T000000Z" -> unix seconds; a date that does not exist (20130231,
// second 60) is refused, as the JS's round trip through Date refuses it.
bool parse_amz_date(std::string_view s, std::int64_t& out) {
  std::int64_t y = 0, m = 0, d = 0, hh = 0, mm = 0, ss = 0;
  if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z' || !digits(s, 0, 4, y) || !digits(s, 4, 2, m) ||
      !digits(s, 6, 2, d) || !digits(s, 9, 2, hh) || !digits(s, 11, 2, mm) || !digits(s, 13, 2, ss)) {
    return false;
  }
  // Date.UTC reads years 0-99 as 1900-1999: those never round-trip.
  if (y < 100 || m < 1 || m > 12 || d < 1 || hh > 23 || mm > 59 || ss > 59) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int month_days[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > month_days[m - 1]) return false;
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  out = (era * 146097 + doe - 719468) * 86400 + hh * 3600 + mm * 60 + ss;
  return true;
}

// Header values as S3 canonicalizes them: trimmed, inner runs of whitespace as one space.
std::string canonical_value(std::string_view v) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::string out;
  bool pending = false;
  for (const char c : v) {
    if (space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out.push_back(' ');
    pending = false;
    out.push_back(c);
  }
  return out;
}

struct Request {
  std::string method;
  std::string uri;
  std::string query;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string signed_headers;
  std::string payload;
};

std::string canonical_request(const Request& r) {
  std::string out = r.method;
  out.push_back('\n');
  out.append(r.uri).push_back('\n');
  out.append(r.query).push_back('\n');
  for (const auto& h : r.headers) out.append(h.first).append(":").append(canonical_value(h.second)).push_back('\n');
  out.push_back('\n');
  out.append(r.signed_headers).push_back('\n');
  out.append(r.payload);
  return out;
}

struct SortedParam {
  std::string name;   // encoded
  std::string value;  // encoded ('' for none)
  const DecodedParam* param;
};

std::string canonical_query(const std::vector<SortedParam>& params, bool without_token) {
  std::string out;
  for (const SortedParam& p : params) {
    if (without_token && p.param->name == "X-Amz-Security-Token") continue;
    if (!out.empty()) out.push_back('&');
    out.append(p.name).push_back('=');
    out.append(p.value);
  }
  return out;
}

std::string encode_path(std::string_view path) {
  std::string out;
  append_percent_encoded(out, path, /*keep_slash=*/true);
  return out;
}

}  // namespace

ExplainError explain_sigv4(const ExplainRequest& request, const Link& link, LinkExplanation& out) {
  out.kind = LinkKind::kSigV4;
  const DecodedParam* auth[6] = {};
  for (std::size_t i = 0; i < 6; ++i) {
    auth[i] = find_param(link, kRequired[i]);
    if (auth[i] == nullptr) return not_presigned(kRequired[i], "is missing: this is not a complete SigV4 pre-signed URL");
  }
  if (auth[0]->value != kAlgorithm) return not_presigned("X-Amz-Algorithm", "is not AWS4-HMAC-SHA256");
  // keyId/date/region/service/aws4_request, every part non-empty
  std::vector<std::string> credential;
  {
    const std::string& c = auth[1]->value;
    std::size_t start = 0;
    while (true) {
      const std::size_t slash = c.find('/', start);
      credential.push_back(c.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }
  if (credential.size() != 5 || credential[4] != "aws4_request" ||
      std::any_of(credential.begin(), credential.end(), [](const std::string& p) { return p.empty(); })) {
    return not_presigned("X-Amz-Credential", "is not \"keyId/date/region/service/aws4_request\"");
  }
  const std::string& scope_date = credential[1];
  const std::string& service = credential[3];
  const std::string& amz_date = auth[2]->value;
  if (!parse_amz_date(amz_date, out.start)) {
    return not_presigned("X-Amz-Date", "is not a UTC time like 20130524T000000Z");
  }
  std::int64_t expires = 0;
  if (!parse_seconds(auth[3]->value, expires)) return not_presigned("X-Amz-Expires", "is not a whole number of seconds");
  out.end = out.start + expires;
  out.access_key_id = credential[0];
  out.region = credential[2];
  out.has_region = true;
  out.credential_scope = scope_date + "/" + credential[2] + "/" + service + "/aws4_request";
  out.signature = auth[5]->value;
  const std::string& signed_list = auth[4]->value;

  // Every parameter but the signature is signed, sorted by encoded name, then value.
  std::vector<SortedParam> sorted;
  for (const DecodedParam& p : link.params) {
    if (p.name != "X-Amz-Signature") sorted.push_back(SortedParam{encode(p.name), encode(p.value), &p});
  }
  std::stable_sort(sorted.begin(), sorted.end(), [](const SortedParam& a, const SortedParam& b) {
    return a.name != b.name ? a.name < b.name : a.value < b.value;
  });
  for (const SortedParam& p : sorted) out.signed_params.push_back(LinkNameValue{p.param->name, p.param->value, p.param->has_value});

  std::vector<std::string> header_names;
  if (!signed_list.empty()) {
    std::size_t start = 0;
    while (true) {
      const std::size_t semi = signed_list.find(';', start);
      header_names.push_back(signed_list.substr(start, semi == std::string::npos ? std::string::npos : semi - start));
      if (semi == std::string::npos) break;
      start = semi + 1;
    }
  }
  Request r;
  r.method = out.method;
  r.uri = encode_path(link.path);
  r.query = canonical_query(sorted, false);
  r.signed_headers = signed_list;
  r.payload = std::string(kUnsignedPayload);
  for (const std::string& name : header_names) {
    LinkNameValue h{name, std::string(), false};
    if (name == "host") {
      h.value = link.url.host;
      h.has_value = true;
    } else {
      for (const Param& given : request.headers) {
        if (lower(std::string(given.name)) == name) {
          h.value = std::string(given.value);
          h.has_value = true;
          break;
        }
      }
    }
    r.headers.emplace_back(h.name, h.value);
    out.signed_headers.push_back(std::move(h));
  }
  out.canonical_request = canonical_request(r);
  const auto string_to_sign = [&](const std::string& canonical) {
    unsigned char digest[32];
    HashSha256 sha256;
    std::string hex(64, '0');
    if (!sha256.digest(canonical, digest).failed()) hex_lower(digest, sizeof digest, &hex[0]);
    return std::string(kAlgorithm) + "\n" + amz_date + "\n" + out.credential_scope + "\n" + hex;
  };
  out.string_to_sign = string_to_sign(out.canonical_request);

  if (scope_date != amz_date.substr(0, 8)) {
    add_problem(out, "SCOPE_DATE_MISMATCH", "X-Amz-Credential",
                "names the date " + scope_date + ", not the day of X-Amz-Date (" + amz_date.substr(0, 8) +
                    "): S3 refuses the link");
  }
  if (expires > kMaxExpires) {
    add_problem(out, "EXPIRES_TOO_LONG", "X-Amz-Expires", "is over 604800 seconds (7 days): S3 refuses the link");
  }
  window_problems(out, "X-Amz-Date", "X-Amz-Expires");
  if (std::find(header_names.begin(), header_names.end(), "host") == header_names.end()) {
    add_problem(out, "HOST_NOT_SIGNED", "X-Amz-SignedHeaders",
                "does not name host: S3 refuses a signature that does not cover the host");
  }
  if (link.url.path.find('+') != std::string::npos) {
    add_problem(out, "RAW_PLUS_IN_PATH", "key",
                "the path has a raw \"+\", which S3 reads as a space: a \"+\" in a key must be sent as %2B");
  }
  for (const LinkNameValue& h : out.signed_headers) {
    if (!h.has_value) {
      add_problem(out, "SIGNED_HEADER_NOT_SENT", h.name,
                  "is a signed header that options.headers does not give: the client must send it with the signed value");
    }
  }
  if (!request.has_secret_key) return ExplainError{};

  out.has_verified = true;
  V4Signer signer;
  const bool keyed = !signer.init(request.secret_key, scope_date, credential[2], service).failed();
  const auto signs = [&](const Request& changed) {
    char hex[64];
    const std::string canonical = canonical_request(changed);
    // The string to sign is rebuilt by the signer from the same parts.
    if (!keyed || signer.sign(amz_date, out.credential_scope, canonical, hex).failed()) return false;
    return same_signature(std::string_view(hex, sizeof hex), out.signature);
  };
  out.verified = signs(r);
  if (out.verified) return ExplainError{};

  // The inputs a SigV4 signature most often differs in, most likely first.
  const char* field = "X-Amz-Signature";
  for (const char* method : kOtherMethods) {
    if (method == out.method) continue;
    Request changed = r;
    changed.method = method;
    if (signs(changed)) {
      add_mismatch(out, field, std::string("method ") + method + ": the link was signed for " + method + ", not " +
                                   out.method + " (pass the method the client uses)");
      return ExplainError{};
    }
  }
  Request changed = r;
  changed.payload = std::string(kEmptyBodySha256);
  if (signs(changed)) {
    add_mismatch(out, field, "the SHA-256 of an empty body as the payload hash: a pre-signed URL signs UNSIGNED-PAYLOAD");
    return ExplainError{};
  }
  if (find_param(link, "X-Amz-Security-Token") != nullptr) {
    changed = r;
    changed.query = canonical_query(sorted, true);
    if (signs(changed)) {
      add_mismatch(out, field,
                   "the query without X-Amz-Security-Token: the token was added after signing, and S3 needs it signed");
      return ExplainError{};
    }
  }
  if (link.url.path != r.uri) {
    changed = r;
    changed.uri = link.url.path;
    if (signs(changed)) {
      add_mismatch(out, field, "the path as the URL spells it (" + link.url.path +
                                   "): the signer did not encode the key the way S3 does");
      return ExplainError{};
    }
  }
  changed = r;
  changed.uri = encode_path(r.uri);
  if (signs(changed)) {
    add_mismatch(out, field, "the path encoded twice: S3 paths are encoded once (other AWS services encode twice)");
    return ExplainError{};
  }
  for (const std::string& other : other_hosts(link)) {
    changed = r;
    for (auto& h : changed.headers) {
      if (h.first == "host") h.second = other;
    }
    if (signs(changed)) {
      add_mismatch(out, field, "host " + other + ": the link was signed for another host than the URL's");
      return ExplainError{};
    }
  }
  add_problem(out, "SIGNATURE_MISMATCH", field,
              std::string(field) + " does not match this link's request: " + mismatch_fallback(out.signed_headers));
  return ExplainError{};
}

}  // namespace explain_detail
}  // namespace cospresign
