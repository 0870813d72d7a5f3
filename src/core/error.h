// Errors are values: every fallible function in the core returns an Error.
// Messages are static text and name the field, never the value, so no
// secret (or any caller data) can reach an error message.
#pragma once

#include <cstdint>

namespace cospresign {

enum class ErrorCode : std::uint8_t {
  kOk = 0,
  kMissingField,      // a required value is empty
  kEmptyKey,          // object key empty or only slashes
  kControlCharacter,  // ASCII control character where none may be
  kInvalidUtf8,       // bytes that are not well-formed UTF-8
  kInvalidKeyTime,    // key time not "start;end" in unix seconds
  kTimeOrder,         // start after end
  kInvalidHostLabel,  // bucket or region not a DNS label
  kInvalidDomain,     // custom domain not host[:port]
  kInvalidProtocol,   // neither http nor https
  kInvalidMethod,     // HTTP method not a token of letters
  kInvalidName,       // query/header name empty or not allowed
  kInvalidValue,      // header value a server would alter
  kDuplicateName,     // two names that sign the same
  kReservedName,      // a name the signature itself uses
  kInvalidSecretId,   // secret id with characters a URL would alter
  kDotSegment,        // "." or ".." path segment a browser would rewrite
  kMalformedRequest,  // the wire buffer is broken (a wrapper bug)
  kCryptoFailure,     // mbedTLS reported an error
  // SigV4 (src/core/sigv4.h)
  kInvalidAccessKeyId,  // access key id with '/' or spaces (breaks the credential scope)
  kInvalidRegion,       // region not 1-63 of A-Z a-z 0-9 - _
  kInvalidService,      // service not 1-63 of a-z 0-9 -
  kInvalidBucket,       // bucket breaks the S3 naming rules
  kInvalidEndpoint,     // endpoint not scheme://host[:port]
  kInvalidTime,         // date not whole unix seconds in range
  kInvalidExpires,      // expires below 1 s or not whole
  kExpiresTooLong,      // expires above 604800 s (7 days)
  kTooLarge,          // a request or response over the size limits (request_codec.h)
  kKeyTooLong,        // a COS object key over 850 bytes of UTF-8 (S3: 1024)
  kNotInModule,       // an op this build of the core leaves out (SigV4 in the COS-only module)
};

// Stable string codes, shared with the JS wrapper ("ERR_EMPTY_KEY", ...).
const char* error_code_name(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kOk;
  const char* field = "";    // which option, e.g. "key", "query name"
  const char* message = "";  // what is wrong, static text
  std::uint32_t index = 0;   // position in a batch or list, when relevant

  bool failed() const { return code != ErrorCode::kOk; }
};

inline Error Ok() { return Error{}; }

// COS_PRESIGN_ERROR_TEXT=0 (the wasm build) leaves the message text out of
// the binary: the JS wrapper words errors from code and field itself.
#ifndef COS_PRESIGN_ERROR_TEXT
#define COS_PRESIGN_ERROR_TEXT 1
#endif

inline Error Fail(ErrorCode code, const char* field, const char* message,
                  std::uint32_t index = 0) {
#if COS_PRESIGN_ERROR_TEXT
  return Error{code, field, message, index};
#else
  (void)message;
  return Error{code, field, "", index};
#endif
}

}  // namespace cospresign
