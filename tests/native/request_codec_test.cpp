#include "core/request_codec.h"

#include <gtest/gtest.h>

#include "wire_writer.h"

#include <cstring>
#include <string>

namespace cospresign {
namespace {

using wire_test::Writer;
using wire_test::run;


std::string download_request() {
  Writer w;
  w.u8(1).str("AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q").str("BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz").str("GET")
      .str("exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)").u8(0).str("1557989753;1557996953");
  w.u32(2).str("response-content-type").u8(1).str("application/octet-stream");
  w.str("response-cache-control").u8(1).str("max-age=600");
  w.u32(2).str("Date").u8(1).str("Thu, 16 May 2019 06:55:53 GMT");
  w.str("Host").u8(1).str("examplebucket-1250000000.cos.ap-beijing.myqcloud.com");
  return w.bytes;
}

TEST(RequestCodec, SignsAndWipesTheInput) {
  RequestCodec codec;
  const std::string request = download_request();
  ASSERT_TRUE(run(codec, request));
  EXPECT_NE(codec.response().find("q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012"), std::string::npos);
  const unsigned char* in = codec.reserve_input(request.size());
  for (std::size_t i = 0; i < request.size(); ++i) ASSERT_EQ(in[i], 0) << "input byte " << i << " not wiped";
}

TEST(RequestCodec, ErrorsAreRecords) {
  RequestCodec codec;
  std::string request = download_request();
  request[5 + 36 + 4 + 32 + 4 + 3 + 4] = '\n';  // first byte of the key
  ASSERT_FALSE(run(codec, request));
  EXPECT_EQ(codec.response(), "ERR_CONTROL_CHARACTER\x1fkey\x1fmust not contain ASCII control characters\x1f" "0");
}

TEST(RequestCodec, RefusesEveryTruncation) {
  RequestCodec codec;
  const std::string request = download_request();
  for (std::size_t n = 0; n < request.size(); ++n) {
    ASSERT_FALSE(run(codec, request.substr(0, n))) << n;
    EXPECT_EQ(codec.response().rfind("ERR_MALFORMED_REQUEST", 0), 0u) << n;
  }
  ASSERT_FALSE(run(codec, request + "x"));
  ASSERT_TRUE(run(codec, request));
}

TEST(RequestCodec, RefusesHugeCounts) {
  RequestCodec codec;
  Writer w;
  w.u8(2);
  for (int i = 0; i < 9; ++i) w.str("x");
  w.u32(0xFFFFFFFFu);
  ASSERT_FALSE(run(codec, w.bytes));
  EXPECT_EQ(codec.response().rfind("ERR_MALFORMED_REQUEST", 0), 0u);
}

}  // namespace
}  // namespace cospresign

namespace cospresign {
namespace {

// The COS module's codec: ops 1 and 2 as before, op 3 refused by name (and
// the wire mask says so), whatever bytes follow.
TEST(RequestCodec, CosOpsLeaveSigV4Out) {
  EXPECT_EQ(supported_ops_mask(cos_ops()), (1u << 1) | (1u << 2));
  EXPECT_EQ(supported_ops_mask(all_ops()), (1u << 1) | (1u << 2) | (1u << 3));
  RequestCodec cos(cos_ops());
  ASSERT_TRUE(run(cos, download_request()));
  EXPECT_NE(cos.response().find("q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012"), std::string::npos);
  for (const std::string request : {std::string("\x03"), std::string("\x03garbage", 8)}) {
    ASSERT_FALSE(run(cos, request));
    EXPECT_EQ(cos.response().rfind("ERR_NOT_IN_MODULE\x1fsignature\x1f", 0), 0u) << cos.response();
  }
  ASSERT_FALSE(run(cos, std::string("\x04", 1)));
  EXPECT_EQ(cos.response().rfind("ERR_MALFORMED_REQUEST", 0), 0u);
  // The full codec does not answer op 3 that way.
  RequestCodec full(all_ops());
  ASSERT_FALSE(run(full, std::string("\x03", 1)));
  EXPECT_EQ(full.response().rfind("ERR_MALFORMED_REQUEST", 0), 0u);
}

}  // namespace
}  // namespace cospresign
