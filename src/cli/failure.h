// How the CLI fails: an exit code (documented in --help), the option or
// input at fault, a stable code (the library's, or the CLI's own), and text
// that never contains a secret.
#pragma once

#include <string>

namespace cli {

enum Exit : int {
  kExitOk = 0,
  kExitLinkProblems = 1,  // explain: the link has problems (expired, not verified, ...)
  kExitUsage = 2,         // the command line: unknown option, missing or malformed value
  kExitRefused = 3,       // the signer or explainer refused the input (bad key, bucket, URL, ...)
  kExitCredentials = 4,   // credentials missing, unreadable, malformed or expired
  kExitIo = 5,            // standard input or output failed
};

struct Failure {
  int exit = kExitOk;
  std::string where;  // "--bucket", "COS_SECRET_KEY", "key on line 3 of standard input", ...
  std::string code;   // "ERR_INVALID_HOST_LABEL", ...
  std::string message;

  bool failed() const { return exit != kExitOk; }
};

inline Failure fail(int exit, std::string where, std::string code, std::string message) {
  return Failure{exit, std::move(where), std::move(code), std::move(message)};
}

}  // namespace cli
