// Temporary credentials from the JSON qcloud-cos-sts returns:
//   { "credentials": { "tmpSecretId": "...", "tmpSecretKey": "...", "sessionToken": "..." },
//     "startTime": 1700000000, "expiredTime": 1700001800, "expiration": "..." }
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cli/failure.h"

namespace cli {

// A credentials file is a few hundred bytes; more is refused unread.
constexpr std::size_t kMaxCredentialsFile = 1 << 20;  // 1 MiB

struct StsCredentials {
  std::string secret_id;
  std::string secret_key;
  std::string session_token;
  std::optional<std::int64_t> expired_time;  // unix seconds, when given
};

// Parses the file's text; `where` names it in errors ("--credentials FILE").
Failure parse_sts_credentials(std::string_view json, const std::string& where, StsCredentials& out);

// Reads a whole file, or standard input for "-", up to `limit` bytes.
Failure read_input(const std::string& path, std::size_t limit, const std::string& where, std::string& out);

}  // namespace cli
