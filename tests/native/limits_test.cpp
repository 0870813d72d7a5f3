// Size limits: no input can make the core allocate without bound (with
// -fno-exceptions a failed allocation aborts, which in wasm left the module
// broken). Found by the huge-input tests in tests/node/bad-input.test.js.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "core/cos_url.h"
#include "core/request_codec.h"
#include "core/sigv4.h"
#include "core/text.h"

namespace cospresign {
namespace {

PresignRequest request_with_query_value(const std::string& value) {
  PresignRequest r;
  r.secret_id = "AKIDexample";
  r.secret_key = "secret";
  r.key_time = "1700000000;1700000600";
  r.bucket = "examplebucket-1250000000";
  r.region = "ap-guangzhou";
  r.query = {{"a", value}};
  return r;
}

TEST(Limits, InputBufferOverTheLimitIsRefused) {
  RequestCodec codec;
  EXPECT_EQ(codec.reserve_input(kMaxInputBuffer + 1), nullptr);
  EXPECT_NE(codec.reserve_input(16), nullptr);
}

TEST(Limits, RequestOverTheLimitIsRefusedWipedAndTheCodecStillWorks) {
  RequestCodec codec;
  const std::size_t size = kMaxRequestBytes + 1;
  unsigned char* in = codec.reserve_input(size);
  ASSERT_NE(in, nullptr);
  std::memset(in, 's', size);
  EXPECT_FALSE(codec.run(size));
  EXPECT_EQ(codec.response().rfind("ERR_TOO_LARGE\x1frequest\x1f", 0), 0u) << codec.response();
  for (std::size_t i = 0; i < size; i += 4096) ASSERT_EQ(in[i], 0);
  EXPECT_EQ(in[size - 1], 0);
  // An empty op byte: malformed, but answered normally.
  in = codec.reserve_input(1);
  in[0] = 9;
  EXPECT_FALSE(codec.run(1));
  EXPECT_EQ(codec.response().rfind("ERR_MALFORMED_REQUEST", 0), 0u);
}

TEST(Limits, UrlsUpToTheLimitAreSignedOneByteMoreIsRefused) {
  const std::string value(1000, 'v');
  const PresignRequest r = request_with_query_value(value);
  std::string one;
  ASSERT_FALSE(presign_urls(r, {"k"}, one).failed());
  const std::size_t limit = 100000;  // the same check as kMaxUrlsBytes, smaller
  // The largest batch of identical URLs that fits, with the last key made
  // longer so the total is exactly the limit, then one byte over it.
  const std::size_t fit = limit / one.size();
  const std::size_t room = limit - fit * one.size();
  std::string last_key(1 + room, 'k');  // replaces a 1-byte key: adds `room`
  std::vector<std::string_view> keys(fit, "k");
  keys.back() = last_key;
  std::string out;
  ASSERT_FALSE(presign_urls(r, keys, out, '\n', UrlLayout::kWhole, nullptr, limit).failed());
  EXPECT_EQ(out.size(), limit);
  EXPECT_EQ(out.compare(0, one.size(), one), 0);

  last_key.push_back('k');
  keys.back() = last_key;
  const Error err = presign_urls(r, keys, out, '\n', UrlLayout::kWhole, nullptr, limit);
  EXPECT_EQ(err.code, ErrorCode::kTooLarge);
  EXPECT_STREQ(err.field, "request");
}

TEST(Limits, HugeBatchIsRefusedBeforeAnythingIsAllocated) {
  const std::string value(1u << 20, 'v');  // Params are views: keep it alive
  const PresignRequest r = request_with_query_value(value);
  std::vector<std::string_view> keys(100000, "k");  // about 100 GiB of URLs
  std::string out;
  EXPECT_EQ(presign_urls(r, keys, out).code, ErrorCode::kTooLarge);
  EXPECT_LT(out.capacity(), std::size_t{1} << 20);
}

TEST(Limits, SigV4BatchOverTheLimitIsRefusedAndUnderItIsExact) {
  const std::string value(1u << 20, 'v');
  V4PresignRequest r;
  r.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  r.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  r.region = "us-east-1";
  r.bucket = "examplebucket";
  r.date = "1369353600";
  r.expires = "86400";
  r.query = {{"a", value}};
  std::vector<std::string_view> keys(300, "k");  // about 300 MiB of URLs
  std::string out;
  const Error err = presign_v4_urls(r, keys, out);
  EXPECT_EQ(err.code, ErrorCode::kTooLarge);
  EXPECT_LT(out.capacity(), std::size_t{1} << 20);

  keys.assign(3, "dir/k 1");
  ASSERT_FALSE(presign_v4_urls(r, keys, out).failed());
  std::string one;
  ASSERT_FALSE(presign_v4_urls(r, {keys[0]}, one).failed());
  EXPECT_EQ(out, one + one + one);
}

TEST(Limits, PercentEncodedSizeIsTheEncodedLength) {
  const std::string samples[] = {"", "a", "a b+c/d", "\xE8\x85\xBE/\xF0\x9F\x98\x80", std::string(300, '/'), "~-._%"};
  for (const std::string& s : samples) {
    for (const bool keep_slash : {false, true}) {
      std::string encoded;
      append_percent_encoded(encoded, s, keep_slash);
      EXPECT_EQ(percent_encoded_size(s, keep_slash), encoded.size()) << s;
    }
  }
}

}  // namespace
}  // namespace cospresign
