// The link explainer on arbitrary input, two ways (first byte picks):
//  - any bytes as a URL: never a crash; an error is ERR_INVALID_URL or
//    ERR_NOT_PRESIGNED_URL; an explanation's text is well-formed UTF-8 (so
//    its JSON is valid) and its signature is the URL's own;
//  - any bytes as an object key: the URL the signer makes for it explains back
//    to that key, verifies with the secret, has no problem inside its window,
//    and no part of the explanation contains the secret.
// The explainer shares no code path with the signer's URL assembly, so the
// round trip checks one against the other.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/cos_url.h"
#include "core/explain.h"
#include "core/text.h"
#include "fuzz_support.h"

using namespace cospresign;
using namespace fuzzsupport;

namespace {

constexpr std::string_view kSecret = "fuzz-SECRET-4b1d";

bool utf8(std::string_view s) { return !check_utf8(s, "x").failed(); }

void check_text(const LinkExplanation& e) {
  FUZZ_CHECK(utf8(e.host) && utf8(e.key) && utf8(e.bucket) && utf8(e.region) && utf8(e.access_key_id));
  FUZZ_CHECK(utf8(e.http_string) && utf8(e.canonical_request) && utf8(e.string_to_sign) && utf8(e.signature));
  for (const auto* list : {&e.signed_headers, &e.signed_params, &e.unsigned_params}) {
    for (const LinkNameValue& v : *list) FUZZ_CHECK(utf8(v.name) && utf8(v.value));
  }
  for (const LinkProblem& p : e.problems) FUZZ_CHECK(utf8(p.field) && utf8(p.message));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view in(reinterpret_cast<const char*>(data + 1), size - 1);
  if (data[0] % 2 == 0) {
    ExplainRequest r;
    r.url = in;
    r.method = "GET";
    r.now = 1700000000;
    r.secret_key = kSecret;
    r.has_secret_key = true;
    LinkExplanation e;
    const ExplainError err = explain_link(r, e);
    if (err.failed()) {
      FUZZ_CHECK(std::string_view(err.code) == "ERR_INVALID_URL" || std::string_view(err.code) == "ERR_NOT_PRESIGNED_URL");
      return 0;
    }
    check_text(e);
    FUZZ_CHECK(e.has_verified);
    FUZZ_CHECK(e.seconds_left == e.end - e.now);
    return 0;
  }

  // Round trip: the signer's URL for this key.
  PresignRequest p;
  p.secret_id = "AKIDfuzz";
  p.secret_key = kSecret;
  p.session_token = "tok+/=";
  p.key_time = "1700000000;1700000900";
  p.bucket = "examplebucket-1250000000";
  p.region = "ap-guangzhou";
  p.query = {{"response-content-disposition", "attachment"}, {"x", "", false}};
  p.headers = {{"Range", "bytes=0-9"}};
  std::string url;
  if (presign_urls(p, {in}, url, '\n').failed()) return 0;
  url.pop_back();
  ExplainRequest r;
  r.url = url;
  r.method = "GET";
  r.headers = {{"range", "bytes=0-9"}};
  r.now = 1700000001;
  r.secret_key = kSecret;
  r.has_secret_key = true;
  LinkExplanation e;
  FUZZ_CHECK(!explain_link(r, e).failed());
  check_text(e);
  std::string_view key = in;
  if (!key.empty() && key.front() == '/') key.remove_prefix(1);
  FUZZ_CHECK(e.key == key);
  FUZZ_CHECK(e.verified);
  FUZZ_CHECK(e.problems.empty());
  FUZZ_CHECK(e.start == 1700000000 && e.end == 1700000900);
  FUZZ_CHECK(e.unsigned_params.size() == 1 && e.unsigned_params[0].value == "tok+/=");
  for (const std::string* s : {&e.http_string, &e.string_to_sign, &e.key}) {
    FUZZ_CHECK(s->find(kSecret) == std::string::npos || key.find(kSecret) != std::string_view::npos);
  }
  return 0;
}
