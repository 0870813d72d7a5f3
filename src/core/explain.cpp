// explain_link(): reads the link as a server does, tells COS from SigV4, and
// hands it to explain_cos.cpp or explain_sigv4.cpp.
#include "core/explain.h"

#include "core/explain_detail.h"

// Problem codes (stable, shared with the JS explainUrl; docs/explain-format.md):
//   COS:   SIGN_TIME_MISMATCH, LINK_NOT_YET_VALID / LINK_EXPIRED, HOST_NOT_SIGNED,
//          RAW_PLUS_IN_PATH, PARAM_NOT_SIGNED, SIGNED_PARAM_MISSING,
//          SIGNED_HEADER_NOT_SENT, SIGNATURE_MISMATCH
//   SigV4: SCOPE_DATE_MISMATCH, EXPIRES_TOO_LONG, LINK_NOT_YET_VALID / LINK_EXPIRED,
//          HOST_NOT_SIGNED, RAW_PLUS_IN_PATH, SIGNED_HEADER_NOT_SENT, SIGNATURE_MISMATCH
// each list in the order reported. Messages are the JS's, word for word.

namespace cospresign {

using namespace explain_detail;

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
