#include "core/text.h"

#include <array>

namespace cospresign {
namespace {

constexpr char kHexUpper[] = "0123456789ABCDEF";
constexpr char kHexLower[] = "0123456789abcdef";

constexpr std::array<bool, 256> make_unreserved_table() {
  std::array<bool, 256> table{};
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  table['-'] = table['_'] = table['.'] = table['~'] = true;
  return table;
}
constexpr std::array<bool, 256> kUnreserved = make_unreserved_table();

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

}  // namespace

bool is_unreserved(unsigned char c) { return kUnreserved[c]; }

void append_percent_encoded(std::string& out, std::string_view in, bool keep_slash) {
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if (kUnreserved[c] || (keep_slash && c == '/')) {
      out.push_back(ch);
    } else {
      const char triple[3] = {'%', kHexUpper[c >> 4], kHexUpper[c & 15]};
      out.append(triple, 3);
    }
  }
}

std::size_t percent_encoded_size(std::string_view in, bool keep_slash) {
  std::size_t n = 0;
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    n += kUnreserved[c] || (keep_slash && c == '/') ? 1 : 3;
  }
  return n;
}

void append_percent_encoded_lower(std::string& out, std::string_view in) {
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if (kUnreserved[c]) {
      out.push_back(ascii_lower(ch));
    } else {
      const char triple[3] = {'%', kHexLower[c >> 4], kHexLower[c & 15]};
      out.append(triple, 3);
    }
  }
}

Error check_utf8(std::string_view text, const char* field, std::uint32_t index) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    int extra;
    std::uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return Fail(ErrorCode::kInvalidUtf8, field, "is not well-formed UTF-8", index);
    }
    if (end - p <= extra) return Fail(ErrorCode::kInvalidUtf8, field, "is not well-formed UTF-8", index);
    for (int i = 1; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return Fail(ErrorCode::kInvalidUtf8, field, "is not well-formed UTF-8", index);
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    const bool overlong = (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF) return Fail(ErrorCode::kInvalidUtf8, field, "is not well-formed UTF-8", index);
    if (cp >= 0xD800 && cp <= 0xDFFF) {
      return Fail(ErrorCode::kInvalidUtf8, field, "contains a lone UTF-16 surrogate", index);
    }
    p += extra + 1;
  }
  return Ok();
}

Error check_no_control(std::string_view text, const char* field, std::uint32_t index) {
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) {
      return Fail(ErrorCode::kControlCharacter, field, "must not contain ASCII control characters", index);
    }
  }
  return Ok();
}

Error check_plain_text(std::string_view text, const char* field, std::uint32_t index) {
  Error err = check_utf8(text, field, index);
  if (err.failed()) return err;
  return check_no_control(text, field, index);
}

}  // namespace cospresign
