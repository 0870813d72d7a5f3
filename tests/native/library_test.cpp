// The public C++ API (include/cos_presign): known answers from Tencent's and
// AWS's documents, batches against single calls, and errors as values with
// the JS package's codes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cos_presign/cos_presign.h"

namespace {

using cos_presign::Param;

constexpr char kKey[] = "exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)";  // exampleobject(腾讯云)

cos_presign::CosUrlOptions tencent_download_example() {
  cos_presign::CosUrlOptions o;
  o.credentials = {"AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q", "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz", ""};
  o.bucket = "examplebucket-1250000000";
  o.region = "ap-beijing";
  o.window.key_time = "1557989753;1557996953";
  o.query = {{"response-content-type", "application/octet-stream"}, {"response-cache-control", "max-age=600"}};
  o.headers = {{"Date", "Thu, 16 May 2019 06:55:53 GMT"}};
  return o;
}

// Tencent's download example, q-signature from the document.
constexpr char kTencentDownloadUrl[] =
    "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/"
    "exampleobject%28%E8%85%BE%E8%AE%AF%E4%BA%91%29"
    "?q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q"
    "&q-sign-time=1557989753;1557996953&q-key-time=1557989753;1557996953"
    "&q-header-list=date;host&q-url-param-list=response-cache-control;response-content-type"
    "&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012"
    "&response-cache-control=max-age%3D600&response-content-type=application%2Foctet-stream";

TEST(LibraryCos, ReproducesTencentDownloadExample) {
  const auto url = cos_presign::presign_url(tencent_download_example(), kKey);
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url.value(), kTencentDownloadUrl);
}

TEST(LibraryCos, StartTimeAndExpiresMakeTheKeyTime) {
  cos_presign::CosUrlOptions o = tencent_download_example();
  o.window = {};
  o.window.start_time = 1557989753;
  o.window.expires = 7200;
  EXPECT_EQ(cos_presign::presign_url(o, kKey).value(), kTencentDownloadUrl);
  o.window.expires.reset();
  o.window.end_time = 1557996953;
  EXPECT_EQ(cos_presign::presign_url(o, kKey).value(), kTencentDownloadUrl);
}

TEST(LibraryCos, AuthorizationReproducesTencentUploadExample) {
  cos_presign::AuthorizationOptions o;
  o.secret_id = "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q";
  o.secret_key = "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz";
  o.method = "PUT";
  o.key = kKey;
  o.window.key_time = "1557989151;1557996351";
  o.headers = {{"Content-Length", "13"},
               {"Content-MD5", "mQ/fVh815F3k6TAUm8m0eg=="},
               {"Content-Type", "text/plain"},
               {"Date", "Thu, 16 May 2019 06:45:51 GMT"},
               {"Host", "examplebucket-1250000000.cos.ap-beijing.myqcloud.com"},
               {"x-cos-acl", "private"},
               {"x-cos-grant-read", "uin=\"100000000011\""}};
  const auto auth = cos_presign::authorization(o);
  ASSERT_TRUE(auth) << auth.error().message;
  EXPECT_EQ(auth.value(),
            "q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q"
            "&q-sign-time=1557989151;1557996351&q-key-time=1557989151;1557996351"
            "&q-header-list=content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read"
            "&q-url-param-list=&q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172");
}

TEST(LibraryCos, BatchEqualsSingleCalls) {
  cos_presign::CosUrlOptions o = tencent_download_example();
  o.credentials.session_token = "token+/=with&odd?bytes";
  const std::vector<std::string> keys = {"a", "b c", "dir/\xF0\x9F\x98\x80.png", kKey, "/leading"};
  const auto urls = cos_presign::presign_urls(o, keys);
  ASSERT_TRUE(urls) << urls.error().message;
  ASSERT_EQ(urls->size(), keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) EXPECT_EQ((*urls)[i], cos_presign::presign_url(o, keys[i]).value());
  EXPECT_NE((*urls)[0].find("&x-cos-security-token=token%2B%2F%3Dwith%26odd%3Fbytes"), std::string::npos);
}

struct BadCase {
  const char* what;
  void (*change)(cos_presign::CosUrlOptions&);
  const char* key;
  const char* code;
  const char* field;
};

TEST(LibraryCos, BadInputIsAnErrorWithTheJsCode) {
  const BadCase cases[] = {
      {"empty key", [](cos_presign::CosUrlOptions&) {}, "", "ERR_EMPTY_KEY", "key"},
      {"dot segment", [](cos_presign::CosUrlOptions&) {}, "a/../b", "ERR_DOT_SEGMENT", "key"},
      {"control character", [](cos_presign::CosUrlOptions&) {}, "a\nb", "ERR_CONTROL_CHARACTER", "key"},
      {"bad UTF-8", [](cos_presign::CosUrlOptions&) {}, "\xC3(", "ERR_INVALID_UTF8", "key"},
      {"bucket", [](cos_presign::CosUrlOptions& o) { o.bucket = "Bad_Bucket"; }, "k", "ERR_INVALID_HOST_LABEL", "bucket"},
      {"no secret id", [](cos_presign::CosUrlOptions& o) { o.credentials.secret_id.clear(); }, "k", "ERR_MISSING_FIELD",
       "secretId"},
      {"key time", [](cos_presign::CosUrlOptions& o) { o.window.key_time = "5;1"; }, "k", "ERR_TIME_ORDER", "keyTime"},
      {"key time and expires",
       [](cos_presign::CosUrlOptions& o) { o.window.expires = 60; }, "k", "ERR_CONFLICTING_OPTIONS", "keyTime"},
      {"expires 0",
       [](cos_presign::CosUrlOptions& o) {
         o.window = {};
         o.window.expires = 0;
       },
       "k", "ERR_INVALID_EXPIRES", "expires"},
      {"end before start",
       [](cos_presign::CosUrlOptions& o) {
         o.window = {};
         o.window.start_time = 100;
         o.window.end_time = 100;
       },
       "k", "ERR_TIME_ORDER", "endTime"},
      {"milliseconds",
       [](cos_presign::CosUrlOptions& o) {
         o.window = {};
         o.window.start_time = 1700000000000;
       },
       "k", "ERR_INVALID_TIME", "startTime"},
      {"header value", [](cos_presign::CosUrlOptions& o) { o.headers = {{"Range", "bytes=\x01"}}; }, "k",
       "ERR_CONTROL_CHARACTER", "header \"Range\" value"},
      {"reserved query", [](cos_presign::CosUrlOptions& o) { o.query = {{"q-signature", "x"}}; }, "k",
       "ERR_RESERVED_NAME", "query \"q-signature\" name"},
      {"protocol", [](cos_presign::CosUrlOptions& o) { o.protocol = "ftp"; }, "k", "ERR_INVALID_PROTOCOL", "protocol"},
  };
  for (const BadCase& c : cases) {
    cos_presign::CosUrlOptions o = tencent_download_example();
    c.change(o);
    const auto url = cos_presign::presign_url(o, c.key);
    ASSERT_FALSE(url.ok()) << c.what;
    EXPECT_EQ(url.error().code, c.code) << c.what;
    EXPECT_EQ(url.error().field, c.field) << c.what;
    EXPECT_FALSE(url.error().has_index) << c.what;
    EXPECT_EQ(url.error().message.find("BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz"), std::string::npos) << c.what;
    EXPECT_EQ(url.error().message.rfind("cos-presign: " + std::string(c.field) + " ", 0), 0u) << url.error().message;
  }
}

TEST(LibraryCos, BatchErrorNamesTheKeyByIndex) {
  const auto urls = cos_presign::presign_urls(tencent_download_example(), {"a", "b", "", "d"});
  ASSERT_FALSE(urls);
  EXPECT_EQ(urls.error().code, "ERR_EMPTY_KEY");
  EXPECT_TRUE(urls.error().has_index);
  EXPECT_EQ(urls.error().index, 2u);
  EXPECT_EQ(urls.error().message, "cos-presign: key (#2) must not be empty");
}

TEST(LibraryCos, AuthorizationNeedsExactlyOneOfKeyAndPathname) {
  cos_presign::AuthorizationOptions o;
  o.secret_id = "AKIDexample";
  o.secret_key = "secret";
  o.window.key_time = "1;2";
  EXPECT_EQ(cos_presign::authorization(o).error().code, "ERR_MISSING_FIELD");
  o.key = "a";
  o.pathname = "/a";
  EXPECT_EQ(cos_presign::authorization(o).error().code, "ERR_CONFLICTING_OPTIONS");
  o.key.clear();
  EXPECT_TRUE(cos_presign::authorization(o).ok());
}

cos_presign::V4UrlOptions aws_example() {
  cos_presign::V4UrlOptions o;
  o.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  o.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  o.region = "us-east-1";
  o.endpoint = "https://s3.amazonaws.com";
  o.bucket = "examplebucket";
  o.date = 1369353600;
  o.expires = 86400;
  return o;
}

// AWS's worked example of a pre-signed GET (sigv4-query-string-auth.html).
constexpr char kAwsExampleUrl[] =
    "https://examplebucket.s3.amazonaws.com/test.txt"
    "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
    "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
    "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
    "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

TEST(LibrarySigV4, ReproducesAwsExample) {
  const auto url = cos_presign::presign_url_v4(aws_example(), "test.txt");
  ASSERT_TRUE(url) << url.error().message;
  EXPECT_EQ(url.value(), kAwsExampleUrl);
  const auto urls = cos_presign::presign_urls_v4(aws_example(), {"test.txt", "b"});
  ASSERT_TRUE(urls);
  EXPECT_EQ((*urls)[0], kAwsExampleUrl);
  EXPECT_EQ((*urls)[1], cos_presign::presign_url_v4(aws_example(), "b").value());
}

TEST(LibrarySigV4, BadInput) {
  cos_presign::V4UrlOptions o = aws_example();
  o.expires = 604801;
  EXPECT_EQ(cos_presign::presign_url_v4(o, "k").error().code, "ERR_EXPIRES_TOO_LONG");
  o.expires = 0;
  EXPECT_EQ(cos_presign::presign_url_v4(o, "k").error().code, "ERR_INVALID_EXPIRES");
  o = aws_example();
  o.date = -1;
  EXPECT_EQ(cos_presign::presign_url_v4(o, "k").error().code, "ERR_INVALID_TIME");
  o = aws_example();
  o.endpoint = "ftp://x";
  EXPECT_EQ(cos_presign::presign_url_v4(o, "k").error().code, "ERR_INVALID_PROTOCOL");
  o = aws_example();
  o.access_key_id = "a/b";
  EXPECT_EQ(cos_presign::presign_url_v4(o, "k").error().code, "ERR_INVALID_ACCESS_KEY_ID");
  const auto batch = cos_presign::presign_urls_v4(aws_example(), {"ok", "a/./b"});
  EXPECT_EQ(batch.error().code, "ERR_DOT_SEGMENT");
  EXPECT_EQ(batch.error().index, 1u);
}

TEST(LibraryResult, AnErrorWithoutCodeIsStillAFailure) {
  cos_presign::Error e;
  e.field = "key";
  const cos_presign::Result<int> r = e;
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(static_cast<bool>(r));
  EXPECT_EQ(r.error().code, "ERR_INTERNAL");
  EXPECT_EQ(r.error().field, "key");
  const cos_presign::Result<int> fine = 3;
  EXPECT_TRUE(fine.ok());
  EXPECT_EQ(fine.error().code, "");
}

}  // namespace
