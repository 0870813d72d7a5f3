// Byte-level text rules shared by every signature: percent-encoding as COS
// and S3 define it (RFC 3986 unreserved set, uppercase hex) and the checks
// that keep malformed text out of a signature.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace cospresign {

// A-Z a-z 0-9 - _ . ~ : the only bytes never percent-encoded.
bool is_unreserved(unsigned char c);

// Appends `in` percent-encoded: every byte but the unreserved set becomes
// %XX (uppercase). With keep_slash, '/' stays literal (URL paths only).
void append_percent_encoded(std::string& out, std::string_view in, bool keep_slash = false);

// The length append_percent_encoded() would add, without building it.
std::size_t percent_encoded_size(std::string_view in, bool keep_slash = false);

// As above, then ASCII-lowercased, hex digits included ("%E8" -> "%e8"):
// the form COS uses for parameter and header names.
void append_percent_encoded_lower(std::string& out, std::string_view in);

// Well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
Error check_utf8(std::string_view text, const char* field, std::uint32_t index = 0);

// No ASCII control character (U+0000-U+001F, U+007F).
Error check_no_control(std::string_view text, const char* field, std::uint32_t index = 0);

// RFC 9110 token characters: what a header name may be made of.
bool is_tchar(unsigned char c);

// An object key as it goes into a URL path: not empty, plain text, not only
// slashes, and no "." or ".." segment (browsers rewrite those before
// sending, so the request would not be the one signed).
Error check_url_path_key(std::string_view key, std::uint32_t index);

// No "." or ".." path segment: HTTP clients (fetch, browsers) resolve them
// before sending, so the request would not be the one signed.
Error check_no_dot_segments(std::string_view path, const char* field, std::uint32_t index = 0);

// check_utf8, then check_no_control.
Error check_plain_text(std::string_view text, const char* field, std::uint32_t index = 0);

}  // namespace cospresign
