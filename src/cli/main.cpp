// cos-presign: pre-signed COS (and S3 SigV4) URLs from the command line, and
// the explanation of any such URL. Built on the C++ library
// (include/cos_presign); --help documents the commands and exit codes.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/failure.h"
#include "cli/output.h"

namespace {

const char kHelp[] =
    "cos-presign: pre-signed Tencent Cloud COS (and S3 SigV4) URLs, and what any such URL grants.\n"
    "\n"
    "Usage:\n"
    "  cos-presign url --bucket B --region R [options] KEY...\n"
    "  cos-presign url --bucket B --region R [options] < keys.txt\n"
    "  cos-presign url --v4 --endpoint URL --bucket B --region R [options] KEY...\n"
    "  cos-presign explain [--json] [--method M] [--header 'Name: value'] [--now UNIX]\n"
    "                      [--clock-offset MS] [--credentials FILE] URL\n"
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
    "with --v4: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN (and AWS_REGION,\n"
    "else AWS_DEFAULT_REGION, when --region is not given).\n"
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
    "  --credentials FILE    verify a COS link with the tmpSecretKey of a qcloud-cos-sts file ('-':\n"
    "                        standard input); refused for SigV4 links (ERR_CONFLICTING_OPTIONS)\n"
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

}  // namespace

int main(int argc, char** argv) {
  // A closed output pipe is a failed write (exit 5, as --help says), not death by SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  const std::vector<std::string> args(argv + (argc > 1 ? 2 : argc), argv + argc);
  const std::string command = argc > 1 ? argv[1] : "";
  const bool help_asked = std::any_of(args.begin(), std::find(args.begin(), args.end(), "--"),
                                     [](const std::string& a) { return a == "--help" || a == "-h"; });
  if (command == "--help" || command == "-h" || command == "help" || help_asked) {
    return cli::write_all(kHelp) ? cli::kExitOk : cli::kExitIo;
  }
  if (command == "--version") return cli::write_all("cos-presign 0.1.0\n") ? cli::kExitOk : cli::kExitIo;
  if (command == "url") return cli::run_url(args);
  if (command == "explain") return cli::run_explain(args);
  std::fputs(kHelp, stderr);
  return cli::report(cli::fail(cli::kExitUsage, "command", "ERR_UNKNOWN_COMMAND",
                     command.empty() ? "is missing: url or explain" : "must be url or explain"));
}
