// SigV4 pre-signed URLs (presign_v4_urls) from structured arbitrary input.
// Every URL is parsed back and its signature recomputed by a reference
// written here from AWS's description (mbedTLS one-shot SHA-256/HMAC, not the
// core's V4Signer): canonical request from the URL as a server sees it,
// signing-key chain, string to sign. Also: URL text only, the decoded path is
// [/bucket]/key, the query carries exactly the caller's parameters, the
// X-Amz-* fields say what was asked, same input same output, a batch equals
// single calls, every failure has a documented code.
#include <fuzzer/FuzzedDataProvider.h>

#include <mbedtls/md.h>

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include "core/sigv4.h"
#include "fuzz_support.h"

using namespace cospresign;
using namespace fuzzsupport;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

std::string hex(const unsigned char* p, std::size_t n) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  for (std::size_t i = 0; i < n; ++i) s.push_back(digits[p[i] >> 4]), s.push_back(digits[p[i] & 15]);
  return s;
}

std::string hmac256(std::string_view key, std::string_view msg) {
  unsigned char out[32];
  FUZZ_CHECK(mbedtls_md_hmac(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), reinterpret_cast<const unsigned char*>(key.data()),
                             key.size(), reinterpret_cast<const unsigned char*>(msg.data()), msg.size(), out) == 0);
  return std::string(reinterpret_cast<char*>(out), 32);
}

std::string sha256_hex(std::string_view msg) {
  unsigned char out[32];
  FUZZ_CHECK(mbedtls_md(mbedtls_md_info_from_type(MBEDTLS_MD_SHA256), reinterpret_cast<const unsigned char*>(msg.data()),
                        msg.size(), out) == 0);
  return hex(out, 32);
}

std::string pick(FuzzedDataProvider& fdp, std::initializer_list<const char*> choices, std::size_t max_random = 24) {
  const std::size_t i = fdp.ConsumeIntegralInRange<std::size_t>(0, choices.size());
  return i < choices.size() ? std::string(*(choices.begin() + i)) : fdp.ConsumeRandomLengthString(max_random);
}

std::string decoded(std::string_view s) {
  std::string out;
  FUZZ_CHECK(percent_decode(s, out));
  return out;
}

// Trim, collapse runs of spaces (AWS's canonical header value).
std::string canonical_value(std::string_view v) {
  std::string out;
  for (const char c : v) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out.push_back(c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

struct Input {
  std::string akid, secret, token, region, service, endpoint, bucket, method, date, expires;
  PathStyle style = PathStyle::kAuto;
  Pairs query, headers;
  std::vector<bool> has_value;
  std::vector<std::string> keys;
};

Input read_input(FuzzedDataProvider& fdp) {
  Input in;
  in.akid = pick(fdp, {"AKIAIOSFODNN7EXAMPLE", "minioadmin", "a"}, 24);
  in.secret = fdp.ConsumeRandomLengthString(64);
  in.token = pick(fdp, {"", "", "FwoGZXIvYXdzE+/=", "tok en"}, 64);
  in.region = pick(fdp, {"us-east-1", "auto", "ap-guangzhou", "eu_west"});
  in.service = pick(fdp, {"", "s3", "s3-object-lambda"});
  in.endpoint = pick(fdp, {"", "", "https://s3.example.com", "http://127.0.0.1:9000", "localhost:9000",
                           "https://cos.ap-guangzhou.myqcloud.com/", "HTTPS://R2.Example.COM:443", "ftp://x"});
  in.bucket = pick(fdp, {"examplebucket", "my.bucket", "", "b-1250000000"});
  in.method = pick(fdp, {"", "GET", "head", "Put"});
  in.date = fdp.ConsumeProbability<float>() < 0.9f
                ? std::to_string(fdp.ConsumeIntegralInRange<std::uint64_t>(0, 253402300799ull))
                : fdp.ConsumeRandomLengthString(16);
  in.expires = pick(fdp, {"", "1", "900", "604800", "604801", "0"});
  in.style = static_cast<PathStyle>(fdp.ConsumeIntegralInRange<int>(0, 2));
  const std::size_t nq = fdp.ConsumeIntegralInRange<std::size_t>(0, 5);
  for (std::size_t i = 0; i < nq && fdp.remaining_bytes() > 0; ++i) {
    std::string name = pick(fdp, {"response-content-disposition", "X-Amz-Date", "versionId", "a", "A", "x-id"}, 16);
    in.has_value.push_back(fdp.ConsumeProbability<float>() > 0.2f);
    in.query.emplace_back(std::move(name), in.has_value.back() ? fdp.ConsumeRandomLengthString(32) : std::string());
  }
  const std::size_t nh = fdp.ConsumeIntegralInRange<std::size_t>(0, 3);
  for (std::size_t i = 0; i < nh && fdp.remaining_bytes() > 0; ++i) {
    in.headers.emplace_back(pick(fdp, {"Range", "x-amz-meta-a", "Host", "If-Match"}, 12), fdp.ConsumeRandomLengthString(24));
  }
  const std::size_t nk = fdp.ConsumeIntegralInRange<std::size_t>(1, 4);
  for (std::size_t i = 0; i < nk; ++i) in.keys.push_back(fdp.ConsumeRandomLengthString(40));
  return in;
}

V4PresignRequest request_of(const Input& in) {
  V4PresignRequest r;
  r.access_key_id = in.akid;
  r.secret_access_key = in.secret;
  r.session_token = in.token;
  r.region = in.region;
  r.service = in.service;
  r.endpoint = in.endpoint;
  r.bucket = in.bucket;
  r.method = in.method;
  r.date = in.date;
  r.expires = in.expires;
  r.path_style = in.style;
  for (std::size_t i = 0; i < in.query.size(); ++i) r.query.push_back(Param{in.query[i].first, in.query[i].second, in.has_value[i]});
  for (const auto& h : in.headers) r.headers.push_back(Param{h.first, h.second, true});
  return r;
}

void check_url(const Input& in, std::string_view url, std::string_view key) {
  FUZZ_CHECK(is_url_text(url));
  const std::size_t scheme_end = url.find("://");
  FUZZ_CHECK(scheme_end != std::string_view::npos);
  const std::string_view scheme = url.substr(0, scheme_end);
  FUZZ_CHECK(scheme == "https" || scheme == "http");
  url.remove_prefix(scheme_end + 3);
  const std::size_t slash = url.find('/');
  const std::size_t question = url.find('?');
  FUZZ_CHECK(slash != std::string_view::npos && slash > 0 && question != std::string_view::npos && question > slash);
  const std::string host(url.substr(0, slash));
  const std::string_view path = url.substr(slash, question - slash);

  // Path: encoded once ('/' kept, never normalized), bucket first in path style.
  const std::string key_path = "/" + std::string(key);
  const std::string dpath = decoded(path);
  const bool path_style = dpath != key_path;
  if (path_style) FUZZ_CHECK(!in.bucket.empty() && dpath == "/" + in.bucket + key_path);
  if (!path_style && !in.bucket.empty()) FUZZ_CHECK(host.compare(0, in.bucket.size() + 1, in.bucket + ".") == 0);
  std::string expected_path;
  const std::string after_slash = dpath.substr(1);
  for (const std::string_view seg : split(after_slash, '/')) expected_path.append("/").append(reference_encode(seg, false));
  FUZZ_CHECK(path == expected_path);

  // Query: the signature last; everything else is signed, canonical as sent.
  Pairs fields, caller;
  std::string signature;
  for (const std::string_view part : split(url.substr(question + 1), '&')) {
    const std::size_t eq = part.find('=');
    const std::string name(part.substr(0, eq));
    const std::string value(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1));
    FUZZ_CHECK(signature.empty());  // nothing after X-Amz-Signature
    FUZZ_CHECK(reference_encode(decoded(name), false) == name && reference_encode(decoded(value), false) == value);
    if (name == "X-Amz-Signature") {
      signature = value;
      continue;
    }
    fields.emplace_back(name, value);
    static const std::string_view kAuthFields[] = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date",
                                                   "X-Amz-Expires", "X-Amz-Security-Token", "X-Amz-SignedHeaders"};
    if (std::find(std::begin(kAuthFields), std::end(kAuthFields), name) == std::end(kAuthFields)) {
      caller.emplace_back(decoded(name), decoded(value));  // e.g. "X-Amz-SignedHead" is the caller's
    }
  }
  FUZZ_CHECK(signature.size() == 64);
  const auto field = [&](std::string_view name) {
    for (const auto& f : fields) {
      if (f.first == name) return decoded(f.second);
    }
    return std::string("(absent)");
  };
  Pairs given = in.query;
  std::sort(given.begin(), given.end());
  std::sort(caller.begin(), caller.end());
  FUZZ_CHECK(given == caller);
  FUZZ_CHECK(field("X-Amz-Algorithm") == "AWS4-HMAC-SHA256");
  FUZZ_CHECK(field("X-Amz-Expires") == (in.expires.empty() ? "900" : in.expires));
  FUZZ_CHECK(field("X-Amz-Security-Token") == (in.token.empty() ? "(absent)" : in.token));

  // X-Amz-Date from the unix seconds, by the C library.
  const std::time_t t = static_cast<std::time_t>(std::stoull(in.date));
  std::tm tm{};
  FUZZ_CHECK(gmtime_r(&t, &tm) != nullptr);
  char amz_date[32];
  std::snprintf(amz_date, sizeof amz_date, "%04d%02d%02dT%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  FUZZ_CHECK(field("X-Amz-Date") == amz_date);
  const std::string service = in.service.empty() ? "s3" : in.service;
  const std::string scope = std::string(amz_date, 8) + "/" + in.region + "/" + service + "/aws4_request";
  FUZZ_CHECK(field("X-Amz-Credential") == in.akid + "/" + scope);

  // Headers: host as the URL has it, the caller's lowercased, sorted.
  Pairs headers{{"host", host}};
  for (const auto& h : in.headers) headers.emplace_back(ascii_lower(h.first), canonical_value(h.second));
  std::sort(headers.begin(), headers.end());
  std::string canonical_headers, signed_headers;
  for (const auto& h : headers) {
    canonical_headers.append(h.first).append(":").append(h.second).append("\n");
    signed_headers.append(signed_headers.empty() ? "" : ";").append(h.first);
  }
  FUZZ_CHECK(field("X-Amz-SignedHeaders") == signed_headers);

  std::sort(fields.begin(), fields.end());
  std::string canonical_query;
  for (const auto& f : fields) canonical_query.append(canonical_query.empty() ? "" : "&").append(f.first).append("=").append(f.second);
  const std::string method = in.method.empty() ? "GET" : fuzzsupport::ascii_lower(in.method);
  std::string upper = method;
  for (char& c : upper) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  const std::string canonical_request = upper + "\n" + std::string(path) + "\n" + canonical_query + "\n" +
                                        canonical_headers + "\n" + signed_headers + "\nUNSIGNED-PAYLOAD";
  const std::string to_sign = "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + scope + "\n" + sha256_hex(canonical_request);
  const std::string k = hmac256(hmac256(hmac256(hmac256("AWS4" + in.secret, std::string(amz_date, 8)), in.region), service),
                                "aws4_request");
  const std::string expected = hmac256(k, to_sign);
  FUZZ_CHECK(signature == hex(reinterpret_cast<const unsigned char*>(expected.data()), 32));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  const Input in = read_input(fdp);
  const V4PresignRequest request = request_of(in);
  const std::vector<std::string_view> keys(in.keys.begin(), in.keys.end());
  std::string out, again;
  const Error err = presign_v4_urls(request, keys, out);
  const Error err2 = presign_v4_urls(request, keys, again);
  FUZZ_CHECK(err.code == err2.code && err.index == err2.index);
  if (err.failed()) {
    check_error(err);
    return 0;
  }
  FUZZ_CHECK(out == again && !out.empty() && out.back() == '\n');
  const auto urls = split(std::string_view(out).substr(0, out.size() - 1), '\n');
  FUZZ_CHECK(urls.size() == keys.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    check_url(in, urls[i], keys[i]);
    std::string single;
    FUZZ_CHECK(!presign_v4_urls(request, {keys[i]}, single).failed());
    FUZZ_CHECK(single == std::string(urls[i]) + "\n");
  }
  return 0;
}
