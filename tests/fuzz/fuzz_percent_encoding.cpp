// Percent-encoding and the UTF-8 / control-character checks, on arbitrary bytes.
//   - the encoding equals a reference encoder, is URL text, and decodes back;
//   - the path form keeps '/' and nothing else; the name form is the
//     lowercased encoding;
//   - check_utf8 agrees with a decode/re-encode reference, and accepts any
//     string of Unicode scalar values encoded by a plain encoder.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/text.h"
#include "fuzz_support.h"

using namespace cospresign;
using namespace fuzzsupport;

namespace {

// Well-formed UTF-8 by the definition: decode each sequence by its lead
// byte, then it must be the shortest encoding of a scalar value.
bool reference_utf8_ok(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    std::uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc >> 6) != 0x2) return false;
      cp = cp << 6 | (cc & 0x3F);
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    std::string again;
    append_utf8(again, cp);
    if (again != s.substr(i, len)) return false;  // overlong
    i += len;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);

  std::string encoded = "prefix";
  append_percent_encoded(encoded, in);
  FUZZ_CHECK(encoded.compare(0, 6, "prefix") == 0);
  encoded.erase(0, 6);
  FUZZ_CHECK(encoded == reference_encode(in, /*lower=*/false));
  FUZZ_CHECK(percent_encoded_size(in) == encoded.size());
  FUZZ_CHECK(is_url_text(encoded));
  std::string decoded;
  FUZZ_CHECK(percent_decode(encoded, decoded));
  FUZZ_CHECK(decoded == in);

  std::string path;
  append_percent_encoded(path, in, /*keep_slash=*/true);
  // The path form differs from the plain one only in keeping '/' ("%2F").
  std::string expected_path = encoded;
  for (std::size_t at = 0; (at = expected_path.find("%2F", at)) != std::string::npos;) {
    expected_path.replace(at, 3, "/");
  }
  FUZZ_CHECK(path == expected_path);
  FUZZ_CHECK(percent_encoded_size(in, /*keep_slash=*/true) == path.size());
  FUZZ_CHECK(percent_decode(path, decoded) && decoded == in);

  std::string lower;
  append_percent_encoded_lower(lower, in);
  FUZZ_CHECK(lower == ascii_lower(encoded));
  FUZZ_CHECK(lower == reference_encode(in, /*lower=*/true));

  const Error utf8 = check_utf8(in, "text");
  FUZZ_CHECK(utf8.failed() != reference_utf8_ok(in));
  if (utf8.failed()) {
    check_error(utf8);
    FUZZ_CHECK(utf8.code == ErrorCode::kInvalidUtf8);
  }

  bool has_control = false;
  for (const char ch : in) has_control |= static_cast<unsigned char>(ch) < 0x20 || ch == 0x7F;
  const Error control = check_no_control(in, "text");
  FUZZ_CHECK(control.failed() == has_control);
  if (control.failed()) FUZZ_CHECK(control.code == ErrorCode::kControlCharacter);
  const Error plain = check_plain_text(in, "text");
  FUZZ_CHECK(plain.failed() == (utf8.failed() || has_control));

  // The same bytes read as code points: their plain UTF-8 is always accepted.
  std::string built;
  for (std::size_t i = 0; i + 3 <= size; i += 3) {
    std::uint32_t cp = (data[i] | data[i + 1] << 8 | data[i + 2] << 16) % 0x110000;
    if (cp >= 0xD800 && cp <= 0xDFFF) cp -= 0x800;
    append_utf8(built, cp);
  }
  FUZZ_CHECK(!check_utf8(built, "text").failed());
  FUZZ_CHECK(reference_utf8_ok(built));
  return 0;
}
