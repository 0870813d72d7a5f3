// The wire protocol the JS wrapper speaks (src/core/request_codec.h), fed
// arbitrary bytes: RequestCodec::run must never crash, must wipe the input,
// must answer the same twice, must give URL text or a well-formed error with
// a documented code, and must still sign Tencent's worked example afterwards.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/request_codec.h"

#include <vector>
#include "fuzz_support.h"

using namespace cospresign;
using namespace fuzzsupport;

namespace {

// Tencent's download example (cloud.tencent.com/document/product/436/7778):
// the published signature is 01681b8c9d798a678e43b685a9f1bba0f6c0e012.
std::string tencent_example() {
  std::string b;
  const auto u32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  };
  const auto str = [&](std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    b.append(s);
  };
  b.push_back(1);
  str("AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q");
  str("BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz");
  str("GET");
  str("exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)");
  b.push_back(0);
  str("1557989753;1557996953");
  u32(2);
  str("response-content-type"), b.push_back(1), str("application/octet-stream");
  str("response-cache-control"), b.push_back(1), str("max-age=600");
  u32(2);
  str("Date"), b.push_back(1), str("Thu, 16 May 2019 06:55:53 GMT");
  str("Host"), b.push_back(1), str("examplebucket-1250000000.cos.ap-beijing.myqcloud.com");
  return b;
}

RequestCodec& codec() {
  static RequestCodec instance;  // one long-lived codec, as in the wasm module
  return instance;
}

bool run(const std::uint8_t* data, std::size_t size) {
  unsigned char* in = codec().reserve_input(size);
  FUZZ_CHECK(in != nullptr);
  if (size > 0) std::memcpy(in, data, size);
  const bool ok = codec().run(size);
  for (std::size_t i = 0; i < size; ++i) FUZZ_CHECK(in[i] == 0);  // the secret is gone
  return ok;
}

void check_response(bool ok, const std::string& response, std::uint8_t op) {
  if (!ok) {
    const auto parts = split(response, '\x1f');
    FUZZ_CHECK(parts.size() == 4);
    FUZZ_CHECK(is_known_code_name(parts[0]));
    FUZZ_CHECK(!parts[1].empty() && !parts[2].empty() && !parts[3].empty());
    for (const std::string_view p : {parts[1], parts[2]}) {
      for (const char c : p) FUZZ_CHECK(c >= 0x20 && c < 0x7F);
    }
    for (const char c : parts[3]) FUZZ_CHECK(c >= '0' && c <= '9');
    return;
  }
  const std::uint8_t base_op = op & kOpMask;
  if (base_op == 1 && op == 1) {
    FUZZ_CHECK(response.compare(0, 27, "q-sign-algorithm=sha1&q-ak=") == 0);
    FUZZ_CHECK(is_url_text(response));
    return;
  }
  FUZZ_CHECK(base_op == 2 || (base_op == 3 && op == 3));  // COS URLs (with flags) or SigV4 URLs
  FUZZ_CHECK(response.empty() || response.back() == '\n');
  if (response.empty()) return;
  std::vector<std::string_view> lines = split(std::string_view(response).substr(0, response.size() - 1), '\n');
  std::size_t first_url = 0;
  if (base_op == 2 && (op & kSignKeyWantedFlag) && !(op & kSignKeyGivenFlag)) {
    // The SignKey, for the host to cache (and wipe once read).
    FUZZ_CHECK(lines.size() > first_url && lines[first_url].size() == 40);
    for (const char c : lines[first_url]) FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    ++first_url;
  }
  if (base_op == 2 && (op & kSharedPartsFlag)) {
    // What every URL shares: prefix, middle, tail; then per key the encoded
    // path and the 40-hex signature.
    FUZZ_CHECK(lines.size() >= first_url + 3);
    const std::string_view prefix = lines[first_url];
    FUZZ_CHECK(prefix.compare(0, 7, "http://") == 0 || prefix.compare(0, 8, "https://") == 0);
    FUZZ_CHECK(prefix.back() == '/' && is_url_text(prefix));
    FUZZ_CHECK(lines[first_url + 1].compare(0, 28, "?q-sign-algorithm=sha1&q-ak=") == 0);
    FUZZ_CHECK(lines[first_url + 1].size() > 13 &&
               lines[first_url + 1].compare(lines[first_url + 1].size() - 13, 13, "&q-signature=") == 0);
    const std::string_view tail = lines[first_url + 2];
    FUZZ_CHECK(tail.empty() || (tail[0] == '&' && is_url_text(tail)));
    for (std::size_t i = first_url + 3; i < lines.size(); ++i) {
      FUZZ_CHECK(lines[i].size() > 40 && is_url_text(lines[i]));
      for (const char c : lines[i].substr(lines[i].size() - 40)) FUZZ_CHECK((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }
    return;
  }
  if (base_op == 2 && (op & kSharedTailFlag)) {
    // The query tail every URL shares: empty or "&name=value...".
    FUZZ_CHECK(lines.size() > first_url);
    FUZZ_CHECK(lines[first_url].empty() || (lines[first_url][0] == '&' && is_url_text(lines[first_url])));
    ++first_url;
  }
  for (std::size_t i = first_url; i < lines.size(); ++i) {
    const std::string_view url = lines[i];
    FUZZ_CHECK(url.compare(0, 7, "http://") == 0 || url.compare(0, 8, "https://") == 0);
    FUZZ_CHECK(is_url_text(url));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const bool ok = run(data, size);
  const std::string first = codec().response();
  check_response(ok, first, size > 0 ? data[0] : 0);

  const bool ok_again = run(data, size);
  FUZZ_CHECK(ok_again == ok && codec().response() == first);

  const std::string example = tencent_example();
  FUZZ_CHECK(run(reinterpret_cast<const std::uint8_t*>(example.data()), example.size()));
  FUZZ_CHECK(codec().response().find("&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012") != std::string::npos);
  return 0;
}
