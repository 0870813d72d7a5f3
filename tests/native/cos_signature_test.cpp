// Known answers from Tencent's request-signature document
// (https://cloud.tencent.com/document/product/436/7778), and the rules
// around them.
#include "core/cos_signature.h"

#include <gtest/gtest.h>

#include <string>

namespace cospresign {
namespace {

constexpr char kSecretId[] = "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q";
constexpr char kSecretKey[] = "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz";
constexpr char kHost[] = "examplebucket-1250000000.cos.ap-beijing.myqcloud.com";
constexpr char kKey[] = "exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)";  // exampleobject(腾讯云)

TEST(TencentExample, Upload) {
  AuthorizationRequest r;
  r.secret_id = kSecretId;
  r.secret_key = kSecretKey;
  r.method = "PUT";
  r.path = kKey;
  r.key_time = "1557989151;1557996351";
  r.headers = {{"Content-Length", "13"},
               {"Content-MD5", "mQ/fVh815F3k6TAUm8m0eg=="},
               {"Content-Type", "text/plain"},
               {"Date", "Thu, 16 May 2019 06:45:51 GMT"},
               {"Host", kHost},
               {"x-cos-acl", "private"},
               {"x-cos-grant-read", "uin=\"100000000011\""}};
  std::string out;
  ASSERT_FALSE(build_authorization(r, out).failed());
  EXPECT_EQ(out,
            "q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q"
            "&q-sign-time=1557989151;1557996351&q-key-time=1557989151;1557996351"
            "&q-header-list=content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read"
            "&q-url-param-list=&q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172");
}

TEST(TencentExample, Download) {
  AuthorizationRequest r;
  r.secret_id = kSecretId;
  r.secret_key = kSecretKey;
  r.method = "GET";
  r.path = kKey;
  r.key_time = "1557989753;1557996953";
  r.query = {{"response-content-type", "application/octet-stream"}, {"response-cache-control", "max-age=600"}};
  r.headers = {{"Date", "Thu, 16 May 2019 06:55:53 GMT"}, {"Host", kHost}};
  std::string out;
  ASSERT_FALSE(build_authorization(r, out).failed());
  EXPECT_EQ(out,
            "q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q"
            "&q-sign-time=1557989753;1557996953&q-key-time=1557989753;1557996953"
            "&q-header-list=date;host&q-url-param-list=response-cache-control;response-content-type"
            "&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012");
}

TEST(Canonicalize, SortsByEncodedLowercaseName) {
  CanonicalParams out;
  ASSERT_FALSE(canonicalize({{"b", "2"}, {"A B", "x y"}, {"/z", "+"}, {"img", "", false}}, ParamKind::kQuery, out)
                   .failed());
  EXPECT_EQ(out.name_list, "%2fz;a%20b;b;img");
  EXPECT_EQ(out.pairs, "%2fz=%2B&a%20b=x%20y&b=2&img=");
}

TEST(Canonicalize, RefusesDuplicatesAndBadNames) {
  CanonicalParams out;
  EXPECT_EQ(canonicalize({{"a", "1"}, {"A", "2"}}, ParamKind::kQuery, out).code, ErrorCode::kDuplicateName);
  EXPECT_EQ(canonicalize({{"", "1"}}, ParamKind::kQuery, out).code, ErrorCode::kInvalidName);
  EXPECT_EQ(canonicalize({{"a\n", "1"}}, ParamKind::kQuery, out).code, ErrorCode::kControlCharacter);
  EXPECT_EQ(canonicalize({{"bad header", "1"}}, ParamKind::kHeader, out).code, ErrorCode::kInvalidName);
  EXPECT_EQ(canonicalize({{"x", "a\r\nb"}}, ParamKind::kHeader, out).code, ErrorCode::kControlCharacter);
  EXPECT_EQ(canonicalize({{"x", " a"}}, ParamKind::kHeader, out).code, ErrorCode::kInvalidValue);
  EXPECT_EQ(canonicalize({{"x", "caf\xC3\xA9"}}, ParamKind::kHeader, out).code, ErrorCode::kInvalidValue);
  EXPECT_EQ(canonicalize({{"x", "\xC3"}}, ParamKind::kQuery, out).code, ErrorCode::kInvalidUtf8);
}

TEST(KeyTime, Parses) {
  std::uint64_t s = 0, e = 0;
  ASSERT_FALSE(parse_key_time("0;1", s, e).failed());
  ASSERT_FALSE(parse_key_time("1557989753;1557996953", s, e).failed());
  EXPECT_EQ(s, 1557989753u);
  EXPECT_EQ(e, 1557996953u);
}

TEST(KeyTime, RefusesMalformed) {
  std::uint64_t s = 0, e = 0;
  for (const char* bad : {"", ";", "1;", ";1", "1", "-1;2", "1;2;3", "01;2", "1.5;2", " 1;2", "1;2 ",
                          "1234567890123456;1234567890123457"}) {
    EXPECT_EQ(parse_key_time(bad, s, e).code, ErrorCode::kInvalidKeyTime) << bad;
  }
  EXPECT_EQ(parse_key_time("3;2", s, e).code, ErrorCode::kTimeOrder);
  // An empty window: the link would be expired as it is made.
  EXPECT_EQ(parse_key_time("2;2", s, e).code, ErrorCode::kTimeOrder);
  EXPECT_EQ(parse_key_time("0;0", s, e).code, ErrorCode::kTimeOrder);
}

TEST(Authorization, RefusesBadInput) {
  AuthorizationRequest r;
  r.secret_id = kSecretId;
  r.secret_key = kSecretKey;
  r.method = "get";
  r.path = "a";
  r.key_time = "1;2";
  std::string out;
  ASSERT_FALSE(build_authorization(r, out).failed());

  AuthorizationRequest bad = r;
  bad.secret_id = "";
  EXPECT_EQ(build_authorization(bad, out).code, ErrorCode::kMissingField);
  bad = r;
  bad.secret_id = "AKID&x=1";
  EXPECT_EQ(build_authorization(bad, out).code, ErrorCode::kInvalidSecretId);
  bad = r;
  bad.secret_key = "";
  EXPECT_EQ(build_authorization(bad, out).code, ErrorCode::kMissingField);
  bad = r;
  bad.path = "";
  EXPECT_EQ(build_authorization(bad, out).code, ErrorCode::kEmptyKey);
  bad = r;
  bad.path = "///";
  EXPECT_EQ(build_authorization(bad, out).code, ErrorCode::kEmptyKey);
  bad.path_is_pathname = true;
  EXPECT_FALSE(build_authorization(bad, out).failed()) << "a pathname may be the bucket root";
  bad = r;
  bad.path = "a/../b";
  EXPECT_EQ(build_authorization(bad, out).code, ErrorCode::kDotSegment);
  bad.path = "/./x";
  bad.path_is_pathname = true;
  EXPECT_EQ(build_authorization(bad, out).code, ErrorCode::kDotSegment);
  bad = r;
  bad.method = "G T";
  EXPECT_EQ(build_authorization(bad, out).code, ErrorCode::kInvalidMethod);
  bad = r;
  bad.key_time = "2;1";
  EXPECT_EQ(build_authorization(bad, out).code, ErrorCode::kTimeOrder);
}

TEST(Authorization, KeyWithOrWithoutLeadingSlashSignsTheSame) {
  AuthorizationRequest r;
  r.secret_id = kSecretId;
  r.secret_key = kSecretKey;
  r.method = "get";
  r.key_time = "1;2";
  std::string a, b;
  r.path = "dir/a";
  ASSERT_FALSE(build_authorization(r, a).failed());
  r.path = "/dir/a";
  ASSERT_FALSE(build_authorization(r, b).failed());
  EXPECT_EQ(a, b);
}

TEST(CosSigner, SameInputSameSignatureAcrossCalls) {
  CosSigner signer;
  ASSERT_FALSE(signer.init(kSecretKey, "1;2").failed());
  char first[40], second[40];
  ASSERT_FALSE(signer.sign("get", "/a", "", "", first).failed());
  ASSERT_FALSE(signer.sign("get", "/b", "", "", second).failed());
  ASSERT_FALSE(signer.sign("get", "/a", "", "", second).failed());
  EXPECT_EQ(std::string(first, 40), std::string(second, 40));
}

}  // namespace
}  // namespace cospresign
