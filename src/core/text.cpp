#include "core/text.h"

#include <array>
#include <cstring>

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

// Runs of unreserved bytes (most of a key, all of a typical STS token) are
// appended in bulk; only the bytes that need encoding are written one by one.
void append_percent_encoded(std::string& out, std::string_view in, bool keep_slash) {
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  const auto* end = p + in.size();
  while (p < end) {
    const auto* run = p;
    while (p < end && (kUnreserved[*p] || (keep_slash && *p == '/'))) ++p;
    out.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    for (; p < end && !(kUnreserved[*p] || (keep_slash && *p == '/')); ++p) {
      const char triple[3] = {'%', kHexUpper[*p >> 4], kHexUpper[*p & 15]};
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

// Grows `out` once to the worst case and writes through a pointer: names
// are short, and per-byte push_back costs a capacity check each under -Oz.
void append_percent_encoded_lower(std::string& out, std::string_view in) {
  const std::size_t base = out.size();
  out.resize(base + 3 * in.size());
  char* p = &out[base];
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if (kUnreserved[c]) {
      *p++ = ascii_lower(ch);
    } else {
      p[0] = '%';
      p[1] = kHexLower[c >> 4];
      p[2] = kHexLower[c & 15];
      p += 3;
    }
  }
  out.resize(static_cast<std::size_t>(p - out.data()));
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
  // Fast path: ASCII without control characters (keys, tokens, names: nearly
  // always) is confirmed 8 bytes at a time; anything else takes the full checks.
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t n = text.size();
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  for (; n >= 8; p += 8, n -= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    const std::uint64_t below_space = (w - kOnes * 0x20) & ~w & kHigh;  // a byte < 0x20
    const std::uint64_t x = w ^ (kOnes * 0x7f);
    const std::uint64_t del = (x - kOnes) & ~x & kHigh;                 // a byte == 0x7f
    if ((w & kHigh) | below_space | del) break;
  }
  for (; n > 0; ++p, --n) {
    if (*p >= 0x80 || *p < 0x20 || *p == 0x7f) break;
  }
  if (n == 0) return Ok();
  Error err = check_utf8(text, field, index);
  if (err.failed()) return err;
  return check_no_control(text, field, index);
}

bool is_tchar(unsigned char c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

Error check_url_path_key(std::string_view key, std::uint32_t index) {
  if (key.empty()) return Fail(ErrorCode::kEmptyKey, "key", "must not be empty", index);
  Error err = check_plain_text(key, "key", index);
  if (err.failed()) return err;
  if (key.find_first_not_of('/') == std::string_view::npos) {
    return Fail(ErrorCode::kEmptyKey, "key", "must name an object, not only slashes", index);
  }
  return check_no_dot_segments(key, "key", index);
}

Error check_no_dot_segments(std::string_view path, const char* field, std::uint32_t index) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view segment = path.substr(start, slash - start);
    if (segment == "." || segment == "..") {
      return Fail(ErrorCode::kDotSegment, field, "has a \".\" or \"..\" segment, which HTTP clients rewrite before sending",
                  index);
    }
    start = slash + 1;
  }
  return Ok();
}

}  // namespace cospresign
