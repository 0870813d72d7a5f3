#include "core/error.h"

namespace cospresign {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kOk: return "OK";
    case ErrorCode::kMissingField: return "ERR_MISSING_FIELD";
    case ErrorCode::kEmptyKey: return "ERR_EMPTY_KEY";
    case ErrorCode::kControlCharacter: return "ERR_CONTROL_CHARACTER";
    case ErrorCode::kInvalidUtf8: return "ERR_INVALID_UTF8";
    case ErrorCode::kInvalidKeyTime: return "ERR_INVALID_KEY_TIME";
    case ErrorCode::kTimeOrder: return "ERR_TIME_ORDER";
    case ErrorCode::kInvalidHostLabel: return "ERR_INVALID_HOST_LABEL";
    case ErrorCode::kInvalidDomain: return "ERR_INVALID_DOMAIN";
    case ErrorCode::kInvalidProtocol: return "ERR_INVALID_PROTOCOL";
    case ErrorCode::kInvalidMethod: return "ERR_INVALID_METHOD";
    case ErrorCode::kInvalidName: return "ERR_INVALID_NAME";
    case ErrorCode::kInvalidValue: return "ERR_INVALID_VALUE";
    case ErrorCode::kDuplicateName: return "ERR_DUPLICATE_NAME";
    case ErrorCode::kReservedName: return "ERR_RESERVED_NAME";
    case ErrorCode::kInvalidSecretId: return "ERR_INVALID_SECRET_ID";
    case ErrorCode::kDotSegment: return "ERR_DOT_SEGMENT";
    case ErrorCode::kMalformedRequest: return "ERR_MALFORMED_REQUEST";
    case ErrorCode::kCryptoFailure: return "ERR_CRYPTO_FAILURE";
    case ErrorCode::kInvalidAccessKeyId: return "ERR_INVALID_ACCESS_KEY_ID";
    case ErrorCode::kInvalidRegion: return "ERR_INVALID_REGION";
    case ErrorCode::kInvalidService: return "ERR_INVALID_SERVICE";
    case ErrorCode::kInvalidBucket: return "ERR_INVALID_BUCKET";
    case ErrorCode::kInvalidEndpoint: return "ERR_INVALID_ENDPOINT";
    case ErrorCode::kInvalidTime: return "ERR_INVALID_TIME";
    case ErrorCode::kInvalidExpires: return "ERR_INVALID_EXPIRES";
    case ErrorCode::kExpiresTooLong: return "ERR_EXPIRES_TOO_LONG";
    case ErrorCode::kTooLarge: return "ERR_TOO_LARGE";
    case ErrorCode::kKeyTooLong: return "ERR_KEY_TOO_LONG";
    case ErrorCode::kNotInModule: return "ERR_NOT_IN_MODULE";
  }
  return "ERR_UNKNOWN";
}

}  // namespace cospresign
