#include "cli/credentials_file.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

#include "cli/json_reader.h"

namespace cli {

Failure parse_sts_credentials(std::string_view json, const std::string& where, StsCredentials& out) {
  JsonValue root;
  const JsonError err = parse_json(json, root);
  if (err.failed) {
    return fail(kExitCredentials, where, "ERR_CREDENTIALS_NOT_JSON",
                std::string("is not valid JSON: ") + err.what + " at byte " + std::to_string(err.offset));
  }
  const JsonValue* credentials = root.type == JsonValue::Type::kObject ? root.find("credentials") : nullptr;
  if (credentials == nullptr || credentials->type != JsonValue::Type::kObject) {
    return fail(kExitCredentials, where, "ERR_CREDENTIALS_INVALID",
                "has no \"credentials\" object (expected what qcloud-cos-sts returns)");
  }
  const auto text = [&](const char* name, bool required, std::string& to) -> Failure {
    const JsonValue* v = credentials->find(name);
    if (v == nullptr || v->type == JsonValue::Type::kNull || (v->type == JsonValue::Type::kString && v->text.empty())) {
      if (!required) return Failure{};
      return fail(kExitCredentials, where, "ERR_CREDENTIALS_INVALID", std::string("credentials.") + name + " is missing or empty");
    }
    if (v->type != JsonValue::Type::kString) {
      return fail(kExitCredentials, where, "ERR_CREDENTIALS_INVALID", std::string("credentials.") + name + " is not a string");
    }
    to = v->text;
    return Failure{};
  };
  Failure f = text("tmpSecretId", true, out.secret_id);
  if (!f.failed()) f = text("tmpSecretKey", true, out.secret_key);
  if (!f.failed()) f = text("sessionToken", false, out.session_token);
  if (f.failed()) return f;
  if (const JsonValue* expired = root.find("expiredTime")) {
    if (expired->type != JsonValue::Type::kNumber || !(expired->number >= 0) || expired->number >= 1e11 ||
        std::floor(expired->number) != expired->number) {
      return fail(kExitCredentials, where, "ERR_CREDENTIALS_INVALID", "expiredTime is not whole unix seconds");
    }
    out.expired_time = static_cast<std::int64_t>(expired->number);
  }
  return Failure{};
}

Failure read_input(const std::string& path, std::size_t limit, const std::string& where, std::string& out) {
  const bool is_stdin = path == "-";
  std::FILE* f = is_stdin ? stdin : std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    return fail(kExitCredentials, where, "ERR_CREDENTIALS_FILE", std::string("cannot be opened: ") + std::strerror(errno));
  }
  out.clear();
  char buffer[1 << 16];
  std::size_t n = 0;
  bool too_large = false;
  errno = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
    if (out.size() + n > limit) {
      too_large = true;
      break;
    }
    out.append(buffer, n);
  }
  const bool read_error = std::ferror(f) != 0;
  const int read_errno = errno;
  if (!is_stdin) std::fclose(f);
  if (too_large) {
    return fail(kExitCredentials, where, "ERR_TOO_LARGE", "is larger than " + std::to_string(limit) + " bytes");
  }
  // A file that opens but cannot be read (a directory, EIO) is a credentials
  // problem; standard input failing is an I/O one.
  if (read_error && !is_stdin) {
    return fail(kExitCredentials, where, "ERR_CREDENTIALS_FILE",
                std::string("cannot be read: ") + std::strerror(read_errno != 0 ? read_errno : EIO));
  }
  if (read_error) return fail(kExitIo, where, "ERR_READ", "could not be read");
  return Failure{};
}

}  // namespace cli
