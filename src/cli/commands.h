// The CLI's commands; `args` is what follows the command name. Each returns
// the exit code (cli/failure.h).
#pragma once

#include <string>
#include <vector>

namespace cli {

int run_url(const std::vector<std::string>& args);      // url_command.cpp
int run_explain(const std::vector<std::string>& args);  // explain_command.cpp

}  // namespace cli
