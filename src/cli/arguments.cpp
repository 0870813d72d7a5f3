#include "cli/arguments.h"

#include <functional>
#include <map>
#include <set>

namespace cli {
namespace {

Failure usage(const std::string& option, const std::string& code, const std::string& message) {
  return fail(kExitUsage, option, code, message);
}

// A whole number, optionally negative (the library says what range is allowed).
bool parse_integer(const std::string& s, std::int64_t& out) {
  std::size_t i = s.size() > 0 && s[0] == '-' ? 1 : 0;
  if (i == s.size() || s.size() - i > 15) return false;
  std::int64_t v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = s[0] == '-' ? -v : v;
  return true;
}

// "Name: value"; optional whitespace around the value, as in HTTP.
Failure parse_header(const std::string& option, const std::string& text, std::vector<cos_presign::Param>& out) {
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || colon == 0) {
    return usage(option, "ERR_INVALID_VALUE", "must be 'Name: value'");
  }
  std::size_t start = colon + 1;
  std::size_t end = text.size();
  while (start < end && (text[start] == ' ' || text[start] == '\t')) ++start;
  while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  out.push_back(cos_presign::Param{text.substr(0, colon), text.substr(start, end - start), true});
  return Failure{};
}

// "name=value", or "name" for a parameter without a value.
void parse_query(const std::string& text, std::vector<cos_presign::Param>& out) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos) {
    out.push_back(cos_presign::Param{text, std::string(), false});
  } else {
    out.push_back(cos_presign::Param{text.substr(0, eq), text.substr(eq + 1), true});
  }
}

// Walks the arguments: options with a value (--name value or --name=value),
// flags, and the positional rest ("--" ends the options).
using ValueHandler = std::function<Failure(const std::string& option, const std::string& value)>;
using FlagHandler = std::function<void()>;

Failure walk(const std::vector<std::string>& args, const std::map<std::string, ValueHandler>& values,
             const std::map<std::string, FlagHandler>& flags, const std::set<std::string>& repeatable,
             std::vector<std::string>& positional) {
  std::set<std::string> seen;
  bool options_done = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (options_done || arg.size() < 2 || arg[0] != '-') {
      positional.push_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    const std::size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    if (seen.count(name) != 0 && repeatable.count(name) == 0) {
      return usage(name, "ERR_DUPLICATE_OPTION", "is given twice");
    }
    seen.insert(name);
    if (const auto flag = flags.find(name); flag != flags.end()) {
      if (eq != std::string::npos) return usage(name, "ERR_INVALID_VALUE", "takes no value");
      flag->second();
      continue;
    }
    const auto handler = values.find(name);
    if (handler == values.end()) {
      // An unknown argument is named only when it looks like an option name
      // (--lowercase-words): anything else may be a secret pasted in the wrong place.
      const bool option_like = name.size() >= 3 && name.size() <= 24 && name.rfind("--", 0) == 0 &&
                               name.find_first_not_of("abcdefghijklmnopqrstuvwxyz-", 2) == std::string::npos;
      return usage(option_like ? name : "option", "ERR_UNKNOWN_OPTION", "is not an option of this command (see --help)");
    }
    std::string value;
    if (eq != std::string::npos) {
      value = arg.substr(eq + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return usage(name, "ERR_MISSING_VALUE", "needs a value");
    }
    const Failure f = handler->second(name, value);
    if (f.failed()) return f;
  }
  return Failure{};
}

ValueHandler text_into(std::string& to) {
  return [&to](const std::string&, const std::string& v) {
    to = v;
    return Failure{};
  };
}

ValueHandler integer_into(std::optional<std::int64_t>& to, const char* what) {
  return [&to, what](const std::string& option, const std::string& v) {
    std::int64_t n = 0;
    if (!parse_integer(v, n)) return usage(option, "ERR_INVALID_VALUE", std::string("must be a whole number of ") + what);
    to = n;
    return Failure{};
  };
}

}  // namespace

Failure parse_url_command(const std::vector<std::string>& args, UrlCommand& out) {
  std::map<std::string, ValueHandler> values = {
      {"--bucket", text_into(out.bucket)},
      {"--region", text_into(out.region)},
      {"--domain", text_into(out.domain)},
      {"--protocol", text_into(out.protocol)},
      {"--method", text_into(out.method)},
      {"--endpoint", text_into(out.endpoint)},
      {"--expires", integer_into(out.expires, "seconds")},
      {"--start-time", integer_into(out.start_time, "unix seconds")},
      {"--download",
       [&out](const std::string&, const std::string& v) {
         out.download = v;
         return Failure{};
       }},
      {"--header", [&out](const std::string& o, const std::string& v) { return parse_header(o, v, out.headers); }},
      {"--query",
       [&out](const std::string&, const std::string& v) {
         parse_query(v, out.query);
         return Failure{};
       }},
      {"--credentials",
       [&out](const std::string&, const std::string& v) {
         out.credentials_path = v;
         return Failure{};
       }},
  };
  std::map<std::string, FlagHandler> flags = {
      {"--v4", [&out] { out.v4 = true; }},
      {"--path-style", [&out] { out.path_style = true; }},
  };
  Failure f = walk(args, values, flags, {"--header", "--query"}, out.keys);
  if (f.failed()) return f;
  if (out.v4) {
    if (!out.domain.empty()) return usage("--domain", "ERR_CONFLICTING_OPTIONS", "is for COS URLs; with --v4 give --endpoint");
    if (!out.protocol.empty()) return usage("--protocol", "ERR_CONFLICTING_OPTIONS", "is for COS URLs; with --v4 the --endpoint has the scheme");
    if (out.credentials_path) {
      return usage("--credentials", "ERR_CONFLICTING_OPTIONS", "is for COS (qcloud-cos-sts); with --v4 use the AWS_* variables");
    }
  } else {
    if (!out.endpoint.empty()) return usage("--endpoint", "ERR_CONFLICTING_OPTIONS", "needs --v4 (COS URLs take --domain)");
    if (out.path_style) return usage("--path-style", "ERR_CONFLICTING_OPTIONS", "needs --v4");
  }
  if (out.credentials_path && *out.credentials_path == "-" && out.keys.empty()) {
    return usage("--credentials", "ERR_CONFLICTING_OPTIONS",
                 "reads standard input, so the keys must be given as arguments");
  }
  return Failure{};
}

Failure parse_explain_command(const std::vector<std::string>& args, ExplainCommand& out) {
  std::optional<std::int64_t> offset;
  std::map<std::string, ValueHandler> values = {
      {"--method", text_into(out.method)},
      {"--header", [&out](const std::string& o, const std::string& v) { return parse_header(o, v, out.headers); }},
      {"--now", integer_into(out.now, "unix seconds")},
      {"--clock-offset", integer_into(offset, "milliseconds")},
      {"--credentials",
       [&out](const std::string&, const std::string& v) {
         out.credentials_path = v;
         return Failure{};
       }},
  };
  std::map<std::string, FlagHandler> flags = {{"--json", [&out] { out.json = true; }}};
  std::vector<std::string> positional;
  Failure f = walk(args, values, flags, {"--header"}, positional);
  if (f.failed()) return f;
  if (offset) out.clock_offset_ms = *offset;
  if (positional.size() != 1) {
    return usage("URL", positional.empty() ? "ERR_MISSING_VALUE" : "ERR_INVALID_VALUE",
                 positional.empty() ? "is required: cos-presign explain URL" : "must be one URL (quote it in the shell)");
  }
  out.url = positional[0];
  return Failure{};
}

}  // namespace cli
