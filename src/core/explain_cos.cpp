// The COS half of the explainer: the HttpString and StringToSign rebuilt from
// the URL as COS builds them (Tencent's request-signature document), the
// signature recomputed, and the usual suspects tried when it differs.
#include <algorithm>

#include "core/digest.h"
#include "core/explain_detail.h"
#include "core/text.h"

namespace cospresign {
namespace explain_detail {
namespace {

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

}  // namespace

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
  out.verified = !ours.empty() && same_signature(ours, out.signature);
  if (out.verified) return ExplainError{};

  // The inputs a COS signature most often differs in, most likely first.
  const std::string& host = link.url.host;
  for (const char* method : kOtherMethods) {
    if (method == out.method) continue;
    if (same_signature(sign(method, link.path, host, encode_view, key_time, sign_time), out.signature)) {
      add_mismatch(out, "q-signature", std::string("method ") + method + ": the link was signed for " + method +
                                           ", not " + out.method + " (pass the method the client uses)");
      return ExplainError{};
    }
  }
  if (link.url.path != link.path &&
      same_signature(sign(out.method, link.url.path, host, encode_view, key_time, sign_time), out.signature)) {
    add_mismatch(out, "q-signature", "the percent-encoded path " + link.url.path +
                                         ": the signer signed the encoded path, not the decoded key COS signs");
    return ExplainError{};
  }
  if (link.path.find('+') != std::string::npos) {
    std::string spaced = link.path;
    std::replace(spaced.begin(), spaced.end(), '+', ' ');
    if (same_signature(sign(out.method, spaced, host, encode_view, key_time, sign_time), out.signature)) {
      add_mismatch(out, "q-signature",
                   "the key with spaces where the path has a raw \"+\": the signer signed spaces and the URL carries "
                   "\"+\" (send spaces as %20)");
      return ExplainError{};
    }
  }
  for (const std::string& other : other_hosts(link)) {
    if (same_signature(sign(out.method, link.path, other, encode_view, key_time, sign_time), out.signature)) {
      add_mismatch(out, "q-signature", "host " + other + ": the link was signed for another host than the URL's");
      return ExplainError{};
    }
  }
  if (key_time != sign_time &&
      same_signature(sign(out.method, link.path, host, encode_view, sign_time, key_time), out.signature)) {
    add_mismatch(out, "q-signature", "with q-key-time and q-sign-time swapped: the signer mixed up the two");
    return ExplainError{};
  }
  if (same_signature(sign(out.method, link.path, host, encode_uri_component, key_time, sign_time), out.signature)) {
    add_mismatch(out, "q-signature",
                 "values encoded with encodeURIComponent, which leaves ! ' ( ) * as they are: COS encodes them");
    return ExplainError{};
  }
  add_problem(out, "SIGNATURE_MISMATCH", "q-signature",
              "q-signature does not match this link's request: " + mismatch_fallback(out.signed_headers));
  return ExplainError{};
}

}  // namespace explain_detail
}  // namespace cospresign
