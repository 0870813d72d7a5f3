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
