// How the CLI talks: errors to standard error as "cos-presign: WHERE: CODE:
// message", results to standard output, settings from the environment.
#pragma once

#include <string>

#include "cli/failure.h"
#include "cos_presign/result.h"

namespace cli {

// Prints the failure and returns its exit code.
int report(const Failure& f);

// The variable's value, or empty.
std::string env(const char* name);

// Writes and flushes; false if standard output failed (a closed pipe, a full disk).
bool write_all(const std::string& text);

// The library's message without its "cos-presign: " prefix.
std::string library_message(const cos_presign::Error& e);

}  // namespace cli
