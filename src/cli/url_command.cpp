// cos-presign url: one pre-signed URL per key (arguments or standard input),
// COS or SigV4, with credentials from the environment or a qcloud-cos-sts file.
#include <strings.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/credentials_file.h"
#include "cli/output.h"
#include "cos_presign/cos_presign.h"
#include "core/text.h"

namespace cli {
namespace {

constexpr std::size_t kMaxStdinKeys = std::size_t{256} << 20;  // the library's own output limit

// Where a library error points on this command line.
std::string where_of(const cos_presign::Error& e, const UrlCommand& c, bool keys_from_stdin, bool from_file) {
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

// The library's message without its "(#N)": WHERE already names the key by
// its line or argument number, counted from 1, not the batch index from 0.
std::string message_without_index(const cos_presign::Error& e) {
  std::string m = library_message(e);
  if (!e.has_index) return m;
  const std::string index = " (#" + std::to_string(e.index) + ")";
  const std::size_t at = m.find(index);
  if (at != std::string::npos) m.erase(at, index.size());
  return m;
}

// response-content-disposition for --download, exactly as the JS package's
// contentDisposition('attachment', name): an ASCII fallback (one '_' per
// UTF-16 unit of anything else, and for " \ %) and the exact UTF-8 name.
Failure content_disposition(const std::string& name, std::string& out) {
  if (name.empty()) return fail(kExitUsage, "--download", "ERR_MISSING_FIELD", "must not be empty");
  // The fallback counts UTF-16 units from lead bytes: only sound on
  // well-formed UTF-8, which --query requires too.
  if (cospresign::check_utf8(name, "download").failed()) {
    return fail(kExitRefused, "--download", "ERR_INVALID_UTF8", "is not well-formed UTF-8");
  }
  std::string fallback;
  std::string exact;
  static const char kHex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto b = static_cast<unsigned char>(name[i]);
    if (b < 0x20 || b == 0x7f) {
      return fail(kExitRefused, "--download", "ERR_CONTROL_CHARACTER", "must not contain ASCII control characters");
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

// Keys, one per line ("\r\n" too); a last line without '\n' counts, blank
// lines at the end (an editor's extra newline) do not, an empty input is no
// key at all. A blank line in the middle stays, as an empty key the signer refuses.
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
  while (!keys.empty() && keys.back().empty()) keys.pop_back();
  return keys;
}

}  // namespace

int run_url(const std::vector<std::string>& args) {
  UrlCommand c;
  Failure f = parse_url_command(args, c);
  if (f.failed()) return report(f);

  std::vector<cos_presign::Param> query = c.query;
  if (c.download) {
    std::string value;
    f = content_disposition(*c.download, value);
    if (f.failed()) return report(f);
    for (const cos_presign::Param& p : query) {
      if (p.name.size() == 28 && strncasecmp(p.name.c_str(), "response-content-disposition", 28) == 0) {
        return report(fail(kExitUsage, "--download", "ERR_CONFLICTING_OPTIONS",
                           "cannot be combined with a response-content-disposition --query"));
      }
    }
    query.push_back(cos_presign::Param{"response-content-disposition", value, true});
  }

  // Credentials first: a missing one is reported before reading any keys.
  StsCredentials sts;
  const bool from_file = c.credentials_path.has_value();
  if (c.v4) {
    sts.secret_id = env("AWS_ACCESS_KEY_ID");
    sts.secret_key = env("AWS_SECRET_ACCESS_KEY");
    sts.session_token = env("AWS_SESSION_TOKEN");
    if (sts.secret_id.empty()) return report(fail(kExitCredentials, "AWS_ACCESS_KEY_ID", "ERR_MISSING_FIELD", "is not set"));
    if (sts.secret_key.empty()) {
      return report(fail(kExitCredentials, "AWS_SECRET_ACCESS_KEY", "ERR_MISSING_FIELD", "is not set"));
    }
    if (c.region.empty()) c.region = env("AWS_REGION");
    if (c.region.empty()) c.region = env("AWS_DEFAULT_REGION");
  } else if (from_file) {
    std::string text;
    const std::string where = "--credentials";
    f = read_input(*c.credentials_path, kMaxCredentialsFile, where, text);
    if (!f.failed()) f = parse_sts_credentials(text, where, sts);
    std::fill(text.begin(), text.end(), '\0');
    if (f.failed()) return report(f);
  } else {
    sts.secret_id = env("COS_SECRET_ID");
    sts.secret_key = env("COS_SECRET_KEY");
    sts.session_token = env("COS_SESSION_TOKEN");
    if (sts.secret_id.empty()) {
      return report(fail(kExitCredentials, "COS_SECRET_ID", "ERR_MISSING_FIELD", "is not set (or use --credentials FILE)"));
    }
    if (sts.secret_key.empty()) {
      return report(fail(kExitCredentials, "COS_SECRET_KEY", "ERR_MISSING_FIELD", "is not set (or use --credentials FILE)"));
    }
  }

  const bool keys_from_stdin = c.keys.empty();
  if (keys_from_stdin) {
    std::string text;
    f = read_input("-", kMaxStdinKeys, "standard input", text);
    if (f.failed()) {
      f.exit = f.code == "ERR_TOO_LARGE" ? kExitRefused : kExitIo;
      return report(f);
    }
    c.keys = split_lines(text);
    if (c.keys.empty()) {
      return report(fail(kExitUsage, "KEY", "ERR_MISSING_FIELD", "no keys: give them as arguments or one per line on standard input"));
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
        return report(fail(kExitCredentials, "--credentials", "ERR_CREDENTIALS_EXPIRED",
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
    const std::string& field = e.field;
    const bool credential = field == "secretId" || field == "secretKey" || field == "sessionToken" ||
                            field == "accessKeyId" || field == "secretAccessKey";
    return report(fail(credential ? kExitCredentials : kExitRefused, where_of(e, c, keys_from_stdin, from_file), e.code,
                       message_without_index(e)));
  }
  // URL by URL through stdio's buffer: no third copy of a large batch.
  bool written = true;
  for (const std::string& u : urls.value()) {
    written = written && std::fwrite(u.data(), 1, u.size(), stdout) == u.size() && std::fputc('\n', stdout) != EOF;
  }
  if (!written || std::fflush(stdout) != 0) {
    return report(fail(kExitIo, "standard output", "ERR_WRITE", "could not be written"));
  }
  return kExitOk;
}

}  // namespace cli
