// cos-presign: pre-signed COS (and S3 SigV4) URLs from the command line, and
// the explanation of any such URL. Built on the C++ library
// (include/cos_presign); --help documents the commands and exit codes.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <strings.h>
#include <algorithm>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/credentials_file.h"
#include "cli/explain_text.h"
#include "cli/failure.h"
#include "cos_presign/cos_presign.h"

namespace {

using cli::Failure;
using cli::fail;

constexpr std::size_t kMaxCredentialsFile = 1 << 20;     // 1 MiB
constexpr std::size_t kMaxStdinKeys = std::size_t{256} << 20;  // the library's own output limit

const char kHelp[] =
    "cos-presign: pre-signed Tencent Cloud COS (and S3 SigV4) URLs, and what any such URL grants.\n"
    "\n"
    "Usage:\n"
    "  cos-presign url --bucket B --region R [options] KEY...\n"
    "  cos-presign url --bucket B --region R [options] < keys.txt\n"
    "  cos-presign url --v4 --endpoint URL --bucket B --region R [options] KEY...\n"
    "  cos-presign explain [--json] [--method M] [--header 'Name: value'] URL\n"
    "  cos-presign --help | --version\n"
    "\n"
    "url: one URL per key on standard output, one per line, in order. Without KEY arguments\n"
    "the keys are read from standard input, one per line, and signed as one batch.\n"
    "  --bucket B            bucket, e.g. examplebucket-1250000000\n"
    "  --region R            region, e.g. ap-guangzhou (--v4: us-east-1, auto, ...)\n"
    "  --expires S           seconds the link is valid (default 900; --v4: at most 604800)\n"
    "  --start-time UNIX     start of the window in unix seconds (default: now)\n"
    "  --download NAME       make browsers save the object as NAME (response-content-disposition)\n"
    "  --method M            the method the link is for (default GET), e.g. PUT for uploads\n"
    "  --header 'N: v'       a header the client will send, signed (repeatable)\n"
    "  --query 'n=v'         a query parameter, signed and carried in the URL (repeatable)\n"
    "  --domain D            custom domain instead of {Bucket}.cos.{Region}.myqcloud.com\n"
    "  --protocol http       http instead of https\n"
    "  --credentials FILE    temporary credentials: the JSON qcloud-cos-sts returns ('-': standard\n"
    "                        input, then keys must be arguments)\n"
    "  --v4                  AWS Signature V4 (S3, R2, MinIO, COS's S3 API) instead of COS's own\n"
    "  --endpoint URL        --v4: the service, e.g. https://cos.ap-guangzhou.myqcloud.com\n"
    "                        (default: AWS S3 in --region)\n"
    "  --path-style          --v4: the bucket in the path, not the host\n"
    "  --                    the arguments after it are keys, even when they start with '-'\n"
    "Credentials: COS_SECRET_ID, COS_SECRET_KEY, COS_SESSION_TOKEN (or --credentials);\n"
    "with --v4: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (and AWS_REGION\n"
    "when --region is not given).\n"
    "\n"
    "explain: what the URL grants and how it was signed, rebuilt as the server does (host, bucket,\n"
    "region, key, window, signed and unsigned headers and parameters, canonical strings). With the\n"
    "secret in the environment (COS_SECRET_KEY, or AWS_SECRET_ACCESS_KEY for SigV4 links) or\n"
    "--credentials, it also verifies the signature and says what most likely differs.\n"
    "  --json                the explanation as JSON (the shape of the JS package's explainUrl)\n"
    "  --method M            the method the client uses (default GET)\n"
    "  --header 'N: v'       a header the client sends (repeatable)\n"
    "  --now UNIX            judge the window at this time (default: now)\n"
    "  --clock-offset MS     add MS milliseconds to the clock (server time - local time)\n"
    "\n"
    "Exit codes:\n"
    "  0  success (explain: no problem found)\n"
    "  1  explain: the link has problems (expired, not yet valid, signature does not verify, ...)\n"
    "  2  bad command line (unknown option, missing or malformed value)\n"
    "  3  input refused (bad key, bucket, region, header, window; not a pre-signed URL)\n"
    "  4  credentials missing, unreadable, malformed or expired\n"
    "  5  reading standard input or writing standard output failed\n"
    "Errors go to standard error as 'cos-presign: WHERE: CODE: message', with the codes of the\n"
    "JS package (ERR_EMPTY_KEY, ...). No secret is ever printed.\n";

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

// The library's message without its "cos-presign: " prefix.
std::string library_message(const cos_presign::Error& e) {
  constexpr char kPrefix[] = "cos-presign: ";
  return e.message.rfind(kPrefix, 0) == 0 ? e.message.substr(sizeof kPrefix - 1) : e.message;
}

// Where a library error points on this command line.
std::string where_of(const cos_presign::Error& e, const cli::UrlCommand& c, bool keys_from_stdin, bool from_file) {
  const std::string& f = e.field;
  if (f == "key") {
    if (!e.has_index) return "key";
    return keys_from_stdin ? "key on line " + std::to_string(e.index + 1) + " of standard input"
                           : "key argument " + std::to_string(e.index + 1);
  }
  if (f == "request") return "keys";
  if (f.rfind("header ", 0) == 0) return "--header";
  if (f.rfind("query ", 0) == 0) {
    return c.download && f.find("\"response-content-disposition\"") != std::string::npos ? "--download" : "--query";
  }
  if (f == "startTime" || f == "date") return "--start-time";
  if (f == "endTime" || f == "expires" || f == "keyTime") return "--expires";
  if (f == "secretId") return from_file ? "--credentials" : "COS_SECRET_ID";
  if (f == "secretKey") return from_file ? "--credentials" : "COS_SECRET_KEY";
  if (f == "sessionToken") return from_file ? "--credentials" : (c.v4 ? "AWS_SESSION_TOKEN" : "COS_SESSION_TOKEN");
  if (f == "accessKeyId") return "AWS_ACCESS_KEY_ID";
  if (f == "secretAccessKey") return "AWS_SECRET_ACCESS_KEY";
  if (f == "bucket" || f == "region" || f == "domain" || f == "protocol" || f == "method" || f == "endpoint") {
    return "--" + f;
  }
  return f;
}

// response-content-disposition for --download, exactly as the JS package's
// contentDisposition('attachment', name): an ASCII fallback (one '_' per
// UTF-16 unit of anything else, and for " \ %) and the exact UTF-8 name.
Failure content_disposition(const std::string& name, std::string& out) {
  if (name.empty()) return fail(cli::kExitUsage, "--download", "ERR_MISSING_FIELD", "must not be empty");
  std::string fallback;
  std::string exact;
  static const char kHex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto b = static_cast<unsigned char>(name[i]);
    if (b < 0x20 || b == 0x7f) {
      return fail(cli::kExitRefused, "--download", "ERR_CONTROL_CHARACTER", "must not contain ASCII control characters");
    }
    const bool ascii_printable = b >= 0x20 && b < 0x7f;
    if (ascii_printable) {
      fallback.push_back(b == '"' || b == '\\' || b == '%' ? '_' : static_cast<char>(b));
    } else if ((b & 0xC0) != 0x80) {
      fallback.append(b >= 0xF0 ? "__" : "_");  // a 4-byte sequence is two UTF-16 units
    }
    const bool keep = (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' ||
                      b == '_' || b == '.' || b == '!' || b == '~';
    if (keep) {
      exact.push_back(static_cast<char>(b));
    } else {
      exact.push_back('%');
      exact.push_back(kHex[b >> 4]);
      exact.push_back(kHex[b & 15]);
    }
  }
  out = "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + exact;
  return Failure{};
}

// Keys, one per line ("\r\n" too); a last line without '\n' counts, an empty
// input is no key at all.
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> keys;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string::npos) nl = text.size();
    std::size_t end = nl;
    if (end > start && text[end - 1] == '\r') --end;
    keys.emplace_back(text, start, end - start);
    start = nl + 1;
  }
  return keys;
}

int run_url(const std::vector<std::string>& args) {
  cli::UrlCommand c;
  Failure f = cli::parse_url_command(args, c);
  if (f.failed()) return report(f);

  std::vector<cos_presign::Param> query = c.query;
  if (c.download) {
    std::string value;
    f = content_disposition(*c.download, value);
    if (f.failed()) return report(f);
    for (const cos_presign::Param& p : query) {
      if (p.name.size() == 28 && strncasecmp(p.name.c_str(), "response-content-disposition", 28) == 0) {
        return report(fail(cli::kExitUsage, "--download", "ERR_CONFLICTING_OPTIONS",
                           "cannot be combined with a response-content-disposition --query"));
      }
    }
    query.push_back(cos_presign::Param{"response-content-disposition", value, true});
  }

  // Credentials first: a missing one is reported before reading any keys.
  cli::StsCredentials sts;
  const bool from_file = c.credentials_path.has_value();
  if (c.v4) {
    sts.secret_id = env("AWS_ACCESS_KEY_ID");
    sts.secret_key = env("AWS_SECRET_ACCESS_KEY");
    sts.session_token = env("AWS_SESSION_TOKEN");
    if (sts.secret_id.empty()) return report(fail(cli::kExitCredentials, "AWS_ACCESS_KEY_ID", "ERR_MISSING_FIELD", "is not set"));
    if (sts.secret_key.empty()) {
      return report(fail(cli::kExitCredentials, "AWS_SECRET_ACCESS_KEY", "ERR_MISSING_FIELD", "is not set"));
    }
    if (c.region.empty()) c.region = env("AWS_REGION");
    if (c.region.empty()) c.region = env("AWS_DEFAULT_REGION");
  } else if (from_file) {
    std::string text;
    const std::string where = "--credentials";
    f = cli::read_input(*c.credentials_path, kMaxCredentialsFile, where, text);
    if (!f.failed()) f = cli::parse_sts_credentials(text, where, sts);
    std::fill(text.begin(), text.end(), '\0');
    if (f.failed()) return report(f);
  } else {
    sts.secret_id = env("COS_SECRET_ID");
    sts.secret_key = env("COS_SECRET_KEY");
    sts.session_token = env("COS_SESSION_TOKEN");
    if (sts.secret_id.empty()) {
      return report(fail(cli::kExitCredentials, "COS_SECRET_ID", "ERR_MISSING_FIELD", "is not set (or use --credentials FILE)"));
    }
    if (sts.secret_key.empty()) {
      return report(fail(cli::kExitCredentials, "COS_SECRET_KEY", "ERR_MISSING_FIELD", "is not set (or use --credentials FILE)"));
    }
  }

  const bool keys_from_stdin = c.keys.empty();
  if (keys_from_stdin) {
    std::string text;
    f = cli::read_input("-", kMaxStdinKeys, "standard input", text);
    if (f.failed()) {
      f.exit = f.code == "ERR_TOO_LARGE" ? cli::kExitRefused : cli::kExitIo;
      return report(f);
    }
    c.keys = split_lines(text);
    if (c.keys.empty()) {
      return report(fail(cli::kExitUsage, "KEY", "ERR_MISSING_FIELD", "no keys: give them as arguments or one per line on standard input"));
    }
  }

  cos_presign::Result<std::vector<std::string>> urls = std::vector<std::string>{};
  if (c.v4) {
    cos_presign::V4UrlOptions o;
    o.access_key_id = sts.secret_id;
    o.secret_access_key = sts.secret_key;
    o.session_token = sts.session_token;
    o.region = c.region;
    o.endpoint = c.endpoint;
    o.bucket = c.bucket;
    o.method = c.method;
    o.date = c.start_time;
    o.expires = c.expires;
    o.path_style = c.path_style;
    o.query = query;
    o.headers = c.headers;
    urls = cos_presign::presign_urls_v4(o, c.keys);
  } else {
    cos_presign::CosUrlOptions o;
    o.credentials = {sts.secret_id, sts.secret_key, sts.session_token};
    o.bucket = c.bucket;
    o.region = c.region;
    o.domain = c.domain;
    o.protocol = c.protocol;
    o.method = c.method;
    o.window.start_time = c.start_time;
    o.window.expires = c.expires;
    o.query = query;
    o.headers = c.headers;
    if (sts.expired_time) {
      // COS refuses a link once its temporary credentials have expired: as the
      // JS presigner does, never promise more than they last.
      const std::int64_t start = c.start_time ? *c.start_time : static_cast<std::int64_t>(std::time(nullptr));
      if (*sts.expired_time <= start) {
        return report(fail(cli::kExitCredentials, "--credentials", "ERR_CREDENTIALS_EXPIRED",
                           "the credentials expired (expiredTime) before the link would start"));
      }
      const std::int64_t expires = c.expires ? *c.expires : 900;
      if (expires >= 1 && start + expires > *sts.expired_time) {
        o.window.start_time = start;
        o.window.expires.reset();
        o.window.end_time = *sts.expired_time;
        std::fprintf(stderr,
                     "cos-presign: note: the links end at the credentials' expiredTime, %lld s after they start, not "
                     "%lld s\n",
                     static_cast<long long>(*sts.expired_time - start), static_cast<long long>(expires));
      }
    }
    urls = cos_presign::presign_urls(o, c.keys);
  }
  if (!urls) {
    const cos_presign::Error& e = urls.error();
    return report(fail(cli::kExitRefused, where_of(e, c, keys_from_stdin, from_file), e.code, library_message(e)));
  }
  std::string out;
  std::size_t size = 0;
  for (const std::string& u : urls.value()) size += u.size() + 1;
  out.reserve(size);
  for (const std::string& u : urls.value()) out.append(u).push_back('\n');
  if (!write_all(out)) return report(fail(cli::kExitIo, "standard output", "ERR_WRITE", "could not be written"));
  return cli::kExitOk;
}

// An explain error, named by the option it comes from.
Failure explain_failure(const cos_presign::Error& e) {
  const std::string& f = e.field;
  std::string where = "URL";
  if (f.rfind("header ", 0) == 0) where = "--header";
  if (f == "method" || f == "now") where = "--" + f;
  if (f == "clockOffset") where = "--clock-offset";
  if (f == "secretKey") where = "secret key";
  return fail(cli::kExitRefused, where, e.code, library_message(e));
}

int run_explain(const std::vector<std::string>& args) {
  cli::ExplainCommand c;
  Failure f = cli::parse_explain_command(args, c);
  if (f.failed()) return report(f);
  cos_presign::ExplainOptions o;
  o.method = c.method;
  o.headers = c.headers;
  o.now = c.now;
  o.clock_offset_ms = c.clock_offset_ms;
  // Which secret verifies depends on the kind of link: look first.
  cos_presign::Result<cos_presign::Explanation> e = cos_presign::explain_url(c.url, o);
  if (!e) return report(explain_failure(e.error()));
  const bool cos = e->kind == cos_presign::UrlKind::kCos;
  std::string secret;
  if (c.credentials_path && cos) {
    std::string text;
    cli::StsCredentials sts;
    f = cli::read_input(*c.credentials_path, kMaxCredentialsFile, "--credentials", text);
    if (!f.failed()) f = cli::parse_sts_credentials(text, "--credentials", sts);
    std::fill(text.begin(), text.end(), '\0');
    if (f.failed()) return report(f);
    secret = sts.secret_key;
  } else {
    secret = env(cos ? "COS_SECRET_KEY" : "AWS_SECRET_ACCESS_KEY");
  }
  if (!secret.empty()) {
    o.secret_key = secret;
    e = cos_presign::explain_url(c.url, o);
    std::fill(secret.begin(), secret.end(), '\0');
    o.secret_key->assign(o.secret_key->size(), '\0');
    if (!e) return report(explain_failure(e.error()));
  }
  const std::string hint = cos ? "set COS_SECRET_KEY or pass --credentials to verify" : "set AWS_SECRET_ACCESS_KEY to verify";
  const std::string text = c.json ? cos_presign::to_json(e.value()) + "\n" : cli::explain_text(e.value(), hint);
  if (!write_all(text)) return report(fail(cli::kExitIo, "standard output", "ERR_WRITE", "could not be written"));
  return e->problems.empty() ? cli::kExitOk : cli::kExitLinkProblems;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + (argc > 1 ? 2 : argc), argv + argc);
  const std::string command = argc > 1 ? argv[1] : "";
  const bool help_asked = std::any_of(args.begin(), std::find(args.begin(), args.end(), "--"),
                                     [](const std::string& a) { return a == "--help" || a == "-h"; });
  if (command == "--help" || command == "-h" || command == "help" || help_asked) {
    return write_all(kHelp) ? cli::kExitOk : cli::kExitIo;
  }
  if (command == "--version") return write_all("cos-presign 0.1.0\n") ? cli::kExitOk : cli::kExitIo;
  if (command == "url") return run_url(args);
  if (command == "explain") return run_explain(args);
  std::fputs(kHelp, stderr);
  return report(fail(cli::kExitUsage, command.empty() ? "command" : "command", "ERR_UNKNOWN_COMMAND",
                     command.empty() ? "is missing: url or explain" : "must be url or explain"));
}
