#include "cli/explain_text.h"

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

bool is_token(const std::string& name) { return name == "x-cos-security-token" || name == "X-Amz-Security-Token"; }

void list(std::string& out, const char* title, const std::vector<cos_presign::NamedValue>& values, char sep) {
  out.append("  ").append(title).append(":");
  if (values.empty()) {
    out.append(" none\n");
    return;
  }
  out.push_back('\n');
  for (const cos_presign::NamedValue& v : values) {
    out.append("    ").append(v.name).push_back(sep);
    if (sep != '=') out.push_back(' ');
    if (!v.value) {
      out.append("(not given: pass --header to say what the client sends)");
    } else if (is_token(v.name)) {  // not the secret key, but a credential, and long
      out.append("(session token, ").append(std::to_string(v.value->size())).append(" characters)");
    } else {
      out.append(*v.value);
    }
    out.push_back('\n');
  }
}

// A canonical string, one indented line per line, so its '\n's are visible.
void block(std::string& out, const char* title, const std::string& text) {
  out.append("  ").append(title).append(":\n");
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t nl = text.find('\n', start);
    const bool last = nl == std::string::npos;
    if (last) nl = text.size();
    if (last && start == text.size()) break;
    out.append("    | ").append(text, start, nl - start).append(last ? "\n" : "\\n\n");
    start = nl + 1;
  }
}

}  // namespace

std::string explain_text(const cos_presign::Explanation& e, const std::string& verify_hint) {
  const bool cos = e.kind == cos_presign::UrlKind::kCos;
  std::string out = cos ? "COS pre-signed URL\n" : "SigV4 pre-signed URL\n";
  out.append("  host:       ").append(e.host).push_back('\n');
  out.append("  bucket:     ").append(e.bucket ? *e.bucket : "(cannot be told from the host)").push_back('\n');
  out.append("  region:     ").append(e.region ? *e.region : "(cannot be told from the host)").push_back('\n');
  out.append("  key:        ").append(e.key).push_back('\n');
  out.append("  key id:     ").append(e.access_key_id).push_back('\n');
  out.append("  method:     ").append(e.method).append(" (assumed; --method to change)\n");
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
    out.append("  credential scope: ").append(e.credential_scope).push_back('\n');
  }
  block(out, "StringToSign", e.string_to_sign);
  out.append("  signature:  ").append(e.signature).push_back('\n');
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
      out.append("  ").append(p.code).append(" (").append(p.field).append("): ").append(p.message).push_back('\n');
    }
  }
  return out;
}

}  // namespace cli
