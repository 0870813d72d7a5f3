// The whole signature and URL assembly (presign_urls, build_authorization)
// from structured arbitrary input. Every URL produced is read back the way a
// server reads it and checked against a reference signer written here on
// mbedTLS's one-shot digests (not the core's CosSigner):
//   - printable ASCII; the decoded path is the key; the query carries exactly
//     the caller's parameters, the token, and the signature fields;
//   - the signature recomputed from the parsed URL matches, and equals the one
//     build_authorization gives for the same request with its host header;
//   - the same input signs the same twice; a batch equals single calls;
//   - every failure has a documented code.
#include <fuzzer/FuzzedDataProvider.h>

#include <mbedtls/md.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/cos_signature.h"
#include "core/cos_url.h"
#include "fuzz_support.h"

using namespace cospresign;
using namespace fuzzsupport;

namespace {

std::string hex(const unsigned char* p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s.push_back(digits[p[i] >> 4]), s.push_back(digits[p[i] & 15]);
  return s;
}

std::string hmac_sha1_hex(std::string_view key, std::string_view msg) {
  unsigned char out[20];
  FUZZ_CHECK(mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA1), reinterpret_cast<const unsigned char*>(key.data()),
                             key.size(), reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), out) == 0);
  return hex(out, 20);
}

std::string sha1_hex(std::string_view msg) {
  unsigned char out[20];
  FUZZ_CHECK(mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA1), reinterpret_cast<const unsigned char*>(msg.data()),
                        msg.size(), out) == 0);
  return hex(out, 20);
}

// "a=1&b=2" from decoded (name, value) pairs, as Tencent documents it.
std::string canonical_pairs(std::vector<std::pair<std::string, std::string>> pairs) {
  for (auto& p : pairs) p = {reference_encode(p.first, true), reference_encode(p.second, false)};
  std::sort(pairs.begin(), pairs.end());
  std::string s;
  for (const auto& p : pairs) s.append(s.empty() ? "" : "&").append(p.first).append("=").append(p.second);
  return s;
}

std::string reference_signature(std::string_view secret_key, std::string_view key_time, std::string_view method,
                                std::string_view path, const std::vector<std::pair<std::string, std::string>>& query,
                                const std::vector<std::pair<std::string, std::string>>& headers) {
  const std::string sign_key = hmac_sha1_hex(secret_key, key_time);
  const std::string http = ascii_lower(method) + "\n" + std::string(path) + "\n" + canonical_pairs(query) + "\n" +
                           canonical_pairs(headers) + "\n";
  const std::string to_sign = "sha1\n" + std::string(key_time) + "\n" + sha1_hex(http) + "\n";
  return hmac_sha1_hex(sign_key, to_sign);
}

// Mostly plausible values (so the success path is reached), sometimes anything.
std::string pick(FuzzedDataProvider& fdp, std::initializer_list<const char*> choices, std::size_t max_random = 24) {
  const std::size_t n = choices.size();
  const std::size_t i = fdp.ConsumeIntegralInRange<std::size_t>(0, n);
  if (i < n) return *(choices.begin() + i);
  return fdp.ConsumeRandomLengthString(max_random);
}

std::string text_from(FuzzedDataProvider& fdp, std::string_view alphabet, std::size_t max_len) {
  const std::size_t len = fdp.ConsumeIntegralInRange<std::size_t>(0, max_len);
  std::string s;
  for (std::size_t i = 0; i < len && fdp.remaining_bytes() > 0; ++i) {
    s.push_back(alphabet[fdp.ConsumeIntegralInRange<std::size_t>(0, alphabet.size() - 1)]);
  }
  return s;
}

struct Input {
  std::string secret_id, secret_key, session_token, method, key_time, bucket, region, domain, protocol;
  std::vector<std::pair<std::string, std::string>> query, headers;
  std::vector<bool> query_has_value;
  std::vector<std::string> keys;
};

Input read_input(FuzzedDataProvider& fdp) {
  Input in;
  in.secret_id = fdp.ConsumeBool() ? text_from(fdp, "AKIDabcxyz0189-_.~", 40) : fdp.ConsumeRandomLengthString(40);
  in.secret_key = fdp.ConsumeRandomLengthString(80);
  in.session_token = pick(fdp, {"", "", "tok+/=", "abc"}, 80);
  in.method = pick(fdp, {"", "get", "GET", "Head", "put"});
  const std::uint64_t start = fdp.ConsumeIntegralInRange<std::uint64_t>(0, 999999999999999ull);
  const std::uint64_t end = start + fdp.ConsumeIntegralInRange<std::uint64_t>(0, 1000000);
  in.key_time = fdp.ConsumeProbability<float>() < 0.9f ? std::to_string(start) + ";" + std::to_string(end)
                                                       : fdp.ConsumeRandomLengthString(24);
  in.bucket = pick(fdp, {"examplebucket-1250000000", "b-1", "a", "x-y-z"});
  in.region = pick(fdp, {"ap-guangzhou", "ap-beijing", "cn-south", "sg", "accelerate"});
  in.domain = pick(fdp, {"", "", "", "{Bucket}.cos.{Region}.myqcloud.com", "cdn.example.com:8443",
                         "{BucketName}-{AppId}.example.com:443", "Files.Example.COM", "{bucket}.{region}.x"});
  in.protocol = pick(fdp, {"", "https", "http", "http:", "https:"});
  const std::size_t nq = fdp.ConsumeIntegralInRange<std::size_t>(0, 6);
  for (std::size_t i = 0; i < nq && fdp.remaining_bytes() > 0; ++i) {
    std::string name = fdp.ConsumeBool() ? pick(fdp, {"response-content-disposition", "q-ak", "Sign", "a", "A",
                                                      "imageMogr2/thumbnail/!200x200r", "x-cos-security-token"})
                                         : fdp.ConsumeRandomLengthString(16);
    in.query_has_value.push_back(fdp.ConsumeProbability<float>() > 0.2f);
    std::string value = in.query_has_value.back() ? fdp.ConsumeRandomLengthString(32) : std::string();
    in.query.emplace_back(std::move(name), std::move(value));
  }
  const std::size_t nh = fdp.ConsumeIntegralInRange<std::size_t>(0, 3);
  for (std::size_t i = 0; i < nh && fdp.remaining_bytes() > 0; ++i) {
    std::string name = fdp.ConsumeBool() ? pick(fdp, {"Range", "x-cos-meta-a", "Host", "Content-Type", "If-Match"})
                                         : text_from(fdp, "abcXYZ-_!#$%&'*+.^`|~ :", 12);
    in.headers.emplace_back(std::move(name), fdp.ConsumeRandomLengthString(24));
  }
  const std::size_t nk = fdp.ConsumeIntegralInRange<std::size_t>(1, 4);
  for (std::size_t i = 0; i < nk; ++i) in.keys.push_back(fdp.ConsumeRandomLengthString(48));
  return in;
}

PresignRequest request_of(const Input& in) {
  PresignRequest r;
  r.secret_id = in.secret_id;
  r.secret_key = in.secret_key;
  r.session_token = in.session_token;
  r.method = in.method;
  r.key_time = in.key_time;
  r.bucket = in.bucket;
  r.region = in.region;
  r.domain = in.domain;
  r.protocol = in.protocol;
  for (std::size_t i = 0; i < in.query.size(); ++i) {
    r.query.push_back(Param{in.query[i].first, in.query[i].second, in.query_has_value[i]});
  }
  for (const auto& h : in.headers) r.headers.push_back(Param{h.first, h.second, true});
  return r;
}

std::string decoded(std::string_view s) {
  std::string out;
  FUZZ_CHECK(percent_decode(s, out));
  return out;
}

void check_url(const Input& in, const PresignRequest& request, std::string_view url, std::string_view key) {
  FUZZ_CHECK(is_url_text(url));
  const bool http = in.protocol == "http" || in.protocol == "http:";
  const std::string_view scheme = http ? "http://" : "https://";
  FUZZ_CHECK(url.substr(0, scheme.size()) == scheme);
  url.remove_prefix(scheme.size());
  const std::size_t slash = url.find('/');
  FUZZ_CHECK(slash != std::string_view::npos && slash > 0);
  const std::string_view host = url.substr(0, slash);
  for (const char c : host) FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':');
  if (in.domain.empty()) {
    const bool legacy = in.region == "cn-south" || in.region == "sg";
    FUZZ_CHECK(host == in.bucket + (legacy ? "." : ".cos.") + in.region + ".myqcloud.com");
  }
  const std::size_t question = url.find('?');
  FUZZ_CHECK(question != std::string_view::npos && question > slash);
  const std::string_view path = url.substr(slash, question - slash);

  // The decoded path is the key (one leading '/' of the key is optional).
  const std::string_view bare_key = !key.empty() && key[0] == '/' ? key.substr(1) : key;
  FUZZ_CHECK(decoded(path) == "/" + std::string(bare_key));
  std::string expected_path = "/" + reference_encode(bare_key, false);
  for (std::size_t at = 0; (at = expected_path.find("%2F", at)) != std::string::npos;) expected_path.replace(at, 3, "/");
  FUZZ_CHECK(path == expected_path);

  const auto fields = split(url.substr(question + 1), '&');
  FUZZ_CHECK(fields.size() >= 7);
  const std::string_view names[] = {"q-sign-algorithm=", "q-ak=", "q-sign-time=", "q-key-time=",
                                    "q-header-list=", "q-url-param-list=", "q-signature="};
  std::string_view values[7];
  for (int i = 0; i < 7; ++i) {
    FUZZ_CHECK(fields[i].substr(0, names[i].size()) == names[i]);
    values[i] = fields[i].substr(names[i].size());
  }
  FUZZ_CHECK(values[0] == "sha1" && values[1] == in.secret_id);
  FUZZ_CHECK(values[2] == in.key_time && values[3] == in.key_time);
  const std::string_view signature = values[6];
  FUZZ_CHECK(signature.size() == 40);
  for (const char c : signature) FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));

  std::size_t next = 7;
  if (!in.session_token.empty()) {
    FUZZ_CHECK(fields.size() > next && fields[next] == "x-cos-security-token=" + reference_encode(in.session_token, false));
    ++next;
  }
  // Exactly the caller's parameters, in signed order, each decoding back.
  std::vector<std::pair<std::string, std::string>> url_query;
  for (; next < fields.size(); ++next) {
    const std::size_t eq = fields[next].find('=');
    url_query.emplace_back(decoded(fields[next].substr(0, eq)),
                           eq == std::string_view::npos ? std::string() : decoded(fields[next].substr(eq + 1)));
    FUZZ_CHECK(url_query.back().first != "x-cos-security-token");
  }
  std::vector<std::pair<std::string, std::string>> given = in.query;
  std::sort(given.begin(), given.end());
  std::vector<std::pair<std::string, std::string>> carried = url_query;
  std::sort(carried.begin(), carried.end());
  FUZZ_CHECK(given == carried);

  // The lists are encoded a second time in a URL; decoded once they are the
  // signed lists.
  std::vector<std::pair<std::string, std::string>> signed_headers = in.headers;
  signed_headers.emplace_back("host", std::string(host));
  std::vector<std::string> expected_header_names, expected_param_names;
  for (const auto& h : signed_headers) expected_header_names.push_back(reference_encode(h.first, true));
  for (const auto& q : url_query) expected_param_names.push_back(reference_encode(q.first, true));
  std::sort(expected_header_names.begin(), expected_header_names.end());
  std::sort(expected_param_names.begin(), expected_param_names.end());
  const auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s.append(s.empty() ? "" : ";").append(x);
    return s;
  };
  FUZZ_CHECK(decoded(values[4]) == join(expected_header_names));
  FUZZ_CHECK(decoded(values[5]) == join(expected_param_names));

  const std::string method = in.method.empty() ? "get" : in.method;
  const std::string path_signed = decoded(path);
  FUZZ_CHECK(signature == reference_signature(in.secret_key, in.key_time, method, path_signed, url_query, signed_headers));

  // The Authorization for the same request (host given as a header) carries
  // the same signature.
  AuthorizationRequest a;
  a.secret_id = request.secret_id;
  a.secret_key = request.secret_key;
  a.method = method;
  a.path = path_signed;
  a.key_time = request.key_time;
  a.query = request.query;
  a.headers = request.headers;
  a.headers.push_back(Param{"host", host, true});
  std::string authorization;
  const Error err = build_authorization(a, authorization);
  FUZZ_CHECK(!err.failed());
  FUZZ_CHECK(is_url_text(authorization));
  FUZZ_CHECK(authorization.size() > 40 && authorization.compare(authorization.size() - 40, 40, signature) == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  const Input in = read_input(fdp);
  const PresignRequest request = request_of(in);
  std::vector<std::string_view> keys(in.keys.begin(), in.keys.end());

  std::string out, again;
  const Error err = presign_urls(request, keys, out);
  const Error err2 = presign_urls(request, keys, again);
  FUZZ_CHECK(err.code == err2.code && err.index == err2.index);
  if (err.failed()) {
    check_error(err);
    FUZZ_CHECK(err.index < std::max<std::size_t>({keys.size(), in.query.size(), in.headers.size(), 1}));
    return 0;
  }
  FUZZ_CHECK(out == again);
  FUZZ_CHECK(!out.empty() && out.back() == '\n');
  const auto urls = split(std::string_view(out).substr(0, out.size() - 1), '\n');
  FUZZ_CHECK(urls.size() == keys.size());
  // The host-side variants (web/signer.js): a shared query tail sent once,
  // the SignKey handed out for caching, and signing with a cached SignKey all
  // give exactly the same URLs.
  std::string shared;
  char sign_key[40];
  FUZZ_CHECK(!presign_urls(request, keys, shared, '\n', UrlLayout::kSharedTail, sign_key).failed());
  FUZZ_CHECK(std::string_view(sign_key, 40) == hmac_sha1_hex(in.secret_key, in.key_time));
  const auto shared_lines = split(std::string_view(shared).substr(0, shared.size() - 1), '\n');
  FUZZ_CHECK(shared_lines.size() == keys.size() + 1);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    FUZZ_CHECK(std::string(shared_lines[i + 1]) + std::string(shared_lines[0]) == urls[i]);
  }
  std::string parts;
  FUZZ_CHECK(!presign_urls(request, keys, parts, '\n', UrlLayout::kSharedParts).failed());
  const auto part_lines = split(std::string_view(parts).substr(0, parts.size() - 1), '\n');
  FUZZ_CHECK(part_lines.size() == keys.size() + 3);
  for (std::size_t i = 0; i < urls.size(); ++i) {
    const std::string_view line = part_lines[i + 3];
    FUZZ_CHECK(line.size() > 40);
    FUZZ_CHECK(std::string(part_lines[0]) + std::string(line.substr(0, line.size() - 40)) + std::string(part_lines[1]) +
                   std::string(line.substr(line.size() - 40)) + std::string(part_lines[2]) ==
               urls[i]);
  }
  PresignRequest cached = request;
  cached.secret_key = {};
  cached.sign_key = std::string_view(sign_key, 40);
  std::string from_cached;
  FUZZ_CHECK(!presign_urls(cached, keys, from_cached).failed());
  FUZZ_CHECK(from_cached == out);

  for (std::size_t i = 0; i < urls.size(); ++i) {
    check_url(in, request, urls[i], keys[i]);
    std::string single;
    FUZZ_CHECK(!presign_urls(request, {keys[i]}, single).failed());
    FUZZ_CHECK(single == std::string(urls[i]) + "\n");
  }
  return 0;
}
