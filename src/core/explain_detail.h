// Pieces shared by the explainer's files (explain.cpp, explain_common.cpp,
// explain_cos.cpp, explain_sigv4.cpp); not part of the core's interface.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/explain.h"

namespace cospresign {
namespace explain_detail {

// The link as read: the serialized URL, the decoded path, the decoded query.
struct DecodedParam {
  std::string name;
  std::string value;
  bool has_value = true;  // false: no '=' (JSON null)
};

struct Link {
  UrlParts url;
  std::string path;  // decoded, starts with '/'
  std::vector<DecodedParam> params;
};

inline ExplainError not_presigned(const char* field, const char* message) {
  return ExplainError{"ERR_NOT_PRESIGNED_URL", field, message};
}

// The first parameter named exactly `name`, or null.
const DecodedParam* find_param(const Link& link, std::string_view name);

// `^\d{1,15}$`
bool parse_seconds(std::string_view s, std::int64_t& out);

// RFC 3986 encoding of everything but A-Z a-z 0-9 - _ . ~ (COS's and AWS's).
std::string encode(std::string_view s);
std::string lower(std::string s);

// ISO 8601 UTC as JS toISOString() prints it, without the milliseconds.
std::string iso_time(std::int64_t seconds);

void add_problem(LinkExplanation& out, const char* code, std::string field, std::string message);

// LINK_NOT_YET_VALID / LINK_EXPIRED for the window.
void window_problems(LinkExplanation& out, const char* start_field, const char* end_field);

// Host variants a signer may have signed: without the port, or with the
// scheme's default port.
std::vector<std::string> other_hosts(const Link& link);

// The SIGNATURE_MISMATCH message when no suspect matches.
std::string mismatch_fallback(const std::vector<LinkNameValue>& headers);

// A suspect whose signature matched: "{field} does not match this link's request; it matches {what}".
void add_mismatch(LinkExplanation& out, const char* field, const std::string& what_matched);

// bucket/region/key from the host (and path, for path style).
void locate_bucket(const Link& link, bool sigv4, LinkExplanation& out);

extern const char* const kOtherMethods[5];

// Whether a computed signature equals the link's, in time that depends on the
// length only, not on where the first differing character is: a verifier
// that answers per guess must not leak the expected signature byte by byte.
bool same_signature(std::string_view ours, std::string_view theirs);

ExplainError explain_cos(const ExplainRequest& request, const Link& link, LinkExplanation& out);
ExplainError explain_sigv4(const ExplainRequest& request, const Link& link, LinkExplanation& out);

}  // namespace explain_detail
}  // namespace cospresign
