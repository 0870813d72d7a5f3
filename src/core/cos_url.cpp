#include "core/cos_url.h"

#include "core/text.h"

namespace cospresign {
namespace {

constexpr std::size_t kMaxCosKeyBytes = 850;
constexpr std::string_view kDefaultDomain = "{Bucket}.cos.{Region}.myqcloud.com";
// Regions from before the "cos." prefix (as cos-js-sdk-v5 maps them).
constexpr std::string_view kLegacyDomain = "{Bucket}.{Region}.myqcloud.com";
constexpr std::string_view kLegacyRegions[] = {"cn-south", "cn-south-2", "cn-north", "cn-east", "cn-southwest", "sg"};

// Names the signature itself uses in the query: a caller's parameter with
// one of these names would be ambiguous, so it is refused.
constexpr std::string_view kReservedQueryNames[] = {
    "q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time", "q-header-list",
    "q-url-param-list", "q-signature", "x-cos-security-token", "sign"};

Error check_host_label(std::string_view label, const char* field) {
  if (label.empty()) return Fail(ErrorCode::kMissingField, field, "is required");
  if (label.size() > 63 || label.front() == '-' || label.back() == '-') {
    return Fail(ErrorCode::kInvalidHostLabel, field,
                "must be a DNS label: 1-63 of a-z 0-9 -, not starting or ending with -");
  }
  for (const char c : label) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
      return Fail(ErrorCode::kInvalidHostLabel, field,
                  "must be a DNS label: 1-63 of a-z 0-9 -, not starting or ending with -");
    }
  }
  return Ok();
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x + 32);
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y + 32);
    if (x != y) return false;
  }
  return true;
}

// Replaces {Bucket}, {Region}, {AppId}, {BucketName} (case-insensitive).
Error fill_template(std::string_view domain, std::string_view bucket, std::string_view region,
                    std::string& out) {
  const std::size_t dash = bucket.rfind('-');
  const std::string_view short_bucket = dash == std::string_view::npos ? bucket : bucket.substr(0, dash);
  const std::string_view app_id = dash == std::string_view::npos ? std::string_view() : bucket.substr(dash + 1);
  out.clear();
  for (std::size_t i = 0; i < domain.size();) {
    if (domain[i] != '{') {
      out.push_back(domain[i++]);
      continue;
    }
    const std::size_t close = domain.find('}', i);
    if (close == std::string_view::npos) break;
    const std::string_view name = domain.substr(i + 1, close - i - 1);
    if (iequals(name, "Bucket")) {
      out.append(bucket);
    } else if (iequals(name, "Region")) {
      out.append(region);
    } else if (iequals(name, "AppId")) {
      out.append(app_id);
    } else if (iequals(name, "BucketName")) {
      out.append(short_bucket);
    } else {
      return Fail(ErrorCode::kInvalidDomain, "domain",
                  "has an unknown placeholder (use {Bucket}, {Region}, {AppId} or {BucketName})");
    }
    i = close + 1;
  }
  return Ok();
}

}  // namespace

Error resolve_origin(std::string_view bucket, std::string_view region, std::string_view domain,
                     std::string_view protocol, Origin& out) {
  // Schemes are case-insensitive (RFC 3986); a trailing ':' as in location.protocol.
  if (!protocol.empty() && protocol.back() == ':') protocol.remove_suffix(1);
  if (protocol.empty() || iequals(protocol, "https")) {
    out.scheme = "https";
  } else if (iequals(protocol, "http")) {
    out.scheme = "http";
  } else {
    return Fail(ErrorCode::kInvalidProtocol, "protocol", "must be \"https\" or \"http\"");
  }

  std::string_view chosen = domain;
  if (chosen.empty()) {
    chosen = kDefaultDomain;
    for (const std::string_view legacy : kLegacyRegions) {
      if (region == legacy) chosen = kLegacyDomain;
    }
  }
  // Bucket and region are only required where the domain uses them.
  if (chosen.find('{') != std::string_view::npos || domain.empty()) {
    Error err = check_host_label(bucket, "bucket");
    if (err.failed()) return err;
    err = check_host_label(region, "region");
    if (err.failed()) return err;
  }

  std::string host;
  Error err = fill_template(chosen, bucket, region, host);
  if (err.failed()) return err;

  // host[:port], lowercase; browsers lowercase the host they send.
  const std::size_t colon = host.find(':');
  std::string_view name = std::string_view(host).substr(0, colon);
  std::string_view port = colon == std::string::npos ? std::string_view() : std::string_view(host).substr(colon + 1);
  const auto bad_domain = [] {
    return Fail(ErrorCode::kInvalidDomain, "domain",
                "must be a host name with an optional :port, without scheme or path");
  };
  if (name.empty() || name.size() > 253 || name.front() == '.' || name.back() == '.' ||
      name.find("..") != std::string_view::npos) {
    return bad_domain();
  }
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return bad_domain();
  }
  if (colon != std::string::npos) {
    if (port.empty() || port.size() > 5 || port.front() == '0') return bad_domain();
    unsigned value = 0;
    for (const char c : port) {
      if (c < '0' || c > '9') return bad_domain();
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 65535) return bad_domain();
  }

  out.host.clear();
  for (const char c : name) out.host.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c);
  const bool default_port = (out.scheme == "https" && port == "443") || (out.scheme == "http" && port == "80");
  if (!port.empty() && !default_port) out.host.append(":").append(port);
  return Ok();
}

Error check_object_key(std::string_view key, std::uint32_t index, std::string_view& normalized) {
  const Error err = check_url_path_key(key, index);
  if (err.failed()) return err;
  if (key.front() == '/') key.remove_prefix(1);
  // COS refuses longer keys, so no such object can exist: say so here
  // rather than hand out a link that can only fail.
  if (key.size() > kMaxCosKeyBytes) {
    return Fail(ErrorCode::kKeyTooLong, "key", "is longer than the 850 bytes (as UTF-8) of a COS object key", index);
  }
  normalized = key;
  return Ok();
}

Error presign_urls(const PresignRequest& request, const std::vector<std::string_view>& keys,
                   std::string& out, char separator, UrlLayout layout, char* sign_key_out,
                   std::size_t max_bytes) {
  Error err = check_secret_id(request.secret_id);
  if (err.failed()) return err;
  if (request.secret_key.empty() && request.sign_key.empty()) {
    return Fail(ErrorCode::kMissingField, "secretKey", "is required");
  }
  err = check_plain_text(request.session_token, "sessionToken");
  if (err.failed()) return err;

  Origin origin;
  err = resolve_origin(request.bucket, request.region, request.domain, request.protocol, origin);
  if (err.failed()) return err;

  std::string method;
  err = normalize_method(request.method.empty() ? std::string_view("get") : request.method, method);
  if (err.failed()) return err;

  CanonicalParams query;
  err = canonicalize(request.query, ParamKind::kQuery, query);
  if (err.failed()) return err;

  // The host is always signed, so a URL cannot be replayed on another bucket.
  std::vector<Param> headers = request.headers;
  for (std::uint32_t i = 0; i < headers.size(); ++i) {
    if (iequals(headers[i].name, "host")) {
      return Fail(ErrorCode::kReservedName, "header name", "host is always signed from bucket/region/domain", i);
    }
  }
  headers.push_back(Param{"host", origin.host, true});
  CanonicalParams signed_headers;
  err = canonicalize(headers, ParamKind::kHeader, signed_headers);
  if (err.failed()) return err;

  // The query part after the signature is the same for every key.
  std::string query_tail;
  if (!request.session_token.empty()) {
    query_tail.append("&x-cos-security-token=");
    append_percent_encoded(query_tail, request.session_token);
  }
  std::string encoded_name;
  for (const std::uint32_t i : query.order) {
    encoded_name.clear();
    append_percent_encoded_lower(encoded_name, request.query[i].name);
    for (const std::string_view reserved : kReservedQueryNames) {
      if (encoded_name == reserved) {
        return Fail(ErrorCode::kReservedName, "query name", "is a name the signature itself uses", i);
      }
    }
    query_tail.push_back('&');
    append_percent_encoded(query_tail, request.query[i].name);
    if (request.query[i].has_value) {
      query_tail.push_back('=');
      append_percent_encoded(query_tail, request.query[i].value);
    }
  }
  // In a URL, COS decodes the list values once before using them, so each
  // (already encoded) name is encoded again; ';' separates them.
  const auto encode_list = [](const std::string& list) {
    std::string encoded;
    std::size_t start = 0;
    while (start <= list.size() && !list.empty()) {
      std::size_t semi = list.find(';', start);
      if (semi == std::string::npos) semi = list.size();
      if (start > 0) encoded.push_back(';');
      append_percent_encoded(encoded, std::string_view(list).substr(start, semi - start));
      start = semi + 1;
    }
    return encoded;
  };
  const std::string header_list = encode_list(signed_headers.name_list);
  const std::string param_list = encode_list(query.name_list);

  std::vector<std::string_view> normalized(keys.size());
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    err = check_object_key(keys[i], i, normalized[i]);
    if (err.failed()) return err;
  }

  // The exact size of the URLs, checked against the limit before any of it
  // is allocated (the output is reserved once rather than grown by
  // doubling). Without kWhole, the tail is counted once, as it is written.
  const bool shared_tail = layout != UrlLayout::kWhole;
  std::string auth_probe;
  append_authorization(auth_probe, request.secret_id, request.key_time, header_list, param_list,
                       std::string_view("0000000000000000000000000000000000000000", 40));
  const std::size_t prefix_size = origin.scheme.size() + 3 + origin.host.size() + 1;
  const std::size_t per_url = prefix_size + 1 + auth_probe.size() + (shared_tail ? 0 : query_tail.size()) + 1;
  std::size_t total = shared_tail ? query_tail.size() + 1 : 0;
  std::size_t parts_total = (prefix_size + 1) + (1 + auth_probe.size() - 40 + 1) + (query_tail.size() + 1);
  for (const std::string_view key : normalized) {
    const std::size_t path_size = percent_encoded_size(key, /*keep_slash=*/true);
    total += per_url + path_size;
    parts_total += path_size + 40 + 1;
    if (total > max_bytes) {
      return Fail(ErrorCode::kTooLarge, "request", "would give over 256 MiB of URLs: split the batch");
    }
  }

  CosSigner signer;
  err = request.sign_key.empty() ? signer.init(request.secret_key, request.key_time)
                                 : signer.init_with_sign_key(request.sign_key, request.key_time);
  if (err.failed()) return err;
  if (sign_key_out != nullptr && request.sign_key.empty()) {
    for (std::size_t i = 0; i < signer.sign_key().size(); ++i) sign_key_out[i] = signer.sign_key()[i];
  }

  out.clear();
  const std::size_t out_size = layout == UrlLayout::kSharedParts ? parts_total : total;
  if (out_size > out.capacity()) out.reserve(out_size);  // libc++ would shrink on a smaller reserve
  if (layout == UrlLayout::kSharedParts) {
    out.append(origin.scheme).append("://").append(origin.host).append("/").push_back(separator);
    out.push_back('?');
    out.append(auth_probe, 0, auth_probe.size() - 40).push_back(separator);
  }
  if (shared_tail) out.append(query_tail).push_back(separator);
  std::string path;
  char signature[40];
  for (std::uint32_t i = 0; i < keys.size(); ++i) {
    path.assign("/").append(normalized[i]);
    err = signer.sign(method, path, query.pairs, signed_headers.pairs, signature);
    if (err.failed()) return err;
    if (layout == UrlLayout::kSharedParts) {
      append_percent_encoded(out, normalized[i], /*keep_slash=*/true);
      out.append(signature, sizeof signature).push_back(separator);
      continue;
    }
    out.append(origin.scheme).append("://").append(origin.host).push_back('/');
    append_percent_encoded(out, normalized[i], /*keep_slash=*/true);
    out.push_back('?');
    append_authorization(out, request.secret_id, request.key_time, header_list, param_list,
                         std::string_view(signature, sizeof signature));
    if (!shared_tail) out.append(query_tail);
    out.push_back(separator);
  }
  return Ok();
}

}  // namespace cospresign
