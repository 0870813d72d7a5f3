// cos-presign explain: what a pre-signed URL grants and how it was signed,
// as text or as the JSON the JS explainUrl prints; verified when the secret is
// in the environment or a credentials file.
#include <algorithm>
#include <string>
#include <vector>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/credentials_file.h"
#include "cli/explain_text.h"
#include "cli/output.h"
#include "cos_presign/cos_presign.h"

namespace cli {
namespace {

// An explain error, named by the option it comes from.
Failure explain_failure(const cos_presign::Error& e) {
  const std::string& f = e.field;
  std::string where = "URL";
  if (f.rfind("header ", 0) == 0) where = "--header";
  if (f == "method" || f == "now") where = "--" + f;
  if (f == "clockOffset") where = "--clock-offset";
  if (f == "secretKey") where = "secret key";
  return fail(f == "secretKey" ? kExitCredentials : kExitRefused, where, e.code, library_message(e));
}

}  // namespace

int run_explain(const std::vector<std::string>& args) {
  ExplainCommand c;
  Failure f = parse_explain_command(args, c);
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
  if (c.credentials_path && !cos) {
    // A qcloud-cos-sts file holds COS keys: it cannot verify a SigV4 link.
    return report(fail(kExitUsage, "--credentials", "ERR_CONFLICTING_OPTIONS",
                       "holds COS credentials and cannot verify a SigV4 link: set AWS_SECRET_ACCESS_KEY instead"));
  }
  std::string secret;
  if (c.credentials_path) {
    std::string text;
    StsCredentials sts;
    f = read_input(*c.credentials_path, kMaxCredentialsFile, "--credentials", text);
    if (!f.failed()) f = parse_sts_credentials(text, "--credentials", sts);
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
  const std::string text = c.json ? cos_presign::to_json(e.value()) + "\n" : explain_text(e.value(), hint);
  if (!write_all(text)) return report(fail(kExitIo, "standard output", "ERR_WRITE", "could not be written"));
  return e->problems.empty() ? kExitOk : kExitLinkProblems;
}

}  // namespace cli
