// Pieces shared by the COS and SigV4 explainers (explain.cpp,
// explain_sigv4.cpp); not part of the core's interface.
#pragma once

#include <string>
#include <string_view>

#include "core/explain.h"

namespace cospresign {
namespace explain_detail {

// A query parameter of the URL, decoded.
struct DecodedParam {
  std::string name;
  std::string value;
  bool has_value = true;
  bool used = false;  // matched by the signature's own parameters or lists
};

inline ExplainError not_presigned(const char* field, const char* message) {
  return ExplainError{"ERR_NOT_PRESIGNED_URL", field, message};
}

char ascii_lower(char c);
bool iequals(std::string_view a, std::string_view b);
// Whole unix seconds, digits only, at most 15 of them.
bool parse_seconds(std::string_view s, std::int64_t& out);

// The value of options.headers for `name` (case-insensitive), if given.
const Param* find_header(const ExplainRequest& request, std::string_view name);

// LINK_NOT_YET_VALID / LINK_EXPIRED for the window, and seconds_left.
void check_window(LinkExplanation& out, const char* start_field, const char* end_field);

void add_problem(LinkExplanation& out, const char* code, std::string field, std::string message);

// "GET", "HEAD", ... to try when a signature does not verify.
extern const char* const kUsualMethods[5];

ExplainError explain_sigv4(const ExplainRequest& request, const UrlParts& url,
                           std::vector<DecodedParam>& params, LinkExplanation& out);

}  // namespace explain_detail
}  // namespace cospresign
