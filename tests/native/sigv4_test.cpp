#include "core/sigv4.h"

#include <gtest/gtest.h>

#include "wire_writer.h"

#include <cstring>
#include <string>

#include "core/request_codec.h"

namespace cospresign {
namespace {

// AWS's worked example of a pre-signed GET:
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
V4PresignRequest aws_example() {
  V4PresignRequest r;
  r.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  r.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  r.region = "us-east-1";
  r.endpoint = "https://s3.amazonaws.com";
  r.bucket = "examplebucket";
  r.date = "1369353600";  // 2013-05-24T00:00:00Z
  r.expires = "86400";
  return r;
}

constexpr const char* kAwsExampleUrl =
    "https://examplebucket.s3.amazonaws.com/test.txt"
    "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
    "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
    "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404\n";

std::string sign_one(const V4PresignRequest& r, std::string_view key, Error* error = nullptr) {
  std::string out;
  const Error err = presign_v4_urls(r, {key}, out);
  if (error) *error = err;
  return err.failed() ? std::string(error_code_name(err.code)) + " " + err.field : out;
}

std::string host_of(const std::string& url) {
  const std::size_t start = url.find("://") + 3;
  return url.substr(0, url.find('?', start));
}

TEST(SigV4, ReproducesAwsPresignedGetExample) {
  EXPECT_EQ(sign_one(aws_example(), "test.txt"), kAwsExampleUrl);
}

TEST(SigV4, AmzDateFromUnixSeconds) {
  // Expected values from Python's datetime.
  const std::pair<std::uint64_t, const char*> cases[] = {
      {0, "19700101T000000Z"},           {1369353600, "20130524T000000Z"}, {951782400, "20000229T000000Z"},
      {1709164800, "20240229T000000Z"}, {4107542400, "21000301T000000Z"}, {253402300799, "99991231T235959Z"},
  };
  std::string out;
  for (const auto& [seconds, text] : cases) {
    ASSERT_FALSE(format_amz_date(seconds, out).failed()) << seconds;
    EXPECT_EQ(out, text) << seconds;
  }
  EXPECT_EQ(format_amz_date(253402300800, out).code, ErrorCode::kInvalidTime);
}

TEST(SigV4, ExpiresMustBeOneSecondToSevenDays) {
  V4PresignRequest r = aws_example();
  Error err;
  for (const char* bad : {"0", "-1", "1.5", "01", "abc", "9999999999999999"}) {
    r.expires = bad;
    sign_one(r, "a", &err);
    EXPECT_EQ(err.code, ErrorCode::kInvalidExpires) << bad;
    EXPECT_STREQ(err.field, "expires");
  }
  r.expires = "604801";
  sign_one(r, "a", &err);
  EXPECT_EQ(err.code, ErrorCode::kExpiresTooLong);
  r.expires = "604800";
  EXPECT_NE(sign_one(r, "a").find("&X-Amz-Expires=604800&"), std::string::npos);
  r.expires = "1";
  EXPECT_NE(sign_one(r, "a").find("&X-Amz-Expires=1&"), std::string::npos);
  r.expires = "";
  EXPECT_NE(sign_one(r, "a").find("&X-Amz-Expires=900&"), std::string::npos) << "default 900 s";
}

TEST(SigV4, EncodesPathOnceAndQueryValuesFully) {
  V4PresignRequest r = aws_example();
  r.query = {{"response-content-disposition", "attachment; filename=\"a b+c/d.txt\""}, {"versionId", "", false}};
  const std::string url = sign_one(r, "dir/a b+c~(1)!*'%/\xC3\xBC.txt");
  EXPECT_EQ(host_of(url), "https://examplebucket.s3.amazonaws.com/dir/a%20b%2Bc~%281%29%21%2A%27%25/%C3%BC.txt");
  EXPECT_NE(url.find("&response-content-disposition=attachment%3B%20filename%3D%22a%20b%2Bc%2Fd.txt%22"),
            std::string::npos);
  // A parameter without a value stays bare in the URL (and signs as "versionId=").
  EXPECT_NE(url.find("&versionId&X-Amz-Signature="), std::string::npos) << url;
}

TEST(SigV4, NoPathNormalization) {
  V4PresignRequest r = aws_example();
  EXPECT_EQ(host_of(sign_one(r, "/lead//double/slash/")),
            "https://examplebucket.s3.amazonaws.com//lead//double/slash/");
  Error err;
  sign_one(r, "a/../b", &err);
  EXPECT_EQ(err.code, ErrorCode::kDotSegment);
  sign_one(r, "./b", &err);
  EXPECT_EQ(err.code, ErrorCode::kDotSegment);
  sign_one(r, "//", &err);
  EXPECT_EQ(err.code, ErrorCode::kEmptyKey);
  EXPECT_EQ(host_of(sign_one(r, "a..b/.c/..d")), "https://examplebucket.s3.amazonaws.com/a..b/.c/..d");
}

TEST(SigV4, SessionTokenIsSignedInTheQueryInSortedPlace) {
  V4PresignRequest r = aws_example();
  r.session_token = "IQo+/=token";
  const std::string url = sign_one(r, "test.txt");
  EXPECT_NE(url.find("&X-Amz-Expires=86400&X-Amz-Security-Token=IQo%2B%2F%3Dtoken&X-Amz-SignedHeaders=host&"),
            std::string::npos)
      << url;
  EXPECT_EQ(url.find("aeeed9bb"), std::string::npos) << "the token changes the signature";
}

TEST(SigV4, Endpoints) {
  V4PresignRequest r = aws_example();
  r.endpoint = "";
  r.region = "eu-west-1";
  EXPECT_EQ(host_of(sign_one(r, "k")), "https://examplebucket.s3.eu-west-1.amazonaws.com/k");
  r.path_style = PathStyle::kPath;
  EXPECT_EQ(host_of(sign_one(r, "k")), "https://s3.eu-west-1.amazonaws.com/examplebucket/k");
  r.path_style = PathStyle::kAuto;
  r.bucket = "my.dotted.bucket";
  EXPECT_EQ(host_of(sign_one(r, "k")), "https://s3.eu-west-1.amazonaws.com/my.dotted.bucket/k");

  // R2
  r = aws_example();
  r.region = "auto";
  r.endpoint = "https://0123abcd.r2.cloudflarestorage.com";
  EXPECT_EQ(host_of(sign_one(r, "k")), "https://examplebucket.0123abcd.r2.cloudflarestorage.com/k");
  EXPECT_NE(sign_one(r, "k").find("%2Fauto%2Fs3%2Faws4_request"), std::string::npos);
  // COS S3 API
  r.region = "ap-guangzhou";
  r.bucket = "examplebucket-1250000000";
  r.endpoint = "cos.ap-guangzhou.myqcloud.com/";
  EXPECT_EQ(host_of(sign_one(r, "k")), "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/k");
  // A bucket domain as endpoint, no bucket.
  r.bucket = "";
  r.endpoint = "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com";
  EXPECT_EQ(host_of(sign_one(r, "k")), "https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/k");

  // MinIO and other self-hosted servers: path style by default.
  r = aws_example();
  r.endpoint = "http://127.0.0.1:9000";
  EXPECT_EQ(host_of(sign_one(r, "k")), "http://127.0.0.1:9000/examplebucket/k");
  r.endpoint = "HTTP://LocalHost:9000/";
  EXPECT_EQ(host_of(sign_one(r, "k")), "http://localhost:9000/examplebucket/k");
  r.endpoint = "https://minio.example.com:9000";
  EXPECT_EQ(host_of(sign_one(r, "k")), "https://minio.example.com:9000/examplebucket/k");
  r.path_style = PathStyle::kVirtual;
  EXPECT_EQ(host_of(sign_one(r, "k")), "https://examplebucket.minio.example.com:9000/k");
  // Default ports are dropped, as a browser drops them from Host.
  r.endpoint = "https://minio.example.com:443";
  EXPECT_EQ(host_of(sign_one(r, "k")), "https://examplebucket.minio.example.com/k");
  r.endpoint = "http://127.0.0.1:80";
  r.path_style = PathStyle::kAuto;
  EXPECT_EQ(host_of(sign_one(r, "k")), "http://127.0.0.1/examplebucket/k");
}

TEST(SigV4, BadEndpointsAndNames) {
  const std::pair<void (*)(V4PresignRequest&), ErrorCode> cases[] = {
      {[](V4PresignRequest& r) { r.endpoint = "ftp://host"; }, ErrorCode::kInvalidProtocol},
      {[](V4PresignRequest& r) { r.endpoint = "https://host/path"; }, ErrorCode::kInvalidEndpoint},
      {[](V4PresignRequest& r) { r.endpoint = "https://user@host"; }, ErrorCode::kInvalidEndpoint},
      {[](V4PresignRequest& r) { r.endpoint = "https://host:99999"; }, ErrorCode::kInvalidEndpoint},
      {[](V4PresignRequest& r) { r.endpoint = "https://"; }, ErrorCode::kInvalidEndpoint},
      {[](V4PresignRequest& r) { r.endpoint = "https://{Bucket}.cos.x"; }, ErrorCode::kInvalidEndpoint},
      {[](V4PresignRequest& r) { r.endpoint = "http://10.0.0.1"; r.path_style = PathStyle::kVirtual; },
       ErrorCode::kInvalidEndpoint},
      {[](V4PresignRequest& r) { r.bucket = "Upper"; }, ErrorCode::kInvalidBucket},
      {[](V4PresignRequest& r) { r.bucket = "ab"; }, ErrorCode::kInvalidBucket},
      {[](V4PresignRequest& r) { r.bucket = "a..b"; }, ErrorCode::kInvalidBucket},
      {[](V4PresignRequest& r) { r.bucket = "-ab"; }, ErrorCode::kInvalidBucket},
      {[](V4PresignRequest& r) { r.bucket = ""; r.endpoint = ""; }, ErrorCode::kMissingField},
      {[](V4PresignRequest& r) { r.region = ""; }, ErrorCode::kMissingField},
      {[](V4PresignRequest& r) { r.region = "us/east"; }, ErrorCode::kInvalidRegion},
      {[](V4PresignRequest& r) { r.region = "US_EAST"; r.endpoint = ""; }, ErrorCode::kInvalidHostLabel},
      {[](V4PresignRequest& r) { r.service = "S3"; }, ErrorCode::kInvalidService},
      {[](V4PresignRequest& r) { r.access_key_id = "AKIA/x"; }, ErrorCode::kInvalidAccessKeyId},
      {[](V4PresignRequest& r) { r.access_key_id = ""; }, ErrorCode::kMissingField},
      {[](V4PresignRequest& r) { r.secret_access_key = ""; }, ErrorCode::kMissingField},
      {[](V4PresignRequest& r) { r.session_token = "a\nb"; }, ErrorCode::kControlCharacter},
      {[](V4PresignRequest& r) { r.method = "G T"; }, ErrorCode::kInvalidMethod},
      {[](V4PresignRequest& r) { r.date = ""; }, ErrorCode::kInvalidTime},
      {[](V4PresignRequest& r) { r.date = "253402300800"; }, ErrorCode::kInvalidTime},
      {[](V4PresignRequest& r) { r.query = {{"X-Amz-Signature", "x"}}; }, ErrorCode::kReservedName},
      {[](V4PresignRequest& r) { r.query = {{"x-amz-security-token", "x"}}; }, ErrorCode::kReservedName},
      {[](V4PresignRequest& r) { r.query = {{"", "x"}}; }, ErrorCode::kInvalidName},
      {[](V4PresignRequest& r) { r.query = {{"a", "1"}, {"a", "2"}}; }, ErrorCode::kDuplicateName},
      {[](V4PresignRequest& r) { r.query = {{"a", "\xFF"}}; }, ErrorCode::kInvalidUtf8},
      {[](V4PresignRequest& r) { r.headers = {{"Host", "evil"}}; }, ErrorCode::kReservedName},
      {[](V4PresignRequest& r) { r.headers = {{"Range", "1"}, {"range", "2"}}; }, ErrorCode::kDuplicateName},
      {[](V4PresignRequest& r) { r.headers = {{"a b", "1"}}; }, ErrorCode::kInvalidName},
      {[](V4PresignRequest& r) { r.headers = {{"x-a", "1\r\nInjected: 1"}}; }, ErrorCode::kControlCharacter},
      {[](V4PresignRequest& r) { r.headers = {{"x-a", "caf\xC3\xA9"}}; }, ErrorCode::kInvalidValue},
  };
  for (const auto& [change, code] : cases) {
    V4PresignRequest r = aws_example();
    change(r);
    Error err;
    sign_one(r, "test.txt", &err);
    EXPECT_EQ(err.code, code) << error_code_name(code) << " got " << error_code_name(err.code) << " " << err.field;
  }
}

TEST(SigV4, HeadersAreSignedCanonically) {
  V4PresignRequest r = aws_example();
  r.headers = {{"Range", "  bytes=0-9  "}, {"X-Custom", "a   b"}};
  const std::string spaced = sign_one(r, "k");
  EXPECT_NE(spaced.find("&X-Amz-SignedHeaders=host%3Brange%3Bx-custom&"), std::string::npos) << spaced;
  // What a server computes: trimmed, runs of spaces collapsed.
  r.headers = {{"range", "bytes=0-9"}, {"x-custom", "a b"}};
  EXPECT_EQ(sign_one(r, "k"), spaced);
}

TEST(SigV4, BatchEqualsSingleCalls) {
  V4PresignRequest r = aws_example();
  r.session_token = "tok";
  r.query = {{"response-cache-control", "no-cache"}};
  const std::vector<std::string_view> keys = {"a", "b/c d", "\xE6\x8A\xA5\xE5\x91\x8A.pdf", "test.txt"};
  std::string batch;
  ASSERT_FALSE(presign_v4_urls(r, keys, batch).failed());
  std::string expected;
  for (const std::string_view k : keys) expected += sign_one(r, k);
  EXPECT_EQ(batch, expected);
  Error err;
  std::string out;
  err = presign_v4_urls(r, {"ok", "also ok", ""}, out);
  EXPECT_EQ(err.code, ErrorCode::kEmptyKey);
  EXPECT_EQ(err.index, 2u);
}

// --- wire protocol op 3 -------------------------------------------------------

using wire_test::Writer;
using wire_test::run;

std::string aws_example_request(unsigned char path_style = 0) {
  Writer w;
  w.u8(3).str("AKIAIOSFODNN7EXAMPLE").str("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY").str("").str("us-east-1")
      .str("s3").str("https://s3.amazonaws.com").str("examplebucket").str("GET").str("1369353600").str("86400")
      .u8(path_style).u32(0).u32(0).u32(1).str("test.txt");
  return w.bytes;
}


TEST(SigV4Codec, Op3SignsAndWipesTheInput) {
  RequestCodec codec;
  const std::string request = aws_example_request();
  ASSERT_TRUE(run(codec, request)) << codec.response();
  EXPECT_EQ(codec.response(), kAwsExampleUrl);
  const unsigned char* in = codec.reserve_input(request.size());
  for (std::size_t i = 0; i < request.size(); ++i) ASSERT_EQ(in[i], 0) << "input byte " << i << " not wiped";
}

TEST(SigV4Codec, Op3RefusesEveryTruncationAndBadPathStyle) {
  RequestCodec codec;
  const std::string request = aws_example_request();
  for (std::size_t n = 0; n < request.size(); ++n) {
    ASSERT_FALSE(run(codec, request.substr(0, n))) << n;
    EXPECT_EQ(codec.response().rfind("ERR_MALFORMED_REQUEST", 0), 0u) << n;
  }
  ASSERT_FALSE(run(codec, request + "x"));
  ASSERT_FALSE(run(codec, aws_example_request(3)));
  EXPECT_EQ(codec.response().rfind("ERR_MALFORMED_REQUEST", 0), 0u);
  ASSERT_TRUE(run(codec, aws_example_request(1)));
  EXPECT_EQ(codec.response().rfind("https://s3.amazonaws.com/examplebucket/test.txt?", 0), 0u);
}

}  // namespace
}  // namespace cospresign
