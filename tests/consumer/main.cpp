// Signs Tencent's download example and explains the URL back: exit 0 only
// if the URL is the documented one and it verifies. Exceptions stay on here
// (the library is built without them; its callers need not be).
#include <cos_presign/cos_presign.h>

#include <iostream>
#include <string>

int main() {
  cos_presign::CosUrlOptions o;
  o.credentials = {"AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q", "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz", ""};
  o.bucket = "examplebucket-1250000000";
  o.region = "ap-beijing";
  o.window.start_time = 1557989753;
  o.window.expires = 7200;
  o.query = {{"response-content-type", "application/octet-stream"}, {"response-cache-control", "max-age=600"}};
  o.headers = {{"Date", "Thu, 16 May 2019 06:55:53 GMT"}};
  const auto url = cos_presign::presign_url(o, "exampleobject(\xE8\x85\xBE\xE8\xAE\xAF\xE4\xBA\x91)");
  if (!url) {
    std::cerr << url.error().code << ": " << url.error().message << '\n';
    return 1;
  }
  std::cout << url.value() << '\n';
  if (url.value().find("&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012&") == std::string::npos) {
    std::cerr << "not the signature of Tencent's example\n";
    return 1;
  }
  cos_presign::ExplainOptions e;
  e.headers = o.headers;
  e.now = 1557990000;
  e.secret_key = o.credentials.secret_key;
  const auto explained = cos_presign::explain_url(url.value(), e);
  if (!explained || explained->verified != true || !explained->problems.empty()) {
    std::cerr << "the URL does not explain back and verify\n";
    return 1;
  }
  std::cout << cos_presign::to_json(explained.value()) << '\n';
  return 0;
}
