#include "core/cos_signature.h"

#include <algorithm>

#include "core/order.h"
#include "core/text.h"

namespace cospresign {
namespace {

Error check_param(const Param& p, ParamKind kind, std::uint32_t index) {
  const bool header = kind == ParamKind::kHeader;
  const char* name_field = header ? "header name" : "query name";
  const char* value_field = header ? "header value" : "query value";
  if (p.name.empty()) return Fail(ErrorCode::kInvalidName, name_field, "must not be empty", index);
  Error err = check_plain_text(p.name, name_field, index);
  if (err.failed()) return err;
  if (header) {
    for (const char c : p.name) {
      if (!is_tchar(static_cast<unsigned char>(c))) {
        return Fail(ErrorCode::kInvalidName, name_field, "must be an HTTP token (letters, digits, -, _ ...)",
                    index);
      }
    }
    if (!p.has_value) return Fail(ErrorCode::kInvalidValue, value_field, "is required for a header", index);
    // A header travels raw: control characters cannot be sent, and servers
    // strip surrounding whitespace, which would change what was signed.
    err = check_plain_text(p.value, value_field, index);
    if (err.failed()) return err;
    if (!p.value.empty() && (p.value.front() == ' ' || p.value.back() == ' ')) {
      return Fail(ErrorCode::kInvalidValue, value_field, "must not start or end with a space", index);
    }
    // Clients send header bytes as Latin-1 (fetch refuses anything else), so
    // a non-ASCII value would be signed as UTF-8 and sent as something else.
    for (const char c : p.value) {
      if (static_cast<unsigned char>(c) >= 0x80) {
        return Fail(ErrorCode::kInvalidValue, value_field, "must be ASCII (clients do not send header values as UTF-8)", index);
      }
    }
    return Ok();
  }
  return check_utf8(p.value, value_field, index);
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Error canonicalize(const std::vector<Param>& params, ParamKind kind, CanonicalParams& out) {
  out.name_list.clear();
  out.pairs.clear();

  std::vector<std::string> names(params.size());
  for (std::uint32_t i = 0; i < params.size(); ++i) {
    Error err = check_param(params[i], kind, i);
    if (err.failed()) return err;
    append_percent_encoded_lower(names[i], params[i].name);
  }
  sort_indices(out.order, params.size(), [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b]; });

  for (std::size_t k = 0; k < out.order.size(); ++k) {
    const std::uint32_t i = out.order[k];
    if (k > 0 && names[i] == names[out.order[k - 1]]) {
      return Fail(ErrorCode::kDuplicateName, kind == ParamKind::kHeader ? "header name" : "query name",
                  "appears twice (names are compared case-insensitively)", i);
    }
    if (k > 0) {
      out.name_list.push_back(';');
      out.pairs.push_back('&');
    }
    out.name_list += names[i];
    out.pairs += names[i];
    out.pairs.push_back('=');
    if (params[i].has_value) append_percent_encoded(out.pairs, params[i].value);
  }
  return Ok();
}

Error parse_key_time(std::string_view key_time, std::uint64_t& start, std::uint64_t& end) {
  const auto fail = [] {
    return Fail(ErrorCode::kInvalidKeyTime, "keyTime", "must be \"start;end\" in whole unix seconds");
  };
  const std::size_t semi = key_time.find(';');
  if (semi == std::string_view::npos) return fail();
  const std::string_view parts[2] = {key_time.substr(0, semi), key_time.substr(semi + 1)};
  std::uint64_t values[2] = {0, 0};
  for (int i = 0; i < 2; ++i) {
    const std::string_view p = parts[i];
    // No sign, no leading zeros, at most 15 digits (exact in a JS number).
    if (!all_digits(p) || p.size() > 15 || (p.size() > 1 && p[0] == '0')) return fail();
    for (const char c : p) values[i] = values[i] * 10 + static_cast<std::uint64_t>(c - '0');
  }
  // An empty window signs nothing usable: a link would be expired when made.
  if (values[0] >= values[1]) return Fail(ErrorCode::kTimeOrder, "keyTime", "must end after it starts");
  start = values[0];
  end = values[1];
  return Ok();
}

Error normalize_method(std::string_view method, std::string& out) {
  if (method.empty()) return Fail(ErrorCode::kInvalidMethod, "method", "must not be empty");
  out.clear();
  for (const char c : method) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back(static_cast<char>(c + 32));
    } else if (c >= 'a' && c <= 'z') {
      out.push_back(c);
    } else {
      return Fail(ErrorCode::kInvalidMethod, "method", "must be letters only, like GET or HEAD");
    }
  }
  return Ok();
}

Error check_secret_id(std::string_view secret_id) {
  if (secret_id.empty()) return Fail(ErrorCode::kMissingField, "secretId", "is required");
  for (const char c : secret_id) {
    if (!is_unreserved(static_cast<unsigned char>(c))) {
      return Fail(ErrorCode::kInvalidSecretId, "secretId", "may contain only A-Z a-z 0-9 - _ . ~");
    }
  }
  return Ok();
}

CosSigner::~CosSigner() { clear(); }

Error CosSigner::init(std::string_view secret_key, std::string_view key_time) {
  if (secret_key.empty()) return Fail(ErrorCode::kMissingField, "secretKey", "is required");
  std::uint64_t start = 0, end = 0;
  Error err = parse_key_time(key_time, start, end);
  if (err.failed()) return err;

  HmacSha1 secret_key_hmac;
  err = secret_key_hmac.set_key(secret_key);
  if (err.failed()) return err;
  unsigned char raw[20];
  err = secret_key_hmac.sign(key_time, raw);
  if (err.failed()) return err;
  // The SignKey is the 40-character hex string, not the 20 raw bytes.
  hex_lower(raw, sizeof raw, sign_key_hex_);
  sign_key_size_ = sizeof sign_key_hex_;
  wipe(raw, sizeof raw);
  err = sign_key_hmac_.set_key(sign_key());
  if (err.failed()) return err;
  key_time_.assign(key_time.data(), key_time.size());
  return Ok();
}

Error CosSigner::init_with_sign_key(std::string_view sign_key_hex, std::string_view key_time) {
  std::uint64_t start = 0, end = 0;
  Error err = parse_key_time(key_time, start, end);
  if (err.failed()) return err;
  bool hex = sign_key_hex.size() == 40;
  for (const char c : sign_key_hex) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (!hex) return Fail(ErrorCode::kMalformedRequest, "signKey", "must be 40 lowercase hex characters");
  err = sign_key_hmac_.set_key(sign_key_hex);
  if (err.failed()) return err;
  key_time_.assign(key_time.data(), key_time.size());
  return Ok();
}

Error CosSigner::sign(std::string_view method, std::string_view path, std::string_view params,
                      std::string_view headers, char* signature_hex) {
  http_string_.clear();
  http_string_.reserve(method.size() + path.size() + params.size() + headers.size() + 4);
  http_string_.append(method).push_back('\n');
  http_string_.append(path).push_back('\n');
  http_string_.append(params).push_back('\n');
  http_string_.append(headers).push_back('\n');

  unsigned char digest[20];
  Error err = sha1_.digest(http_string_, digest);
  if (err.failed()) return err;

  string_to_sign_.assign("sha1\n");
  string_to_sign_.append(key_time_).push_back('\n');
  char digest_hex[40];
  hex_lower(digest, sizeof digest, digest_hex);
  string_to_sign_.append(digest_hex, sizeof digest_hex).push_back('\n');

  unsigned char signature[20];
  err = sign_key_hmac_.sign(string_to_sign_, signature);
  if (err.failed()) return err;
  hex_lower(signature, sizeof signature, signature_hex);
  return Ok();
}

void CosSigner::clear() {
  sign_key_hmac_.clear();
  wipe(sign_key_hex_, sizeof sign_key_hex_);
  sign_key_size_ = 0;
  key_time_.clear();
}

void append_authorization(std::string& out, std::string_view secret_id, std::string_view key_time,
                          std::string_view header_list, std::string_view param_list,
                          std::string_view signature_hex) {
  out.append("q-sign-algorithm=sha1&q-ak=").append(secret_id);
  out.append("&q-sign-time=").append(key_time);
  out.append("&q-key-time=").append(key_time);
  out.append("&q-header-list=").append(header_list);
  out.append("&q-url-param-list=").append(param_list);
  out.append("&q-signature=").append(signature_hex);
}

Error build_authorization(const AuthorizationRequest& request, std::string& out) {
  Error err = check_secret_id(request.secret_id);
  if (err.failed()) return err;

  const char* path_field = request.path_is_pathname ? "pathname" : "key";
  if (request.path.empty()) return Fail(ErrorCode::kEmptyKey, path_field, "must not be empty");
  err = check_plain_text(request.path, path_field);
  if (err.failed()) return err;
  if (!request.path_is_pathname && request.path.find_first_not_of('/') == std::string_view::npos) {
    return Fail(ErrorCode::kEmptyKey, path_field, "must name an object, not only slashes");
  }
  err = check_no_dot_segments(request.path, path_field);
  if (err.failed()) return err;
  std::string path;
  if (request.path.front() != '/') path.push_back('/');
  path.append(request.path);

  std::string method;
  err = normalize_method(request.method, method);
  if (err.failed()) return err;

  CanonicalParams query, headers;
  err = canonicalize(request.query, ParamKind::kQuery, query);
  if (err.failed()) return err;
  err = canonicalize(request.headers, ParamKind::kHeader, headers);
  if (err.failed()) return err;

  CosSigner signer;
  err = signer.init(request.secret_key, request.key_time);
  if (err.failed()) return err;
  char signature[40];
  err = signer.sign(method, path, query.pairs, headers.pairs, signature);
  if (err.failed()) return err;

  out.clear();
  append_authorization(out, request.secret_id, request.key_time, headers.name_list, query.name_list,
                       std::string_view(signature, sizeof signature));
  return Ok();
}

}  // namespace cospresign
