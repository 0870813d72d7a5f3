#include "core/cos_url.h"

#include <gtest/gtest.h>

#include <string>

namespace cospresign {
namespace {

PresignRequest tencent_download_example() {
  PresignRequest r;
  r.secret_id = "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q";
  r.secret_key = "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz";
  r.method = "GET";
  r.key_time = "1557989753;1557996953";
  r.bucket = "examplebucket-1250000000";
  r.region = "ap-beijing";
  r.query = {{"response-content-type", "application/octet-stream"}, {"response-cache-control", "max-age=600"}};
  r.headers = {{"Date", "Thu, 16 May 2019 06:55:53 GMT"}};
  return r;
}

TEST(PresignUrl, ReproducesTencentDownloadExampleAsUrl) {
  std::string out;
  ASSERT_FALSE(presign_urls(tencent_download_example(), {"exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)"}, out)
                   .failed());
  EXPECT_EQ(out,
            "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/"
            "exampleobject%28%E8%85%BE%E8%AE%AF%E4%BA%91%29"
            "?q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q"
            "&q-sign-time=1557989753;1557996953&q-key-time=1557989753;1557996953"
            "&q-header-list=date;host&q-url-param-list=response-cache-control;response-content-type"
            "&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012"
            "&response-cache-control=max-age%3D600&response-content-type=application%2Foctet-stream\n");
}

TEST(PresignUrl, TokenIsEncodedAndBatchSignsEachKey) {
  PresignRequest r = tencent_download_example();
  r.session_token = "tok+/=";
  r.query.clear();
  r.headers.clear();
  std::string batch, one, two;
  ASSERT_FALSE(presign_urls(r, {"a b+c.txt", "dir/x"}, batch).failed());
  ASSERT_FALSE(presign_urls(r, {"a b+c.txt"}, one).failed());
  ASSERT_FALSE(presign_urls(r, {"dir/x"}, two).failed());
  EXPECT_EQ(batch, one + two);
  EXPECT_NE(one.find("/a%20b%2Bc.txt?"), std::string::npos);
  EXPECT_NE(one.find("&x-cos-security-token=tok%2B%2F%3D\n"), std::string::npos);
  EXPECT_NE(two.find("/dir/x?"), std::string::npos);
}

// The shared-tail layout is the same URLs, the common tail given once: the
// Tencent example's URL (asserted above byte for byte) must come back whole.
TEST(PresignUrl, SharedTailLayoutGivesTheSameUrls) {
  PresignRequest r = tencent_download_example();
  r.session_token = "tok en+/";
  const std::vector<std::string_view> keys = {"exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)", "b c", "d"};
  std::string full, shared;
  ASSERT_FALSE(presign_urls(r, keys, full).failed());
  ASSERT_FALSE(presign_urls(r, keys, shared, '\n', UrlLayout::kSharedTail).failed());
  const std::size_t nl = shared.find('\n');
  const std::string tail = shared.substr(0, nl);
  EXPECT_EQ(tail.rfind("&x-cos-security-token=tok%20en%2B%2F&", 0), 0u) << tail;
  std::string rebuilt;
  std::size_t start = nl + 1;
  for (std::size_t end; (end = shared.find('\n', start)) != std::string::npos; start = end + 1) {
    rebuilt.append(shared, start, end - start).append(tail).push_back('\n');
  }
  EXPECT_EQ(rebuilt, full);
}

// The shared-parts layout: prefix, middle and tail once, then per key only
// its encoded path and signature; prefix + path + middle + signature + tail
// must give the whole URLs (the Tencent example's among them).
TEST(PresignUrl, SharedPartsLayoutGivesTheSameUrls) {
  PresignRequest r = tencent_download_example();
  r.session_token = "tok en+/";
  const std::vector<std::string_view> keys = {"exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)", "b c", "/d+e"};
  std::string full, parts;
  ASSERT_FALSE(presign_urls(r, keys, full).failed());
  ASSERT_FALSE(presign_urls(r, keys, parts, '\n', UrlLayout::kSharedParts).failed());
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t end; (end = parts.find('\n', start)) != std::string::npos; start = end + 1) {
    lines.push_back(parts.substr(start, end - start));
  }
  ASSERT_EQ(start, parts.size());
  ASSERT_EQ(lines.size(), 3 + keys.size());
  EXPECT_EQ(lines[0], "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/");
  std::string rebuilt;
  for (std::size_t i = 3; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    ASSERT_GT(line.size(), 40u);
    rebuilt.append(lines[0]).append(line, 0, line.size() - 40).append(lines[1]);
    rebuilt.append(line, line.size() - 40, 40).append(lines[2]).push_back('\n');
  }
  EXPECT_EQ(rebuilt, full);
}

TEST(PresignUrl, ValuelessParameterAndEncodedParamList) {
  PresignRequest r = tencent_download_example();
  r.headers.clear();
  r.query = {{"imageMogr2/thumbnail/!200x200r", "", false}};
  std::string out;
  ASSERT_FALSE(presign_urls(r, {"a.jpg"}, out).failed());
  // The list names are encoded once for signing and once more for the URL.
  EXPECT_NE(out.find("&q-url-param-list=imagemogr2%252fthumbnail%252f%2521200x200r&"), std::string::npos);
  EXPECT_NE(out.find("&imageMogr2%2Fthumbnail%2F%21200x200r\n"), std::string::npos);
}

TEST(Origin, DefaultCustomAndPorts) {
  Origin o;
  ASSERT_FALSE(resolve_origin("b-1", "ap-guangzhou", "", "", o).failed());
  EXPECT_EQ(o.scheme, "https");
  EXPECT_EQ(o.host, "b-1.cos.ap-guangzhou.myqcloud.com");
  ASSERT_FALSE(resolve_origin("b-1", "cn-south", "", "http", o).failed());
  EXPECT_EQ(o.host, "b-1.cn-south.myqcloud.com");
  ASSERT_FALSE(resolve_origin("b-1250000000", "r", "{BucketName}-{AppId}.Files.Example.com:443", "https", o).failed());
  EXPECT_EQ(o.host, "b-1250000000.files.example.com");
  ASSERT_FALSE(resolve_origin("", "", "127.0.0.1:8081", "http", o).failed());
  EXPECT_EQ(o.host, "127.0.0.1:8081");
  ASSERT_FALSE(resolve_origin("b-1", "r", "", "HTTP:", o).failed());
  EXPECT_EQ(o.scheme, "http");
  ASSERT_FALSE(resolve_origin("b-1", "r", "", "Https", o).failed());
  EXPECT_EQ(o.scheme, "https");
  ASSERT_FALSE(resolve_origin("b-1", "r", "{Bucket}.cos.accelerate.myqcloud.com", "", o).failed());
  EXPECT_EQ(o.host, "b-1.cos.accelerate.myqcloud.com");
}

TEST(Origin, RefusesBadHosts) {
  Origin o;
  EXPECT_EQ(resolve_origin("", "r", "", "", o).code, ErrorCode::kMissingField);
  EXPECT_EQ(resolve_origin("Bucket-1", "r", "", "", o).code, ErrorCode::kInvalidHostLabel);
  EXPECT_EQ(resolve_origin("b.x", "r", "", "", o).code, ErrorCode::kInvalidHostLabel);
  EXPECT_EQ(resolve_origin("b-1", "ap guangzhou", "", "", o).code, ErrorCode::kInvalidHostLabel);
  EXPECT_EQ(resolve_origin("-b", "r", "", "", o).code, ErrorCode::kInvalidHostLabel);
  EXPECT_EQ(resolve_origin("b-1", "r", "", "ftp", o).code, ErrorCode::kInvalidProtocol);
  for (const char* bad : {"https://x.com", "x.com/path", "x..com", "x.com:0", "x.com:99999", "x.com:", "{Nope}.com",
                          "user@x.com"}) {
    EXPECT_EQ(resolve_origin("b-1", "r", bad, "", o).code, ErrorCode::kInvalidDomain) << bad;
  }
}

TEST(ObjectKey, RefusesWhatBrowsersRewrite) {
  std::string_view k;
  EXPECT_EQ(check_object_key("", 0, k).code, ErrorCode::kEmptyKey);
  EXPECT_EQ(check_object_key("/", 0, k).code, ErrorCode::kEmptyKey);
  EXPECT_EQ(check_object_key("//", 0, k).code, ErrorCode::kEmptyKey);
  EXPECT_EQ(check_object_key("a/../b", 0, k).code, ErrorCode::kDotSegment);
  EXPECT_EQ(check_object_key("./a", 0, k).code, ErrorCode::kDotSegment);
  EXPECT_EQ(check_object_key("a/.", 0, k).code, ErrorCode::kDotSegment);
  EXPECT_EQ(check_object_key("a\tb", 3, k).index, 3u);
  EXPECT_EQ(check_object_key(std::string(851, 'k'), 0, k).code, ErrorCode::kKeyTooLong);
  EXPECT_FALSE(check_object_key(std::string(850, 'k'), 0, k).failed());
  EXPECT_FALSE(check_object_key("/" + std::string(850, 'k'), 0, k).failed()) << "the leading / is not part of the key";
  ASSERT_FALSE(check_object_key("/a/...b/.c", 0, k).failed());
  EXPECT_EQ(k, "a/...b/.c");
}

TEST(PresignUrl, RefusesReservedNames) {
  PresignRequest r = tencent_download_example();
  r.query = {{"x-cos-security-token", "t"}};
  std::string out;
  EXPECT_EQ(presign_urls(r, {"a"}, out).code, ErrorCode::kReservedName);
  r.query = {{"Q-Signature", "t"}};
  EXPECT_EQ(presign_urls(r, {"a"}, out).code, ErrorCode::kReservedName);
  r.query.clear();
  r.headers = {{"Host", "evil.example.com"}};
  EXPECT_EQ(presign_urls(r, {"a"}, out).code, ErrorCode::kReservedName);
}

TEST(PresignUrl, BatchErrorNamesTheKey) {
  std::string out;
  const Error err = presign_urls(tencent_download_example(), {"ok", "also/ok", "bad\n"}, out);
  EXPECT_EQ(err.code, ErrorCode::kControlCharacter);
  EXPECT_EQ(err.index, 2u);
}

}  // namespace
}  // namespace cospresign
