#include "core/sigv4.h"

#include <algorithm>

#include "core/civil_time.h"
#include "core/cos_url.h"  // resolve_origin: host[:port] checks shared with the COS path
#include "core/order.h"
#include "core/text.h"

namespace cospresign {
namespace {

constexpr std::size_t kMaxS3KeyBytes = 1024;

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
constexpr std::string_view kDefaultService = "s3";
constexpr std::string_view kDefaultExpires = "900";

// The names the signature itself puts in the query. Compared
// case-insensitively: a caller's "x-amz-signature" next to ours would make
// the URL ambiguous to a server that lowercases names.
constexpr std::string_view kReservedQueryNames[] = {
    "x-amz-algorithm", "x-amz-credential",    "x-amz-date",     "x-amz-expires",
    "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token"};

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || is_digit(c); }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

// Decimal digits only, no sign, no leading zero, at most 15 digits (exact
// in a JS number).
bool parse_decimal(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.size() > 15 || (s.size() > 1 && s[0] == '0')) return false;
  out = 0;
  for (const char c : s) {
    if (!is_digit(c)) return false;
    out = out * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return true;
}

Error check_access_key_id(std::string_view id) {
  if (id.empty()) return Fail(ErrorCode::kMissingField, "accessKeyId", "is required");
  Error err = check_plain_text(id, "accessKeyId");
  if (err.failed()) return err;
  // Servers split X-Amz-Credential on '/', and a space would be trimmed.
  for (const char c : id) {
    if (c == '/' || c == ' ') {
      return Fail(ErrorCode::kInvalidAccessKeyId, "accessKeyId", "must not contain '/' or spaces");
    }
  }
  return Ok();
}

// Region and service are parts of the credential scope ("date/region/service/aws4_request").
Error check_scope_part(std::string_view part, const char* field, bool allow_upper_underscore,
                       ErrorCode code) {
  if (part.empty()) return Fail(ErrorCode::kMissingField, field, "is required");
  bool ok = part.size() <= 63;
  for (const char c : part) {
    ok = ok && (is_lower_alnum(c) || c == '-' || (allow_upper_underscore && ((c >= 'A' && c <= 'Z') || c == '_')));
  }
  if (ok) return Ok();
  return Fail(code, field,
              allow_upper_underscore ? "must be 1-63 of A-Z a-z 0-9 - _ (like us-east-1 or auto)"
                                     : "must be 1-63 of a-z 0-9 - (like s3)");
}

// S3 bucket naming rules (the ones every S3-compatible service shares).
Error check_bucket(std::string_view bucket) {
  const auto fail = [] {
    return Fail(ErrorCode::kInvalidBucket, "bucket",
                "must be 3-63 of a-z 0-9 . -, starting and ending with a letter or digit, without \"..\"");
  };
  if (bucket.size() < 3 || bucket.size() > 63) return fail();
  if (!is_lower_alnum(bucket.front()) || !is_lower_alnum(bucket.back())) return fail();
  if (bucket.find("..") != std::string_view::npos) return fail();
  for (const char c : bucket) {
    if (!(is_lower_alnum(c) || c == '-' || c == '.')) return fail();
  }
  return Ok();
}

bool is_ipv4(std::string_view host) {
  return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) { return is_digit(c) || c == '.'; });
}

// The origin ({scheme, host[:port]} as a browser sends Host) and whether the
// bucket goes into the path.
Error resolve_v4_origin(const V4PresignRequest& r, Origin& origin, bool& bucket_in_path) {
  if (r.endpoint.empty()) {
    // AWS S3, regional endpoint (what the AWS SDK v3 uses, us-east-1 included).
    if (r.bucket.empty()) return Fail(ErrorCode::kMissingField, "bucket", "is required without an endpoint");
    for (const char c : r.region) {
      if (!(is_lower_alnum(c) || c == '-')) {
        return Fail(ErrorCode::kInvalidHostLabel, "region", "must be a DNS label (a-z 0-9 -) for an AWS endpoint");
      }
    }
    if (r.region.front() == '-' || r.region.back() == '-') {
      return Fail(ErrorCode::kInvalidHostLabel, "region", "must be a DNS label (a-z 0-9 -) for an AWS endpoint");
    }
    // A dotted bucket does not match the *.s3 certificate: path style.
    bucket_in_path = r.path_style == PathStyle::kPath ||
                     (r.path_style == PathStyle::kAuto && r.bucket.find('.') != std::string_view::npos);
    std::string host;
    if (!bucket_in_path) host.append(r.bucket).push_back('.');
    host.append("s3.").append(r.region).append(".amazonaws.com");
    return resolve_origin("", "", host, "https", origin);
  }

  std::string_view rest = r.endpoint;
  std::string_view scheme = "https";
  if (istarts_with(rest, "https://")) {
    rest.remove_prefix(8);
  } else if (istarts_with(rest, "http://")) {
    scheme = "http";
    rest.remove_prefix(7);
  } else if (rest.find("://") != std::string_view::npos) {
    return Fail(ErrorCode::kInvalidProtocol, "endpoint", "must start with https:// or http://");
  }
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  const auto bad_endpoint = [] {
    return Fail(ErrorCode::kInvalidEndpoint, "endpoint",
                "must be a URL like https://host or http://host:port, without path, query or user info");
  };
  Origin endpoint_origin;
  // Templates are COS-only: a '{' is not part of an endpoint.
  if (rest.empty() || rest.find('{') != std::string_view::npos) return bad_endpoint();
  if (resolve_origin("", "", rest, scheme, endpoint_origin).failed()) return bad_endpoint();

  if (r.bucket.empty()) {
    // The endpoint already names the bucket (e.g. a COS bucket domain).
    if (r.path_style != PathStyle::kAuto) {
      return Fail(ErrorCode::kMissingField, "bucket", "is required when pathStyle is given");
    }
    origin = endpoint_origin;
    bucket_in_path = false;
    return Ok();
  }

  const std::string& hostport = endpoint_origin.host;
  const std::size_t colon = hostport.find(':');
  const std::string_view hostname = std::string_view(hostport).substr(0, colon);
  const bool local_endpoint = colon != std::string::npos || is_ipv4(hostname) || hostname == "localhost";
  if (r.path_style == PathStyle::kAuto) {
    // MinIO and other self-hosted servers (an IP, localhost or a port) take
    // path style by default; a dotted bucket would break a TLS wildcard.
    bucket_in_path = local_endpoint || r.bucket.find('.') != std::string_view::npos;
  } else {
    bucket_in_path = r.path_style == PathStyle::kPath;
  }
  if (bucket_in_path) {
    origin = endpoint_origin;
    return Ok();
  }
  if (is_ipv4(hostname)) {
    return Fail(ErrorCode::kInvalidEndpoint, "endpoint", "is an IP address: a virtual-hosted URL needs a host name");
  }
  std::string host(r.bucket);
  host.push_back('.');
  host.append(hostport);
  if (resolve_origin("", "", host, endpoint_origin.scheme, origin).failed()) return bad_endpoint();
  return Ok();
}

Error check_query_param(const Param& p, std::uint32_t index) {
  if (p.name.empty()) return Fail(ErrorCode::kInvalidName, "query name", "must not be empty", index);
  Error err = check_plain_text(p.name, "query name", index);
  if (err.failed()) return err;
  for (const std::string_view reserved : kReservedQueryNames) {
    if (iequals(p.name, reserved)) {
      return Fail(ErrorCode::kReservedName, "query name", "is a name the signature itself uses", index);
    }
  }
  return check_utf8(p.value, "query value", index);
}

Error check_header(const Param& p, std::uint32_t index) {
  if (p.name.empty()) return Fail(ErrorCode::kInvalidName, "header name", "must not be empty", index);
  Error err = check_plain_text(p.name, "header name", index);
  if (err.failed()) return err;
  for (const char c : p.name) {
    if (!is_tchar(static_cast<unsigned char>(c))) {
      return Fail(ErrorCode::kInvalidName, "header name", "must be an HTTP token (letters, digits, -, _ ...)", index);
    }
  }
  if (iequals(p.name, "host")) {
    return Fail(ErrorCode::kReservedName, "header name", "host is always signed from the endpoint and bucket", index);
  }
  if (!p.has_value) return Fail(ErrorCode::kInvalidValue, "header value", "is required for a header", index);
  err = check_plain_text(p.value, "header value", index);
  if (err.failed()) return err;
  // fetch() sends header values as Latin-1 bytes, not the UTF-8 we would sign.
  for (const char c : p.value) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      return Fail(ErrorCode::kInvalidValue, "header value", "must be ASCII (browsers send header bytes as Latin-1)",
                  index);
    }
  }
  return Ok();
}

// SigV4 canonical header value: surrounding spaces trimmed, runs of spaces
// collapsed (what a server computes from the header it receives).
void append_canonical_header_value(std::string& out, std::string_view value) {
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


struct QueryEntry {
  std::string name;   // encoded
  std::string value;  // encoded
  bool has_value = true;
};

}  // namespace

Error format_amz_date(std::uint64_t unix_seconds, std::string& out) {
  constexpr std::uint64_t kYear10000 = 253402300800;  // 10000-01-01T00:00:00Z
  if (unix_seconds >= kYear10000) return Fail(ErrorCode::kInvalidTime, "date", "must be before the year 10000");
  const CivilTime t = civil_time(static_cast<std::int64_t>(unix_seconds));
  const std::uint64_t fields[] = {static_cast<std::uint64_t>(t.year), static_cast<std::uint64_t>(t.month),
                                  static_cast<std::uint64_t>(t.day),  static_cast<std::uint64_t>(t.hour),
                                  static_cast<std::uint64_t>(t.minute), static_cast<std::uint64_t>(t.second)};
  const int widths[] = {4, 2, 2, 2, 2, 2};
  out.clear();
  for (int i = 0; i < 6; ++i) {
    if (i == 3) out.push_back('T');
    char digits[4];
    std::uint64_t v = fields[i];
    for (int d = widths[i] - 1; d >= 0; --d) {
      digits[d] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
    out.append(digits, static_cast<std::size_t>(widths[i]));
  }
  out.push_back('Z');
  return Ok();
}

Error V4Signer::init(std::string_view secret_access_key, std::string_view date8, std::string_view region,
                     std::string_view service) {
  if (secret_access_key.empty()) return Fail(ErrorCode::kMissingField, "secretAccessKey", "is required");
  std::string secret("AWS4");
  secret.append(secret_access_key);
  unsigned char key[32];
  Error err;
  {
    HmacSha256 step;
    err = step.set_key(secret);
    if (!err.failed()) err = step.sign(date8, key);
  }
  wipe(&secret[0], secret.size());
  // kDate -> kRegion -> kService -> kSigning, each keyed by the one before.
  const std::string_view steps[] = {region, service, "aws4_request"};
  for (const std::string_view message : steps) {
    if (err.failed()) break;
    HmacSha256 step;
    err = step.set_key(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
    if (!err.failed()) err = step.sign(message, key);
  }
  if (!err.failed()) err = signing_key_hmac_.set_key(std::string_view(reinterpret_cast<const char*>(key), sizeof key));
  wipe(key, sizeof key);
  return err;
}

Error V4Signer::sign(std::string_view amz_date, std::string_view scope, std::string_view canonical_request,
                     char* signature_hex) {
  unsigned char digest[32];
  Error err = sha256_.digest(canonical_request, digest);
  if (err.failed()) return err;
  char digest_hex[64];
  hex_lower(digest, sizeof digest, digest_hex);
  string_to_sign_.assign(kAlgorithm).push_back('\n');
  string_to_sign_.append(amz_date).push_back('\n');
  string_to_sign_.append(scope).push_back('\n');
  string_to_sign_.append(digest_hex, sizeof digest_hex);
  unsigned char signature[32];
  err = signing_key_hmac_.sign(string_to_sign_, signature);
  if (err.failed()) return err;
  hex_lower(signature, sizeof signature, signature_hex);
  return Ok();
}

Error presign_v4_urls(const V4PresignRequest& request, const std::vector<std::string_view>& keys, std::string& out,
                      char separator) {
  // --- credentials and scope ------------------------------------------------
  Error err = check_access_key_id(request.access_key_id);
  if (err.failed()) return err;
  if (request.secret_access_key.empty()) return Fail(ErrorCode::kMissingField, "secretAccessKey", "is required");
  err = check_plain_text(request.session_token, "sessionToken");
  if (err.failed()) return err;
  err = check_scope_part(request.region, "region", true, ErrorCode::kInvalidRegion);
  if (err.failed()) return err;
  const std::string_view service = request.service.empty() ? kDefaultService : request.service;
  err = check_scope_part(service, "service", false, ErrorCode::kInvalidService);
  if (err.failed()) return err;
  if (!request.bucket.empty()) {
    err = check_bucket(request.bucket);
    if (err.failed()) return err;
  }

  Origin origin;
  bool bucket_in_path = false;
  err = resolve_v4_origin(request, origin, bucket_in_path);
  if (err.failed()) return err;

  // S3 methods are uppercase; fetch() uppercases only some, so send what we sign.
  const std::string_view method_in = request.method.empty() ? std::string_view("GET") : request.method;
  std::string method;
  for (const char c : method_in) {
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
      return Fail(ErrorCode::kInvalidMethod, "method", "must be letters only, like GET or HEAD");
    }
    method.push_back(ascii_upper(c));
  }

  // --- time -------------------------------------------------------------------
  std::uint64_t date_seconds = 0;
  if (!parse_decimal(request.date, date_seconds)) {
    return Fail(ErrorCode::kInvalidTime, "date", "must be whole, non-negative unix seconds");
  }
  std::string amz_date;
  err = format_amz_date(date_seconds, amz_date);
  if (err.failed()) return err;
  const std::string_view expires_text = request.expires.empty() ? kDefaultExpires : request.expires;
  std::uint64_t expires = 0;
  if (!parse_decimal(expires_text, expires) || expires < 1) {
    return Fail(ErrorCode::kInvalidExpires, "expires", "must be a whole number of seconds, at least 1");
  }
  if (expires > kMaxV4Expires) {
    return Fail(ErrorCode::kExpiresTooLong, "expires", "must be at most 604800 seconds (7 days), the SigV4 limit");
  }

  // --- signed headers: host plus the caller's, lowercase, sorted ---------------
  std::vector<std::string> header_names(request.headers.size());
  for (std::uint32_t i = 0; i < request.headers.size(); ++i) {
    err = check_header(request.headers[i], i);
    if (err.failed()) return err;
    for (const char c : request.headers[i].name) header_names[i].push_back(ascii_lower(c));
  }
  header_names.emplace_back("host");
  std::vector<std::uint32_t> header_order;
  sort_indices(header_order, header_names.size(),
               [&](std::uint32_t a, std::uint32_t b) { return header_names[a] < header_names[b]; });
  std::string signed_headers;   // "host;range"
  std::string canonical_headers;  // "host:...\nrange:...\n"
  for (std::size_t k = 0; k < header_order.size(); ++k) {
    const std::uint32_t i = header_order[k];
    if (k > 0 && header_names[i] == header_names[header_order[k - 1]]) {
      return Fail(ErrorCode::kDuplicateName, "header name", "appears twice (names are compared case-insensitively)", i);
    }
    if (k > 0) signed_headers.push_back(';');
    signed_headers += header_names[i];
    canonical_headers += header_names[i];
    canonical_headers.push_back(':');
    if (i == request.headers.size()) {
      canonical_headers += origin.host;
    } else {
      append_canonical_header_value(canonical_headers, request.headers[i].value);
    }
    canonical_headers.push_back('\n');
  }

  // --- query: X-Amz-* and the caller's, encoded once, sorted -------------------
  std::string scope;
  scope.append(amz_date, 0, 8).push_back('/');
  scope.append(request.region).push_back('/');
  scope.append(service).append("/aws4_request");

  std::vector<QueryEntry> entries;
  entries.reserve(request.query.size() + 6);
  const auto add = [&entries](std::string_view name, std::string_view value, bool has_value) {
    QueryEntry e;
    append_percent_encoded(e.name, name);
    append_percent_encoded(e.value, value);
    e.has_value = has_value;
    entries.push_back(std::move(e));
  };
  for (std::uint32_t i = 0; i < request.query.size(); ++i) {
    err = check_query_param(request.query[i], i);
    if (err.failed()) return err;
  }
  add("X-Amz-Algorithm", kAlgorithm, true);
  std::string credential(request.access_key_id);
  credential.push_back('/');
  credential.append(scope);
  add("X-Amz-Credential", credential, true);
  add("X-Amz-Date", amz_date, true);
  add("X-Amz-Expires", expires_text, true);
  if (!request.session_token.empty()) add("X-Amz-Security-Token", request.session_token, true);
  add("X-Amz-SignedHeaders", signed_headers, true);
  const std::size_t first_caller_entry = entries.size();
  for (const Param& p : request.query) add(p.name, p.has_value ? p.value : std::string_view(), p.has_value);

  std::vector<std::uint32_t> order;
  sort_indices(order, entries.size(), [&](std::uint32_t a, std::uint32_t b) {
    return entries[a].name != entries[b].name ? entries[a].name < entries[b].name : entries[a].value < entries[b].value;
  });
  std::string canonical_query;  // every name=value, as signed
  std::string url_query;        // the same, a parameter without value as bare name
  for (std::size_t k = 0; k < order.size(); ++k) {
    const QueryEntry& e = entries[order[k]];
    if (k > 0 && e.name == entries[order[k - 1]].name) {
      const std::uint32_t index = static_cast<std::uint32_t>(
          std::max(order[k], order[k - 1]) - first_caller_entry);
      return Fail(ErrorCode::kDuplicateName, "query name", "appears twice", index);
    }
    if (k > 0) {
      canonical_query.push_back('&');
      url_query.push_back('&');
    }
    canonical_query.append(e.name).push_back('=');
    canonical_query.append(e.value);
    url_query.append(e.name);
    if (e.has_value) url_query.append("=").append(e.value);
  }

  // --- keys ---------------------------------------------------------------
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    err = check_url_path_key(keys[i], i);
    if (err.failed()) return err;
    // S3 refuses longer keys, so no such object can exist (as for COS's 850).
    if (keys[i].size() > kMaxS3KeyBytes) {
      return Fail(ErrorCode::kKeyTooLong, "key", "is longer than the 1024 bytes (as UTF-8) of an S3 object key", i);
    }
  }

  // The exact output size, checked against the limit before any of it is
  // allocated (kMaxUrlsBytes, as for COS URLs), and reserved once.
  constexpr std::string_view kSignatureField = "&X-Amz-Signature=";
  const std::size_t per_url = origin.scheme.size() + 3 + origin.host.size() + 1 +
                              (bucket_in_path ? request.bucket.size() + 1 : 0) + 1 + url_query.size() +
                              kSignatureField.size() + 64 + 1;
  std::size_t total = 0;
  for (const std::string_view key : keys) {
    total += per_url + percent_encoded_size(key, /*keep_slash=*/true);
    if (total > kMaxUrlsBytes) {
      return Fail(ErrorCode::kTooLarge, "request", "would give over 256 MiB of URLs: split the batch");
    }
  }

  V4Signer signer;
  err = signer.init(request.secret_access_key, std::string_view(amz_date).substr(0, 8), request.region, service);
  if (err.failed()) return err;

  out.clear();
  out.reserve(total);
  std::string path;
  std::string canonical_request;
  char signature[64];
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    // Encoded once, '/' kept, never normalized: the S3 rule.
    path.assign("/");
    if (bucket_in_path) path.append(request.bucket).push_back('/');
    append_percent_encoded(path, keys[i], /*keep_slash=*/true);

    canonical_request.assign(method).push_back('\n');
    canonical_request.append(path).push_back('\n');
    canonical_request.append(canonical_query).push_back('\n');
    canonical_request.append(canonical_headers).push_back('\n');
    canonical_request.append(signed_headers).append("\nUNSIGNED-PAYLOAD");
    err = signer.sign(amz_date, scope, canonical_request, signature);
    if (err.failed()) return err;

    out.append(origin.scheme).append("://").append(origin.host).append(path);
    out.push_back('?');
    out.append(url_query).append(kSignatureField).append(signature, sizeof signature);
    out.push_back(separator);
  }
  return Ok();
}

}  // namespace cospresign
