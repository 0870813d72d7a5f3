// explain_url() and to_json(): the canonical strings of Tencent's and AWS's
// worked examples rebuilt from their URLs, verification, every problem code
// on a tampered link, and the secret never in the result.
#include <gtest/gtest.h>

#include <string>

#include "cos_presign/cos_presign.h"

namespace {

constexpr char kSecretKey[] = "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz";
constexpr char kAwsSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

// Tencent's download example as a URL (q-signature from the document).
const std::string kTencentUrl =
    "https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/"
    "exampleobject%28%E8%85%BE%E8%AE%AF%E4%BA%91%29"
    "?q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q"
    "&q-sign-time=1557989753;1557996953&q-key-time=1557989753;1557996953"
    "&q-header-list=date;host&q-url-param-list=response-cache-control;response-content-type"
    "&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012"
    "&response-cache-control=max-age%3D600&response-content-type=application%2Foctet-stream";

cos_presign::ExplainOptions tencent_options() {
  cos_presign::ExplainOptions o;
  o.headers = {{"Date", "Thu, 16 May 2019 06:55:53 GMT"}};
  o.now = 1557990000;
  o.secret_key = kSecretKey;
  return o;
}

std::string codes(const cos_presign::Explanation& e) {
  std::string out;
  for (const auto& p : e.problems) out += (out.empty() ? "" : " ") + p.code;
  return out;
}

TEST(Explain, TencentDownloadExample) {
  const auto e = cos_presign::explain_url(kTencentUrl, tencent_options());
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->kind, cos_presign::UrlKind::kCos);
  EXPECT_EQ(e->host, "examplebucket-1250000000.cos.ap-beijing.myqcloud.com");
  EXPECT_EQ(e->bucket, "examplebucket-1250000000");
  EXPECT_EQ(e->region, "ap-beijing");
  EXPECT_EQ(e->key, "exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)");
  EXPECT_EQ(e->start, 1557989753);
  EXPECT_EQ(e->end, 1557996953);
  EXPECT_EQ(e->seconds_left, 1557996953 - 1557990000);
  // Tencent's document gives this HttpString and StringToSign.
  EXPECT_EQ(e->http_string,
            "get\n/exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)\n"
            "response-cache-control=max-age%3D600&response-content-type=application%2Foctet-stream\n"
            "date=Thu%2C%2016%20May%202019%2006%3A55%3A53%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com\n");
  EXPECT_EQ(e->string_to_sign, "sha1\n1557989753;1557996953\n54ecfe22f59d3514fdc764b87a32d8133ea611e6\n");
  EXPECT_EQ(e->verified, true);
  EXPECT_EQ(codes(e.value()), "");
  ASSERT_EQ(e->signed_headers.size(), 2u);
  EXPECT_EQ(e->signed_headers[0].name, "date");
  EXPECT_EQ(e->signed_headers[0].value, "Thu, 16 May 2019 06:55:53 GMT");
  ASSERT_EQ(e->signed_params.size(), 2u);
  EXPECT_EQ(e->signed_params[0].name, "response-cache-control");
  EXPECT_EQ(e->signed_params[0].value, "max-age=600");
}

TEST(Explain, AwsPresignedGetExample) {
  const std::string url =
      "https://examplebucket.s3.amazonaws.com/test.txt"
      "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
      "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
      "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
      "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
  cos_presign::ExplainOptions o;
  o.now = 1369353600 + 10;
  o.secret_key = kAwsSecret;
  const auto e = cos_presign::explain_url(url, o);
  ASSERT_TRUE(e) << e.error().message;
  EXPECT_EQ(e->kind, cos_presign::UrlKind::kSigV4);
  EXPECT_EQ(e->bucket, "examplebucket");
  EXPECT_EQ(e->region, "us-east-1");
  EXPECT_EQ(e->key, "test.txt");
  EXPECT_EQ(e->access_key_id, "AKIAIOSFODNN7EXAMPLE");
  EXPECT_EQ(e->end - e->start, 86400);
  // AWS's document gives this canonical request and string to sign.
  EXPECT_EQ(e->canonical_request,
            "GET\n/test.txt\n"
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\n"
            "host:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD");
  EXPECT_EQ(e->string_to_sign,
            "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
  EXPECT_EQ(e->credential_scope, "20130524/us-east-1/s3/aws4_request");
  EXPECT_EQ(e->verified, true);
  EXPECT_EQ(codes(e.value()), "");

  o.now = 1369353600 + 86401;
  o.method = "put";
  const auto late = cos_presign::explain_url(url, o);
  EXPECT_EQ(codes(late.value()), "LINK_EXPIRED SIGNATURE_MISMATCH");
  EXPECT_EQ(late->problems[1].message,
            "X-Amz-Signature does not match this link's request; it matches method GET: the link was signed for GET, "
            "not PUT (pass the method the client uses)");
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  const std::size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return at == std::string::npos ? s : s.replace(at, from.size(), to);
}

TEST(Explain, TamperedLinksNameTheProblem) {
  struct Case {
    std::string url;
    const char* codes;
    const char* message_part;
    bool verified;
  };
  const Case cases[] = {
      {replace(kTencentUrl, "examplebucket-1250000000.cos", "otherbucket-1250000000.cos"), "SIGNATURE_MISMATCH", "differs", false},
      {replace(kTencentUrl, "exampleobject%28", "exampleobjekt%28"), "SIGNATURE_MISMATCH", "differs", false},
      // An unsigned parameter does not break the signature (COS ignores it), but anyone can add it.
      {kTencentUrl + "&extra=1", "PARAM_NOT_SIGNED", "extra", true},
      {replace(kTencentUrl, "&response-cache-control=max-age%3D600", ""), "SIGNED_PARAM_MISSING SIGNATURE_MISMATCH",
       "response-cache-control", false},
      {replace(kTencentUrl, "q-header-list=date;host", "q-header-list=date"), "HOST_NOT_SIGNED SIGNATURE_MISMATCH", "host", false},
      {replace(kTencentUrl, "q-sign-time=1557989753;1557996953", "q-sign-time=1557989753;1557999999"),
       "SIGN_TIME_MISMATCH SIGNATURE_MISMATCH", "q-key-time", false},
  };
  for (const Case& c : cases) {
    const auto e = cos_presign::explain_url(c.url, tencent_options());
    ASSERT_TRUE(e) << c.url;
    EXPECT_EQ(codes(e.value()), c.codes) << c.url;
    EXPECT_EQ(e->verified, c.verified) << c.url;
    std::string messages;
    for (const auto& p : e->problems) messages += p.field + ": " + p.message + "\n";
    EXPECT_NE(messages.find(c.message_part), std::string::npos) << messages;
  }
}

TEST(Explain, WindowAndHeadersOnTheCallersClock) {
  cos_presign::ExplainOptions o = tencent_options();
  o.now = 1557989753 - 5;
  EXPECT_EQ(codes(cos_presign::explain_url(kTencentUrl, o).value()), "LINK_NOT_YET_VALID");
  o.now = 1557996953 + 1;
  auto e = cos_presign::explain_url(kTencentUrl, o);
  EXPECT_EQ(codes(e.value()), "LINK_EXPIRED");
  EXPECT_EQ(e->seconds_left, -1);
  o.now = 1557996953;  // the last second still counts
  EXPECT_EQ(codes(cos_presign::explain_url(kTencentUrl, o).value()), "");
  o.now = 1557996953 - 10;
  o.clock_offset_ms = 11000;  // the server is 11 s ahead
  EXPECT_EQ(cos_presign::explain_url(kTencentUrl, o)->now, 1557996954);

  o = tencent_options();
  o.headers.clear();  // the signed Date header is not sent
  e = cos_presign::explain_url(kTencentUrl, o);
  EXPECT_EQ(codes(e.value()), "SIGNED_HEADER_NOT_SENT SIGNATURE_MISMATCH");
  EXPECT_FALSE(e->signed_headers[0].value.has_value());
  o.headers = {{"date", "Thu, 16 May 2019 06:55:54 GMT"}};  // another value
  EXPECT_EQ(codes(cos_presign::explain_url(kTencentUrl, o).value()), "SIGNATURE_MISMATCH");
}

TEST(Explain, VerifyUrl) {
  cos_presign::ExplainOptions o;
  o.headers = {{"Date", "Thu, 16 May 2019 06:55:53 GMT"}};
  EXPECT_EQ(cos_presign::verify_url(kTencentUrl, kSecretKey, o).value(), true);  // long expired, still verifies
  EXPECT_EQ(cos_presign::verify_url(kTencentUrl, "another secret", o).value(), false);
  o.method = "PUT";
  EXPECT_EQ(cos_presign::verify_url(kTencentUrl, kSecretKey, o).value(), false);
  EXPECT_EQ(cos_presign::verify_url(kTencentUrl, "", o).error().code, "ERR_MISSING_FIELD");
  EXPECT_EQ(cos_presign::verify_url("https://example.com/a", kSecretKey).error().code, "ERR_NOT_PRESIGNED_URL");
  // A signature one digit off at the end, or cut short: no error (operator
  // bool is true), and value() false.
  o.method = "GET";
  const std::size_t at = kTencentUrl.find("q-signature=") + std::string("q-signature=").size();
  std::string last_off = kTencentUrl;
  const std::size_t last = at + 39;
  last_off[last] = last_off[last] == '0' ? '1' : '0';
  const cos_presign::Result<bool> r = cos_presign::verify_url(last_off, kSecretKey, o);
  EXPECT_TRUE(static_cast<bool>(r));
  EXPECT_FALSE(r.value());
  std::string short_one = kTencentUrl;
  short_one.erase(last, 1);
  const cos_presign::Result<bool> cut = cos_presign::verify_url(short_one, kSecretKey, o);
  EXPECT_TRUE(cut.ok()) << cut.error().code;
  EXPECT_FALSE(cut.value());
}

TEST(Explain, WithoutSecretNothingIsVerified) {
  cos_presign::ExplainOptions o = tencent_options();
  o.secret_key.reset();
  const auto e = cos_presign::explain_url(kTencentUrl, o);
  EXPECT_FALSE(e->verified.has_value());
  EXPECT_EQ(to_json(e.value()).find("\"verified\""), std::string::npos);
}

TEST(Explain, NotAUrlOrNotPresigned) {
  const struct {
    const char* url;
    const char* code;
  } cases[] = {
      {"", "ERR_MISSING_FIELD"},
      {"not a url", "ERR_INVALID_URL"},
      {"ftp://example.com/a?q-signature=1", "ERR_NOT_PRESIGNED_URL"},
      {"https://user@example.com/a?q-signature=1", "ERR_NOT_PRESIGNED_URL"},
      {"https://example.com:99999/a", "ERR_INVALID_URL"},
      {"https://example.com/a%zz?q-signature=1", "ERR_INVALID_URL"},
      {"https://example.com/%C3%28?q-signature=1", "ERR_INVALID_URL"},
      {"https://example.com/a", "ERR_NOT_PRESIGNED_URL"},
      {"https://example.com/a?x=1", "ERR_NOT_PRESIGNED_URL"},
      {"https://example.com/a?q-signature=1&q-ak=a&q-sign-time=x&q-key-time=1;2", "ERR_NOT_PRESIGNED_URL"},
      {"https://example.com/a?q-sign-algorithm=md5&q-signature=1", "ERR_NOT_PRESIGNED_URL"},
      {"https://example.com/a?X-Amz-Signature=1&X-Amz-Algorithm=AWS4-HMAC-SHA256", "ERR_NOT_PRESIGNED_URL"},
      {"https://example.com/a?X-Amz-Signature=1&q-signature=1", "ERR_NOT_PRESIGNED_URL"},
  };
  for (const auto& c : cases) {
    const auto e = cos_presign::explain_url(c.url, {});
    ASSERT_FALSE(e.ok()) << c.url;
    EXPECT_EQ(e.error().code, c.code) << c.url;
    EXPECT_EQ(e.error().message.find("example.com"), std::string::npos) << "never quotes the URL";
  }
}

TEST(Explain, JsonIsWhatJsonStringifyPrints) {
  cos_presign::Explanation e;
  e.kind = cos_presign::UrlKind::kCos;
  e.method = "GET";
  e.host = "h";
  e.region = "r";
  e.key = "a\"b\\c\n\x01\xE8\x85\xBE/";
  e.start = 1;
  e.end = 2;
  e.now = 3;
  e.seconds_left = -1;
  e.signed_headers = {{"host", std::string("h")}, {"range", std::nullopt}};
  e.http_string = "get\n";
  e.string_to_sign = "s\t";
  e.signature = "ab";
  e.verified = false;
  e.problems = {{"LINK_EXPIRED", "q-sign-time", "m"}};
  EXPECT_EQ(cos_presign::to_json(e),
            "{\"kind\":\"cos\",\"method\":\"GET\",\"host\":\"h\",\"bucket\":null,\"region\":\"r\","
            "\"key\":\"a\\\"b\\\\c\\n\\u0001\xE8\x85\xBE/\",\"accessKeyId\":\"\",\"start\":1,\"end\":2,\"now\":3,"
            "\"secondsLeft\":-1,\"signedHeaders\":[{\"name\":\"host\",\"value\":\"h\"},{\"name\":\"range\",\"value\":null}],"
            "\"signedParams\":[],\"unsignedParams\":[],\"canonical\":{\"httpString\":\"get\\n\",\"stringToSign\":\"s\\t\"},"
            "\"signature\":\"ab\",\"verified\":false,"
            "\"problems\":[{\"code\":\"LINK_EXPIRED\",\"field\":\"q-sign-time\",\"message\":\"m\"}]}");
}

TEST(Explain, TheSecretIsNeverInTheResult) {
  for (const char* method : {"GET", "PUT"}) {
    cos_presign::ExplainOptions o = tencent_options();
    o.method = method;
    const std::string json = to_json(cos_presign::explain_url(kTencentUrl, o).value());
    EXPECT_EQ(json.find(kSecretKey), std::string::npos);
  }
}

}  // namespace
