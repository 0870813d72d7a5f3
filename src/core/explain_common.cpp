// The parts of an explanation both signatures share: the link's
// parameters, encodings, times, problems, the host variants and bucket rules.
#include <algorithm>
#include <cstdio>

#include "core/civil_time.h"
#include "core/explain_detail.h"
#include "core/text.h"

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
  const CivilTime t = civil_time(seconds);
  const std::int64_t y = t.year;
  char year[24];
  if (y >= 0 && y <= 9999) {
    std::snprintf(year, sizeof year, "%04lld", static_cast<long long>(y));
  } else {
    std::snprintf(year, sizeof year, "%c%06lld", y < 0 ? '-' : '+', static_cast<long long>(y < 0 ? -y : y));
  }
  char out[64];
  std::snprintf(out, sizeof out, "%s-%02d-%02dT%02d:%02d:%02dZ", year, t.month, t.day, t.hour, t.minute, t.second);
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

bool same_signature(std::string_view ours, std::string_view theirs) {
  if (ours.size() != theirs.size()) return false;  // the length is public: 40 or 64 hex digits
  unsigned char diff = 0;
  for (std::size_t i = 0; i < ours.size(); ++i) {
    diff |= static_cast<unsigned char>(ours[i] ^ theirs[i]);
  }
  return diff == 0;
}

}  // namespace explain_detail
}  // namespace cospresign
