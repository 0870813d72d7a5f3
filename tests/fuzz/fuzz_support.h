// Shared checks for the libFuzzer targets. These are written independently of
// the core (a plain decoder, a plain encoder, the list of documented codes), so
// a target compares the core with a second implementation rather than with
// itself. A failed property calls fuzz_fail(), which aborts: libFuzzer then
// saves the input as a crash artifact.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace fuzzsupport {

[[noreturn]] inline void fuzz_fail(const char* what) {
  std::fprintf(stderr, "fuzz property failed: %s\n", what);
  std::abort();
}

#define FUZZ_CHECK(cond)                              \
  do {                                                \
    if (!(cond)) ::fuzzsupport::fuzz_fail(#cond);     \
  } while (0)

// Printable ASCII without space: what a URL or an Authorization value is made of.
inline bool is_url_text(std::string_view s) {
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x21 || c > 0x7E) return false;
  }
  return true;
}

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Strict percent-decoding: every '%' must start a %XX triple. Returns false on
// a stray '%'. '+' is not a space.
inline bool percent_decode(std::string_view in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    const int hi = hex_value(in[i + 1]), lo = hex_value(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return true;
}

// RFC 3986 unreserved, spelled out again rather than taken from the core.
inline bool unreserved(unsigned char c) {
  return std::strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~", c) != nullptr && c != 0;
}

// The reference encoder: snprintf does the hex.
inline std::string reference_encode(std::string_view in, bool lower) {
  std::string out;
  for (const char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if (unreserved(c)) {
      out.push_back(lower && c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : ch);
    } else {
      char triple[4];
      std::snprintf(triple, sizeof triple, lower ? "%%%02x" : "%%%02X", c);
      out.append(triple, 3);
    }
  }
  return out;
}

inline std::string ascii_lower(std::string_view in) {
  std::string out(in);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

inline std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

// The codes the JS package documents (README "Errors"), plus the two the core
// keeps for wrapper bugs and mbedTLS failures. Written out, not taken from
// error_code_name(), so a new code has to be added here on purpose.
inline bool is_known_code_name(std::string_view name) {
  static constexpr std::string_view kKnown[] = {
      "ERR_MISSING_FIELD",     "ERR_EMPTY_KEY",        "ERR_CONTROL_CHARACTER", "ERR_INVALID_UTF8",
      "ERR_INVALID_KEY_TIME",  "ERR_TIME_ORDER",       "ERR_INVALID_HOST_LABEL", "ERR_INVALID_DOMAIN",
      "ERR_INVALID_PROTOCOL",  "ERR_INVALID_METHOD",   "ERR_INVALID_NAME",      "ERR_INVALID_VALUE",
      "ERR_DUPLICATE_NAME",    "ERR_RESERVED_NAME",    "ERR_INVALID_SECRET_ID", "ERR_DOT_SEGMENT",
      "ERR_MALFORMED_REQUEST", "ERR_CRYPTO_FAILURE",   "ERR_TOO_LARGE",         "ERR_KEY_TOO_LONG",
      "ERR_NOT_IN_MODULE",
      // SigV4 (src/core/sigv4.h)
      "ERR_INVALID_ACCESS_KEY_ID", "ERR_INVALID_REGION", "ERR_INVALID_SERVICE", "ERR_INVALID_BUCKET",
      "ERR_INVALID_ENDPOINT",  "ERR_INVALID_TIME",     "ERR_INVALID_EXPIRES",   "ERR_EXPIRES_TOO_LONG",
  };
  for (const std::string_view k : kKnown) {
    if (k == name) return true;
  }
  return false;
}

// Every failure: a documented code, a field and a message of plain static text.
inline void check_error(const cospresign::Error& err) {
  FUZZ_CHECK(err.failed());
  FUZZ_CHECK(is_known_code_name(cospresign::error_code_name(err.code)));
  FUZZ_CHECK(err.field != nullptr && err.field[0] != '\0');
  FUZZ_CHECK(err.message != nullptr && err.message[0] != '\0');
  for (const char* p = err.message; *p; ++p) FUZZ_CHECK(*p >= 0x20 && *p < 0x7F);
  for (const char* p = err.field; *p; ++p) FUZZ_CHECK(*p >= 0x20 && *p < 0x7F);
}

// Appends code point `cp` as UTF-8 (the simple direction, written out).
inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace fuzzsupport
