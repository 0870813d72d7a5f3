#include "core/url_parts.h"

#include "core/text.h"

namespace cospresign {
namespace {

ExplainError invalid_url() { return ExplainError{"ERR_INVALID_URL", "url", "is not an absolute URL"}; }

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_escaped(std::string& out, unsigned char b) {
  static const char kHex[] = "0123456789ABCDEF";
  out.push_back('%');
  out.push_back(kHex[b >> 4]);
  out.push_back(kHex[b & 15]);
}

// WHATWG's path and (special-scheme) query percent-encode sets.
bool in_path_set(unsigned char b) {
  return b <= 0x20 || b >= 0x7f || b == '"' || b == '#' || b == '<' || b == '>' || b == '?' || b == '`' || b == '{' ||
         b == '}';
}
bool in_query_set(unsigned char b) {
  return b <= 0x20 || b >= 0x7f || b == '"' || b == '#' || b == '<' || b == '>' || b == '\'';
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

bool single_dot(std::string_view s) { return s == "." || iequals(s, "%2e"); }
bool double_dot(std::string_view s) {
  return s == ".." || iequals(s, ".%2e") || iequals(s, "%2e.") || iequals(s, "%2e%2e");
}

}  // namespace

ExplainError split_url(std::string_view input, UrlParts& out) {
  // Leading and trailing C0 controls and spaces go; tabs and newlines anywhere.
  while (!input.empty() && static_cast<unsigned char>(input.front()) <= 0x20) input.remove_prefix(1);
  while (!input.empty() && static_cast<unsigned char>(input.back()) <= 0x20) input.remove_suffix(1);
  std::string url;
  for (const char c : input) {
    if (c != '\t' && c != '\n' && c != '\r') url.push_back(c);
  }
  // scheme ":"
  std::size_t i = 0;
  if (url.empty() || !is_alpha(url[0])) return invalid_url();
  while (i < url.size() && (is_alpha(url[i]) || is_digit(url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.')) ++i;
  if (i >= url.size() || url[i] != ':') return invalid_url();
  const std::string scheme = url.substr(0, i);
  ++i;
  if (iequals(scheme, "https")) {
    out.scheme = "https";
  } else if (iequals(scheme, "http")) {
    out.scheme = "http";
  } else {
    return ExplainError{"ERR_NOT_PRESIGNED_URL", "url", "is not an http or https URL"};
  }
  // Special schemes ignore any number of slashes (and backslashes) here.
  while (i < url.size() && (url[i] == '/' || url[i] == '\\')) ++i;
  std::size_t end = i;
  while (end < url.size() && url[end] != '/' && url[end] != '\\' && url[end] != '?' && url[end] != '#') ++end;
  std::string_view authority = std::string_view(url).substr(i, end - i);
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) authority.remove_prefix(at + 1);  // user info is not sent
  std::string_view host = authority;
  std::string_view port;
  if (!host.empty() && host.front() == '[') {
    const std::size_t close = host.find(']');
    if (close == std::string_view::npos) return invalid_url();
    if (close + 1 < host.size()) {
      if (host[close + 1] != ':') return invalid_url();
      port = host.substr(close + 2);
    }
    host = host.substr(0, close + 1);
    for (const char c : host.substr(1, host.size() - 2)) {
      if (!(is_digit(c) || hex_value(c) >= 0 || c == ':' || c == '.')) return invalid_url();
    }
  } else {
    const std::size_t colon = host.find(':');
    if (colon != std::string_view::npos) {
      port = host.substr(colon + 1);
      host = host.substr(0, colon);
    }
    if (host.empty()) return invalid_url();
    for (const char c : host) {
      const auto b = static_cast<unsigned char>(c);
      // Forbidden host code points, and non-ASCII (IDNA is not done here).
      if (b <= 0x20 || b >= 0x7f || c == '#' || c == '%' || c == '/' || c == ':' || c == '<' || c == '>' || c == '?' ||
          c == '@' || c == '[' || c == '\\' || c == ']' || c == '^' || c == '|') {
        return invalid_url();
      }
    }
  }
  out.hostname.clear();
  for (const char c : host) out.hostname.push_back(ascii_lower(c));
  out.has_port = false;
  out.host = out.hostname;
  if (!port.empty()) {
    unsigned long value = 0;
    for (const char c : port) {
      if (!is_digit(c)) return invalid_url();
      value = value * 10 + static_cast<unsigned long>(c - '0');
      if (value > 65535) return invalid_url();
    }
    const bool default_port = (out.scheme == "https" && value == 443) || (out.scheme == "http" && value == 80);
    if (!default_port) {
      out.has_port = true;
      out.host += ":" + std::to_string(value);
    }
  }

  // Path: backslashes are slashes, dot segments resolved, characters encoded.
  std::size_t path_end = end;
  while (path_end < url.size() && url[path_end] != '?' && url[path_end] != '#') ++path_end;
  std::string raw_path = url.substr(end, path_end - end);
  for (char& c : raw_path) c = c == '\\' ? '/' : c;
  std::vector<std::string> segments;
  std::string_view rest = raw_path;
  if (!rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  bool more = !raw_path.empty();
  while (more) {
    const std::size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    more = slash != std::string_view::npos;
    rest = more ? rest.substr(slash + 1) : std::string_view();
    if (double_dot(segment)) {
      if (!segments.empty()) segments.pop_back();
      if (!more) segments.emplace_back();
    } else if (single_dot(segment)) {
      if (!more) segments.emplace_back();
    } else {
      std::string encoded;
      for (const char c : segment) {
        if (in_path_set(static_cast<unsigned char>(c))) {
          append_escaped(encoded, static_cast<unsigned char>(c));
        } else {
          encoded.push_back(c);
        }
      }
      segments.push_back(std::move(encoded));
    }
  }
  out.path.clear();
  for (const std::string& s : segments) out.path.append("/").append(s);
  if (out.path.empty()) out.path = "/";

  out.query.clear();
  if (path_end < url.size() && url[path_end] == '?') {
    const std::size_t hash = url.find('#', path_end);
    const std::string_view search =
        std::string_view(url).substr(path_end + 1, hash == std::string::npos ? std::string::npos : hash - path_end - 1);
    std::size_t start = 0;
    while (start <= search.size()) {
      std::size_t amp = search.find('&', start);
      if (amp == std::string_view::npos) amp = search.size();
      const std::string_view part = search.substr(start, amp - start);
      start = amp + 1;
      if (part.empty()) continue;
      RawQueryParam p;
      const std::size_t eq = part.find('=');
      p.has_value = eq != std::string_view::npos;
      std::string* to = &p.name;
      for (std::size_t k = 0; k < part.size(); ++k) {
        if (k == eq) {
          to = &p.value;
          continue;
        }
        const auto b = static_cast<unsigned char>(part[k]);
        if (in_query_set(b)) {
          append_escaped(*to, b);
        } else {
          to->push_back(part[k]);
        }
      }
      out.query.push_back(std::move(p));
    }
  }
  return ExplainError{};
}

bool percent_decode(std::string_view in, std::string& out) {
  const std::size_t start = out.size();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (in.size() - i < 3) return false;
    const int h = hex_value(in[i + 1]);
    const int l = hex_value(in[i + 2]);
    if (h < 0 || l < 0) return false;
    out.push_back(static_cast<char>(h * 16 + l));
    i += 2;
  }
  return !check_utf8(std::string_view(out).substr(start), "url").failed();
}

}  // namespace cospresign
