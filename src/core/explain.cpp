#include "core/explain.h"

#include <algorithm>
#include <cstdio>

#include "core/digest.h"
#include "core/explain_detail.h"
#include "core/text.h"

// Problem codes (stable, shared with the JS explainUrl; docs/explain-format.md):
//   COS:   SIGN_TIME_MISMATCH, LINK_NOT_YET_VALID / LINK_EXPIRED, HOST_NOT_SIGNED,
//          RAW_PLUS_IN_PATH, PARAM_NOT_SIGNED, SIGNED_PARAM_MISSING,
//          SIGNED_HEADER_NOT_SENT, SIGNATURE_MISMATCH
//   SigV4: SCOPE_DATE_MISMATCH, EXPIRES_TOO_LONG, LINK_NOT_YET_VALID / LINK_EXPIRED,
//          HOST_NOT_SIGNED, RAW_PLUS_IN_PATH, SIGNED_HEADER_NOT_SENT, SIGNATURE_MISMATCH
// each list in the order reported. Messages are the JS's, word for word.

namespace cospresign {
namespace explain_detail {

const char* const kOtherMethods[5] = {"GET", "HEAD", "PUT", "POST", "DELETE"};

const DecodedParam* find_param(const Link& link, std::string_view name) {
  for (const DecodedParam& p : link.params) {
    if (p.name == name) return &p;
  }
  return nullptr;
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

std::string encode(std::string_view s) {
  std::string out;
  append_percent_encoded(out, s);
  return out;
}

std::string lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return s;
}

std::string iso_time(std::int64_t seconds) {
  // JS dates reach +-8.64e15 ms; past that toISOString() fails and the JS prints the number.
  if (seconds > 8640000000000 || seconds < -8640000000000) return std::to_string(seconds);
  std::int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
  const std::int64_t secs = seconds - days * 86400;
  days += 719468;  // days to civil date (H. Hinnant)
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char year[16];
  if (y >= 0 && y <= 9999) {
    std::snprintf(year, sizeof year, "%04lld", static_cast<long long>(y));
  } else {
    std::snprintf(year, sizeof year, "%c%06lld", y < 0 ? '-' : '+', static_cast<long long>(y < 0 ? -y : y));
  }
  char out[64];
  std::snprintf(out, sizeof out, "%s-%02lld-%02lldT%02lld:%02lld:%02lldZ", year, static_cast<long long>(m),
                static_cast<long long>(d), static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return out;
}

void add_problem(LinkExplanation& out, const char* code, std::string field, std::string message) {
  out.problems.push_back(LinkProblem{code, std::move(field), std::move(message)});
}

void window_problems(LinkExplanation& out, const char* start_field, const char* end_field) {
  out.seconds_left = out.end - out.now;
  if (out.now < out.start) {
    add_problem(out, "LINK_NOT_YET_VALID", start_field,
                "the link is valid from " + iso_time(out.start) + ", " + std::to_string(out.start - out.now) +
                    " s after now (" + iso_time(out.now) + "); if this clock is wrong, pass clockOffset or now");
  } else if (out.now > out.end) {
    add_problem(out, "LINK_EXPIRED", end_field,
                "the link expired at " + iso_time(out.end) + ", " + std::to_string(out.now - out.end) +
                    " s before now (" + iso_time(out.now) + "); if this clock is wrong, pass clockOffset or now");
  }
}

std::vector<std::string> other_hosts(const Link& link) {
  if (link.url.has_port) return {link.url.hostname};
  return {link.url.host + (link.url.scheme == "https" ? ":443" : ":80")};
}

std::string mismatch_fallback(const std::vector<LinkNameValue>& headers) {
  std::vector<std::string> unknown;
  for (const LinkNameValue& h : headers) {
    if (!h.has_value) unknown.push_back(h.name);
  }
  if (unknown.empty()) {
    return "the secret key differs, or the link was changed after it was signed (no other method, host or encoding "
           "matches)";
  }
  std::string names;
  for (std::size_t i = 0; i < unknown.size(); ++i) names += (i > 0 ? ", " : "") + unknown[i];
  const bool many = unknown.size() > 1;
  return std::string("the signed header") + (many ? "s " : " ") + names + (many ? " are" : " is") +
         " not known: pass in options.headers the values the client sends";
}

void add_mismatch(LinkExplanation& out, const char* field, const std::string& what_matched) {
  add_problem(out, "SIGNATURE_MISMATCH", field, std::string(field) + " does not match this link's request; it matches " + what_matched);
}

namespace {

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

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// "s3", or a legacy "s3-{region}" / "s3-external-1" label.
bool is_s3_label(std::string_view l) {
  if (l == "s3" || l == "s3-external-1") return true;
  if (l.substr(0, 3) != "s3-") return false;
  // [a-z]{2}(-[a-z]+)+-\d
  const std::vector<std::string_view> parts = split(l.substr(3), '-');
  if (parts.size() < 3) return false;
  const auto letters = [](std::string_view p) {
    return !p.empty() && std::all_of(p.begin(), p.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  };
  if (parts[0].size() != 2 || !letters(parts[0])) return false;
  for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
    if (!letters(parts[i])) return false;
  }
  const std::string_view last = parts.back();
  return last.size() == 1 && last[0] >= '0' && last[0] <= '9';
}

bool is_ipv4(std::string_view host) {
  const std::vector<std::string_view> parts = split(host, '.');
  if (parts.size() != 4) return false;
  for (const std::string_view p : parts) {
    if (p.empty() || !std::all_of(p.begin(), p.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  }
  return true;
}

}  // namespace

void locate_bucket(const Link& link, bool sigv4, LinkExplanation& out) {
  const std::vector<std::string_view> labels = split(link.url.hostname, '.');
  const auto virtual_host = [&](std::string bucket) {
    out.bucket = std::move(bucket);
    out.has_bucket = true;
    out.key = link.path.substr(1);
  };
  const auto path_style = [&] {
    const std::string rest = link.path.substr(1);
    const std::size_t slash = rest.find('/');
    out.bucket = rest.substr(0, slash);
    out.has_bucket = !out.bucket.empty();
    out.key = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
  };
  out.key = link.path.substr(1);
  if (labels.size() >= 4 && labels[1] == "cos") {
    virtual_host(std::string(labels[0]));
    if (!sigv4 && labels[2] != "accelerate") {
      out.region = std::string(labels[2]);
      out.has_region = true;
    }
    return;
  }
  if (!sigv4) return;
  const std::string& hostname = link.url.hostname;
  if (ends_with(hostname, ".amazonaws.com")) {
    if (is_s3_label(labels[0])) return path_style();
    for (std::size_t i = 1; i < labels.size(); ++i) {
      if (is_s3_label(labels[i])) {
        std::string bucket;
        for (std::size_t k = 0; k < i; ++k) bucket.append(k > 0 ? "." : "").append(labels[k]);
        return virtual_host(bucket);
      }
    }
  } else if (ends_with(hostname, ".r2.cloudflarestorage.com")) {
    if (labels.size() == 5) return virtual_host(std::string(labels[0]));
    if (labels.size() == 4) return path_style();
  } else if (link.url.has_port || hostname == "localhost" || is_ipv4(hostname) ||
             (!hostname.empty() && hostname[0] == '[')) {
    return path_style();
  }
}

}  // namespace explain_detail

namespace {

using namespace explain_detail;

constexpr std::string_view kCosAuthParams[] = {"q-sign-algorithm", "q-ak", "q-sign-time", "q-key-time",
                                               "q-header-list", "q-url-param-list", "q-signature"};

bool is_cos_auth(std::string_view name) {
  return std::find(std::begin(kCosAuthParams), std::end(kCosAuthParams), name) != std::end(kCosAuthParams);
}

std::vector<std::string_view> split_list(std::string_view s) {
  std::vector<std::string_view> parts;
  if (s.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(';', start);
    parts.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

// `^\d{1,15};\d{1,15}$`
bool parse_window(std::string_view s, std::int64_t& start, std::int64_t& end) {
  const std::size_t semi = s.find(';');
  return semi != std::string_view::npos && parse_seconds(s.substr(0, semi), start) &&
         parse_seconds(s.substr(semi + 1), end);
}

std::string hex_of(const unsigned char* bytes, std::size_t n) {
  std::string hex(n * 2, '0');
  hex_lower(bytes, n, &hex[0]);
  return hex;
}

// "%XX" for every byte outside encodeURIComponent's unreserved set (which
// also keeps ! ' ( ) *): what a signer using plain encodeURIComponent sends.
std::string encode_uri_component(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (is_unreserved(b) || c == '!' || c == '\'' || c == '(' || c == ')' || c == '*') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    }
  }
  return out;
}

// One named value of the canonical lists: the name as listed, the value (null: empty).
struct Pair {
  std::string name;
  std::string value;
};

// HttpString = method\n/decoded-key\nparams\nheaders\n; names as listed,
// values encoded by `encoder`.
std::string http_string(std::string_view method, std::string_view path, const std::vector<Pair>& params,
                        const std::vector<Pair>& headers, std::string (*encoder)(std::string_view)) {
  const auto join = [&](const std::vector<Pair>& list) {
    std::string out;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out.push_back('&');
      out.append(list[i].name).push_back('=');
      out.append(encoder(list[i].value));
    }
    return out;
  };
  std::string out = lower(std::string(method));
  out.push_back('\n');
  out.append(path).push_back('\n');
  out.append(join(params)).push_back('\n');
  out.append(join(headers)).push_back('\n');
  return out;
}

std::string string_to_sign(std::string_view sign_time, std::string_view http) {
  unsigned char digest[20];
  HashSha1 sha1;
  if (sha1.digest(http, digest).failed()) return std::string();
  std::string out = "sha1\n";
  out.append(sign_time).push_back('\n');
  out.append(hex_of(digest, sizeof digest)).push_back('\n');
  return out;
}

// hex HMAC-SHA1(hex HMAC-SHA1(secret, key_time), text); empty on a crypto failure.
std::string cos_signature(std::string_view secret, std::string_view key_time, std::string_view text) {
  unsigned char digest[20];
  char sign_key[40];
  {
    HmacSha1 hmac;
    if (hmac.set_key(secret).failed() || hmac.sign(key_time, digest).failed()) return std::string();
    hex_lower(digest, sizeof digest, sign_key);
  }
  HmacSha1 hmac;
  const bool ok = !hmac.set_key(std::string_view(sign_key, sizeof sign_key)).failed() && !hmac.sign(text, digest).failed();
  wipe(sign_key, sizeof sign_key);
  if (!ok) return std::string();
  std::string signature = hex_of(digest, sizeof digest);
  wipe(digest, sizeof digest);
  return signature;
}

std::string encode_view(std::string_view s) { return encode(s); }

ExplainError explain_cos(const ExplainRequest& request, const Link& link, LinkExplanation& out) {
  out.kind = LinkKind::kCos;
  const DecodedParam* auth[7] = {};
  for (std::size_t i = 0; i < 7; ++i) {
    auth[i] = find_param(link, kCosAuthParams[i]);
    if (auth[i] == nullptr) {
      return not_presigned(kCosAuthParams[i].data(), "is missing: this is not a complete pre-signed COS URL");
    }
  }
  const std::string& algorithm = auth[0]->value;
  const std::string& sign_time = auth[2]->value;
  const std::string& key_time = auth[3]->value;
  if (algorithm != "sha1") return not_presigned("q-sign-algorithm", "is not sha1, the algorithm COS signs with");
  if (!parse_window(sign_time, out.start, out.end)) return not_presigned("q-sign-time", "is not \"start;end\" in unix seconds");
  std::int64_t ignored_start = 0;
  std::int64_t ignored_end = 0;
  if (!parse_window(key_time, ignored_start, ignored_end)) {
    return not_presigned("q-key-time", "is not \"start;end\" in unix seconds");
  }
  out.access_key_id = auth[1]->value;
  out.signature = auth[6]->value;
  const std::vector<std::string_view> header_names = split_list(auth[4]->value);
  const std::vector<std::string_view> param_names = split_list(auth[5]->value);

  // A parameter is signed when q-url-param-list names it (COS-encoded, lowercase).
  std::vector<const DecodedParam*> carried;
  for (const DecodedParam& p : link.params) {
    if (!is_cos_auth(p.name)) carried.push_back(&p);
  }
  std::vector<bool> taken(carried.size(), false);
  std::vector<Pair> param_pairs;
  std::vector<bool> missing;
  for (const std::string_view entry : param_names) {
    std::size_t found = carried.size();
    for (std::size_t j = 0; j < carried.size() && found == carried.size(); ++j) {
      if (!taken[j] && lower(encode(carried[j]->name)) == entry) found = j;
    }
    if (found == carried.size()) {
      std::string name;
      if (!percent_decode(entry, name)) name = std::string(entry);
      out.signed_params.push_back(LinkNameValue{name, std::string(), false});
      param_pairs.push_back(Pair{std::string(entry), std::string()});
      missing.push_back(true);
    } else {
      taken[found] = true;
      const DecodedParam& p = *carried[found];
      out.signed_params.push_back(LinkNameValue{p.name, p.value, p.has_value});
      param_pairs.push_back(Pair{std::string(entry), p.value});
      missing.push_back(false);
    }
  }
  for (std::size_t j = 0; j < carried.size(); ++j) {
    if (!taken[j]) out.unsigned_params.push_back(LinkNameValue{carried[j]->name, carried[j]->value, carried[j]->has_value});
  }
  for (const std::string_view entry : header_names) {
    LinkNameValue h{std::string(entry), std::string(), false};
    if (entry == "host") {
      h.value = link.url.host;
      h.has_value = true;
    } else {
      for (const Param& given : request.headers) {
        if (lower(encode(given.name)) == entry) {
          h.value = std::string(given.value);
          h.has_value = true;
          break;
        }
      }
    }
    out.signed_headers.push_back(std::move(h));
  }
  const auto header_pairs = [&](const std::string& host) {
    std::vector<Pair> pairs;
    for (const LinkNameValue& h : out.signed_headers) pairs.push_back(Pair{h.name, h.name == "host" ? host : h.value});
    return pairs;
  };
  out.http_string = http_string(out.method, link.path, param_pairs, header_pairs(link.url.host), encode_view);
  out.string_to_sign = string_to_sign(sign_time, out.http_string);

  if (key_time != sign_time) {
    add_problem(out, "SIGN_TIME_MISMATCH", "q-key-time",
                "differs from q-sign-time: the SignKey is made from q-key-time and the string to sign names "
                "q-sign-time; every SDK sends the two equal, and COS expects them to be");
  }
  window_problems(out, "q-sign-time", "q-sign-time");
  if (std::find(header_names.begin(), header_names.end(), "host") == header_names.end()) {
    add_problem(out, "HOST_NOT_SIGNED", "q-header-list",
                "does not name host: the signature does not tie the link to this bucket's host");
  }
  if (link.url.path.find('+') != std::string::npos) {
    add_problem(out, "RAW_PLUS_IN_PATH", "key",
                "the path has a raw \"+\", which COS reads as a space: a \"+\" in a key must be sent as %2B");
  }
  for (const LinkNameValue& p : out.unsigned_params) {
    if (p.name == "x-cos-security-token") continue;
    add_problem(out, "PARAM_NOT_SIGNED", p.name,
                "is in the URL but not in q-url-param-list: the signature does not cover it, so anyone can add or "
                "change it, and servers that check every parameter refuse the link");
  }
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (missing[i]) {
      add_problem(out, "SIGNED_PARAM_MISSING", out.signed_params[i].name,
                  "is in q-url-param-list but not in the URL: the server signs it as empty");
    }
  }
  for (const LinkNameValue& h : out.signed_headers) {
    if (!h.has_value) {
      add_problem(out, "SIGNED_HEADER_NOT_SENT", h.name,
                  "is a signed header that options.headers does not give: the client must send it with the signed "
                  "value (browsers cannot send some headers, e.g. Content-Disposition)");
    }
  }
  if (!request.has_secret_key) return ExplainError{};

  out.has_verified = true;
  const auto sign = [&](std::string_view method, std::string_view path, const std::string& host,
                        std::string (*encoder)(std::string_view), std::string_view key, std::string_view sign) {
    return cos_signature(request.secret_key, key,
                         string_to_sign(sign, http_string(method, path, param_pairs, header_pairs(host), encoder)));
  };
  const std::string ours = cos_signature(request.secret_key, key_time, out.string_to_sign);
  out.verified = !ours.empty() && ours == out.signature;
  if (out.verified) return ExplainError{};

  // The inputs a COS signature most often differs in, most likely first.
  const std::string& host = link.url.host;
  for (const char* method : kOtherMethods) {
    if (method == out.method) continue;
    if (sign(method, link.path, host, encode_view, key_time, sign_time) == out.signature) {
      add_mismatch(out, "q-signature", std::string("method ") + method + ": the link was signed for " + method +
                                           ", not " + out.method + " (pass the method the client uses)");
      return ExplainError{};
    }
  }
  if (link.url.path != link.path &&
      sign(out.method, link.url.path, host, encode_view, key_time, sign_time) == out.signature) {
    add_mismatch(out, "q-signature", "the percent-encoded path " + link.url.path +
                                         ": the signer signed the encoded path, not the decoded key COS signs");
    return ExplainError{};
  }
  if (link.path.find('+') != std::string::npos) {
    std::string spaced = link.path;
    std::replace(spaced.begin(), spaced.end(), '+', ' ');
    if (sign(out.method, spaced, host, encode_view, key_time, sign_time) == out.signature) {
      add_mismatch(out, "q-signature",
                   "the key with spaces where the path has a raw \"+\": the signer signed spaces and the URL carries "
                   "\"+\" (send spaces as %20)");
      return ExplainError{};
    }
  }
  for (const std::string& other : other_hosts(link)) {
    if (sign(out.method, link.path, other, encode_view, key_time, sign_time) == out.signature) {
      add_mismatch(out, "q-signature", "host " + other + ": the link was signed for another host than the URL's");
      return ExplainError{};
    }
  }
  if (key_time != sign_time && sign(out.method, link.path, host, encode_view, sign_time, key_time) == out.signature) {
    add_mismatch(out, "q-signature", "with q-key-time and q-sign-time swapped: the signer mixed up the two");
    return ExplainError{};
  }
  if (sign(out.method, link.path, host, encode_uri_component, key_time, sign_time) == out.signature) {
    add_mismatch(out, "q-signature",
                 "values encoded with encodeURIComponent, which leaves ! ' ( ) * as they are: COS encodes them");
    return ExplainError{};
  }
  add_problem(out, "SIGNATURE_MISMATCH", "q-signature",
              "q-signature does not match this link's request: " + mismatch_fallback(out.signed_headers));
  return ExplainError{};
}

}  // namespace

ExplainError explain_link(const ExplainRequest& request, LinkExplanation& out) {
  out = LinkExplanation{};
  Link link;
  ExplainError err = split_url(request.url, link.url);
  if (err.failed()) return err;
  const ExplainError bad_query{"ERR_INVALID_URL", "url", "has a percent-escape in its query that is not valid UTF-8"};
  bool cos = false;
  bool sigv4 = false;
  for (const RawQueryParam& raw : link.url.query) {
    DecodedParam p;
    if (!percent_decode(raw.name, p.name) || !percent_decode(raw.value, p.value)) return bad_query;
    p.has_value = raw.has_value;
    cos = cos || p.name == "q-signature" || p.name == "q-sign-algorithm" || p.name == "q-ak";
    sigv4 = sigv4 || p.name == "X-Amz-Signature" || p.name == "X-Amz-Algorithm" || p.name == "X-Amz-Credential";
    link.params.push_back(std::move(p));
  }
  if (!percent_decode(link.url.path, link.path)) {
    return ExplainError{"ERR_INVALID_URL", "url", "has a percent-escape in its path that is not valid UTF-8"};
  }
  if (cos && sigv4) return not_presigned("url", "carries both a COS and a SigV4 signature");
  if (!cos && !sigv4) {
    return not_presigned("url", "carries no COS (q-signature) or SigV4 (X-Amz-Signature) signature");
  }
  out.method = std::string(request.method);
  out.host = link.url.host;
  out.now = request.now;
  locate_bucket(link, sigv4, out);
  if (sigv4) return explain_sigv4(request, link, out);
  return explain_cos(request, link, out);
}

}  // namespace cospresign
