#include "core/text.h"

#include <gtest/gtest.h>

#include <string>

namespace cospresign {
namespace {

std::string encoded(std::string_view in, bool keep_slash = false) {
  std::string out;
  append_percent_encoded(out, in, keep_slash);
  return out;
}

TEST(PercentEncoding, KeepsOnlyUnreserved) {
  EXPECT_EQ(encoded("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(encoded("a b+c"), "a%20b%2Bc");
  EXPECT_EQ(encoded("!*'()"), "%21%2A%27%28%29");
  EXPECT_EQ(encoded("%"), "%25");
  EXPECT_EQ(encoded("a/b"), "a%2Fb");
  EXPECT_EQ(encoded("a/b", true), "a/b");
  EXPECT_EQ(encoded("\xE8\x85\xBE"), "%E8%85%BE");  // 腾
}

TEST(PercentEncoding, LowerForNames) {
  std::string out;
  append_percent_encoded_lower(out, "Response-Content-Type/\xE8");
  EXPECT_EQ(out, "response-content-type%2f%e8");
}

TEST(Utf8, AcceptsWellFormed) {
  EXPECT_FALSE(check_utf8("plain", "f").failed());
  EXPECT_FALSE(check_utf8("\xE8\x85\xBE\xE8\xAE\xAF", "f").failed());
  EXPECT_FALSE(check_utf8("\xF0\x9F\x98\x80", "f").failed());  // U+1F600
}

TEST(Utf8, RefusesMalformed) {
  for (const char* bad : {"\x80", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE8\x85",
                          "\xFF"}) {
    const Error err = check_utf8(bad, "key");
    EXPECT_EQ(err.code, ErrorCode::kInvalidUtf8) << bad;
    EXPECT_STREQ(err.field, "key");
  }
}

TEST(ControlCharacters, Refused) {
  EXPECT_EQ(check_no_control(std::string("a\0b", 3), "key").code, ErrorCode::kControlCharacter);
  EXPECT_EQ(check_no_control("a\nb", "key").code, ErrorCode::kControlCharacter);
  EXPECT_EQ(check_no_control("a\x7f", "key").code, ErrorCode::kControlCharacter);
  EXPECT_FALSE(check_no_control("a b\xC2\x85", "key").failed());  // only ASCII controls
}

}  // namespace
}  // namespace cospresign
