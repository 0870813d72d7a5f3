#include "cli/output.h"

#include <cstdio>
#include <cstdlib>

namespace cli {

int report(const Failure& f) {
  std::fprintf(stderr, "cos-presign: %s: %s: %s\n", f.where.c_str(), f.code.c_str(), f.message.c_str());
  return f.exit;
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}

bool write_all(const std::string& text) {
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() && std::fflush(stdout) == 0;
}

std::string library_message(const cos_presign::Error& e) {
  constexpr char kPrefix[] = "cos-presign: ";
  return e.message.rfind(kPrefix, 0) == 0 ? e.message.substr(sizeof kPrefix - 1) : e.message;
}

}  // namespace cli
