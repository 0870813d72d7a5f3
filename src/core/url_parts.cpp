#include "core/url_parts.h"

#include "core/text.h"

namespace cospresign {
namespace {

constexpr const char* kInvalidUrl = "ERR_INVALID_URL";

ExplainError invalid_url(const char* field, const char* message) { return ExplainError{kInvalidUrl, field, message}; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

ExplainError split_url(std::string_view url, UrlParts& out) {
  // Surrounding whitespace is what a paste brings along.
  while (!url.empty() && (url.front() == ' ' || url.front() == '\t' || url.front() == '\n' || url.front() == '\r')) {
    url.remove_prefix(1);
  }
  while (!url.empty() && (url.back() == ' ' || url.back() == '\t' || url.back() == '\n' || url.back() == '\r')) {
    url.remove_suffix(1);
  }
  for (const char c : url) {
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b == 0x7f) return invalid_url("url", "contains a space or a control character");
  }
  const std::size_t colon = url.find("://");
  if (colon == std::string_view::npos) return invalid_url("url", "is not an absolute URL (scheme://host/path)");
  const std::string_view scheme = url.substr(0, colon);
  if (iequals(scheme, "https")) {
    out.scheme = "https";
  } else if (iequals(scheme, "http")) {
    out.scheme = "http";
  } else {
    return invalid_url("url", "must start with https:// or http://");
  }
  std::string_view rest = url.substr(colon + 3);
  const std::size_t hash = rest.find('#');
  if (hash != std::string_view::npos) rest = rest.substr(0, hash);  // a fragment is never sent
  const std::size_t authority_end = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, authority_end);
  rest = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return invalid_url("url", "must not contain user info (user@host)");
  const std::size_t port_colon = authority.rfind(':');
  const std::string_view name = authority.substr(0, port_colon);
  const std::string_view port = port_colon == std::string_view::npos ? std::string_view() : authority.substr(port_colon + 1);
  if (name.empty() || name.front() == '.' || name.back() == '.' || name.find("..") != std::string_view::npos) {
    return invalid_url("host", "is not a host name");
  }
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return invalid_url("host", "is not a host name");
  }
  unsigned port_value = 0;
  if (port_colon != std::string_view::npos && !port.empty()) {
    if (port.size() > 5) return invalid_url("port", "is not a port number");
    for (const char c : port) {
      if (c < '0' || c > '9') return invalid_url("port", "is not a port number");
      port_value = port_value * 10 + static_cast<unsigned>(c - '0');
    }
    if (port_value > 65535) return invalid_url("port", "is not a port number");
  }
  out.host.clear();
  for (const char c : name) out.host.push_back(ascii_lower(c));
  const bool default_port = (out.scheme == "https" && port_value == 443) || (out.scheme == "http" && port_value == 80);
  if (!port.empty() && !default_port) out.host.append(":").append(std::to_string(port_value));

  const std::size_t question = rest.find('?');
  out.path = rest.substr(0, question);
  if (out.path.empty()) out.path = "/";
  out.query.clear();
  if (question == std::string_view::npos) return ExplainError{};
  std::string_view search = rest.substr(question + 1);
  while (!search.empty()) {
    const std::size_t amp = search.find('&');
    const std::string_view part = search.substr(0, amp);
    search = amp == std::string_view::npos ? std::string_view() : search.substr(amp + 1);
    if (part.empty()) continue;
    const std::size_t eq = part.find('=');
    RawQueryParam p;
    p.name = part.substr(0, eq);
    p.has_value = eq != std::string_view::npos;
    if (p.has_value) p.value = part.substr(eq + 1);
    out.query.push_back(p);
  }
  return ExplainError{};
}

ExplainError percent_decode(std::string_view in, bool plus_is_space, const char* field, std::string& out) {
  const std::size_t start = out.size();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == '%') {
      if (in.size() - i < 3) return invalid_url(field, "has a malformed percent-escape");
      const int h = hex_value(in[i + 1]);
      const int l = hex_value(in[i + 2]);
      if (h < 0 || l < 0) return invalid_url(field, "has a malformed percent-escape");
      out.push_back(static_cast<char>(h * 16 + l));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  if (check_utf8(std::string_view(out).substr(start), field).failed()) {
    return invalid_url(field, "does not decode to well-formed UTF-8");
  }
  return ExplainError{};
}

}  // namespace cospresign
