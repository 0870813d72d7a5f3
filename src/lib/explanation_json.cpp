// to_json(): the explanation in the shape shared with the JS explainUrl,
// byte for byte what JSON.stringify prints (field order, escapes, null).
#include <string>

#include "cos_presign/explain.h"
#include "lib/convert.h"

namespace cos_presign {

namespace {

// JSON.stringify's escaping (json_quoted, src/lib/convert.h).
void string_value(std::string& out, const std::string& s) { out.append(detail::json_quoted(s)); }

void optional_value(std::string& out, const std::optional<std::string>& s) {
  if (s) {
    string_value(out, *s);
  } else {
    out.append("null");
  }
}

void field(std::string& out, const char* name) {
  if (out.back() != '{') out.push_back(',');
  out.push_back('"');
  out.append(name).append("\":");
}

void named_list(std::string& out, const std::vector<NamedValue>& list) {
  out.push_back('[');
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append("{\"name\":");
    string_value(out, list[i].name);
    out.append(",\"value\":");
    optional_value(out, list[i].value);
    out.push_back('}');
  }
  out.push_back(']');
}

}  // namespace

std::string to_json(const Explanation& e) {
  std::string out = "{";
  field(out, "kind");
  out.append(e.kind == UrlKind::kCos ? "\"cos\"" : "\"sigv4\"");
  field(out, "method");
  string_value(out, e.method);
  field(out, "host");
  string_value(out, e.host);
  field(out, "bucket");
  optional_value(out, e.bucket);
  field(out, "region");
  optional_value(out, e.region);
  field(out, "key");
  string_value(out, e.key);
  field(out, "accessKeyId");
  string_value(out, e.access_key_id);
  field(out, "start");
  out.append(std::to_string(e.start));
  field(out, "end");
  out.append(std::to_string(e.end));
  field(out, "now");
  out.append(std::to_string(e.now));
  field(out, "secondsLeft");
  out.append(std::to_string(e.seconds_left));
  field(out, "signedHeaders");
  named_list(out, e.signed_headers);
  field(out, "signedParams");
  named_list(out, e.signed_params);
  field(out, "unsignedParams");
  named_list(out, e.unsigned_params);
  field(out, "canonical");
  out.push_back('{');
  if (e.kind == UrlKind::kCos) {
    field(out, "httpString");
    string_value(out, e.http_string);
    field(out, "stringToSign");
    string_value(out, e.string_to_sign);
  } else {
    field(out, "canonicalRequest");
    string_value(out, e.canonical_request);
    field(out, "stringToSign");
    string_value(out, e.string_to_sign);
    field(out, "credentialScope");
    string_value(out, e.credential_scope);
  }
  out.push_back('}');
  field(out, "signature");
  string_value(out, e.signature);
  if (e.verified) {
    field(out, "verified");
    out.append(*e.verified ? "true" : "false");
  }
  field(out, "problems");
  out.push_back('[');
  for (std::size_t i = 0; i < e.problems.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append("{\"code\":");
    string_value(out, e.problems[i].code);
    out.append(",\"field\":");
    string_value(out, e.problems[i].field);
    out.append(",\"message\":");
    string_value(out, e.problems[i].message);
    out.push_back('}');
  }
  out.append("]}");
  return out;
}

}  // namespace cos_presign
