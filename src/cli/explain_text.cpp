#include "cli/explain_text.h"

#include <strings.h>

#include <cstdint>
#include <cstdio>

#include "core/civil_time.h"

namespace cli {
namespace {

// "2019-05-16T06:55:53Z".
std::string utc(std::int64_t seconds) {
  const cospresign::CivilTime t = cospresign::civil_time(seconds);
  char out[112];
  std::snprintf(out, sizeof out, "%04lld-%02d-%02dT%02d:%02d:%02dZ", static_cast<long long>(t.year), t.month, t.day,
                t.hour, t.minute, t.second);
  return out;
}

// Text from the URL, safe for a terminal: C0 controls, DEL and invalid UTF-8
// bytes as \xNN, C1 controls (U+0080-U+009F) as \u{NN}, so a crafted link
// cannot move the cursor, recolour or forge lines. Printable UTF-8 stays as is.
std::string printable(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  const auto escape = [&](const char* prefix, unsigned v, const char* suffix) {
    out.append(prefix).push_back(kHex[(v >> 4) & 15]);
    out.push_back(kHex[v & 15]);
    out.append(suffix);
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b < 0x20 || b == 0x7f) {
        escape("\\x", b, "");
      } else {
        out.push_back(static_cast<char>(b));
      }
      ++i;
      continue;
    }
    // The length and the smallest code point of a well-formed sequence.
    const std::size_t n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    std::uint32_t cp = n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
    bool valid = n != 0 && i + n <= s.size();
    for (std::size_t k = 1; valid && k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      valid = (c & 0xC0) == 0x80;
      cp = (cp << 6) | (c & 0x3F);
    }
    const std::uint32_t min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
    valid = valid && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    if (!valid) {
      escape("\\x", b, "");
      ++i;
    } else if (cp <= 0x9F) {
      escape("\\u{", cp, "}");
      i += n;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

// The session token's names, as parameters and as headers, in any case.
bool is_token(const std::string& name) {
  return name.size() == 20 && (strncasecmp(name.c_str(), "x-cos-security-token", 20) == 0 ||
                               strncasecmp(name.c_str(), "x-amz-security-token", 20) == 0);
}

// One line of a canonical string with the session token's value hidden, as
// the parameter lists hide it: "name=value" pairs joined by '&' (the query)
// and "name:value" lines (the headers).
std::string without_token(const std::string& line) {
  std::string out;
  std::size_t start = 0;
  while (start <= line.size()) {
    std::size_t end = line.find('&', start);
    if (end == std::string::npos) end = line.size();
    const std::size_t sep = line.find_first_of("=:", start);
    if (sep < end && is_token(line.substr(start, sep - start))) {
      out.append(line, start, sep + 1 - start).append("(session token, hidden)");
    } else {
      out.append(line, start, end - start);
    }
    if (end == line.size()) break;
    out.push_back('&');
    start = end + 1;
  }
  return out;
}

void list(std::string& out, const char* title, const std::vector<cos_presign::NamedValue>& values, char sep) {
  out.append("  ").append(title).append(":");
  if (values.empty()) {
    out.append(" none\n");
    return;
  }
  out.push_back('\n');
  for (const cos_presign::NamedValue& v : values) {
    out.append("    ").append(printable(v.name)).push_back(sep);
    if (sep != '=') out.push_back(' ');
    if (!v.value) {
      out.append("(not given: pass --header to say what the client sends)");
    } else if (is_token(v.name)) {  // not the secret key, but a credential, and long
      out.append("(session token, ").append(std::to_string(v.value->size())).append(" characters)");
    } else {
      out.append(printable(*v.value));
    }
    out.push_back('\n');
  }
}

// A canonical string, one indented line per line, the session token hidden, so its '\n's are visible
// (a '\n' decoded from the key is one of them: it is in the signed string).
void block(std::string& out, const char* title, const std::string& text) {
  out.append("  ").append(title).append(":\n");
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    const bool last = nl == std::string::npos;
    if (last) nl = text.size();
    if (last && start == text.size()) break;
    out.append("    | ").append(printable(without_token(text.substr(start, nl - start)))).append(last ? "\n" : "\\n\n");
    start = nl + 1;
  }
}

}  // namespace

std::string explain_text(const cos_presign::Explanation& e, const std::string& verify_hint) {
  const bool cos = e.kind == cos_presign::UrlKind::kCos;
  std::string out = cos ? "COS pre-signed URL\n" : "SigV4 pre-signed URL\n";
  out.append("  host:       ").append(printable(e.host)).push_back('\n');
  out.append("  bucket:     ").append(e.bucket ? printable(*e.bucket) : "(cannot be told from the host)").push_back('\n');
  out.append("  region:     ").append(e.region ? printable(*e.region) : "(cannot be told from the host)").push_back('\n');
  out.append("  key:        ").append(printable(e.key)).push_back('\n');
  out.append("  key id:     ").append(printable(e.access_key_id)).push_back('\n');
  out.append("  method:     ").append(printable(e.method)).append(" (assumed; --method to change)\n");
  out.append("  valid:      ").append(utc(e.start)).append(" to ").append(utc(e.end));
  out.append(" (").append(std::to_string(e.start)).append(" to ").append(std::to_string(e.end)).append(")\n");
  out.append("  now:        ").append(utc(e.now)).append(", ");
  if (e.now < e.start) {
    out.append("not valid for another ").append(std::to_string(e.start - e.now)).append(" s\n");
  } else if (e.seconds_left < 0) {
    out.append("expired ").append(std::to_string(-e.seconds_left)).append(" s ago\n");
  } else {
    out.append(std::to_string(e.seconds_left)).append(" s left\n");
  }
  list(out, "signed headers", e.signed_headers, ':');
  list(out, "signed parameters", e.signed_params, '=');
  list(out, "unsigned parameters", e.unsigned_params, '=');
  if (cos) {
    block(out, "HttpString (FormatString)", e.http_string);
  } else {
    block(out, "canonical request", e.canonical_request);
    out.append("  credential scope: ").append(printable(e.credential_scope)).push_back('\n');
  }
  block(out, "StringToSign", e.string_to_sign);
  out.append("  signature:  ").append(printable(e.signature)).push_back('\n');
  if (e.verified) {
    out.append("  verified:   ").append(*e.verified ? "yes\n" : "NO\n");
  } else {
    out.append("  verified:   not checked (").append(verify_hint).append(")\n");
  }
  if (e.problems.empty()) {
    out.append("problems: none found\n");
  } else {
    out.append("problems:\n");
    for (const cos_presign::Problem& p : e.problems) {
      out.append("  ").append(p.code).append(" (").append(printable(p.field)).append("): ").append(printable(p.message)).push_back('\n');
    }
  }
  return out;
}

}  // namespace cli
