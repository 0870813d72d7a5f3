// The command line of the url and explain commands, parsed into plain
// structs. Malformed command lines fail with kExitUsage naming the option;
// values the library checks (bucket, key, times) are left to it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cli/failure.h"
#include "cos_presign/cos.h"

namespace cli {

struct UrlCommand {
  bool v4 = false;
  std::string bucket;
  std::string region;
  std::string domain;
  std::string protocol;
  std::string method;
  std::string endpoint;
  std::optional<bool> path_style;
  std::optional<std::int64_t> expires;
  std::optional<std::int64_t> start_time;
  std::optional<std::string> download;
  std::vector<cos_presign::Param> headers;
  std::vector<cos_presign::Param> query;
  std::optional<std::string> credentials_path;
  std::vector<std::string> keys;  // empty: one per line from standard input
};

struct ExplainCommand {
  bool json = false;
  std::string method;
  std::vector<cos_presign::Param> headers;
  std::optional<std::int64_t> now;
  std::int64_t clock_offset_ms = 0;
  std::optional<std::string> credentials_path;
  std::string url;
};

// args: what follows the command name.
Failure parse_url_command(const std::vector<std::string>& args, UrlCommand& out);
Failure parse_explain_command(const std::vector<std::string>& args, ExplainCommand& out);

}  // namespace cli
