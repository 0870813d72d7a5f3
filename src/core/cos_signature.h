// The COS v5 request signature (q-sign-algorithm=sha1), as Tencent documents
// it: https://cloud.tencent.com/document/product/436/7778
//
//   SignKey      = hex(HMAC-SHA1(SecretKey, KeyTime))   -- used as 40 hex chars
//   HttpString   = method \n path \n params \n headers \n  (decoded path)
//   StringToSign = sha1 \n KeyTime \n hex(SHA1(HttpString)) \n
//   Signature    = hex(HMAC-SHA1(SignKey, StringToSign))
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/digest.h"
#include "core/error.h"

namespace cospresign {

// One query parameter or header. A parameter without a value signs as "k=".
struct Param {
  std::string_view name;
  std::string_view value;
  bool has_value = true;
};

enum class ParamKind { kQuery, kHeader };

// A parameter or header list in COS canonical form.
struct CanonicalParams {
  std::string name_list;         // "a;b": encoded, lowercased, sorted
  std::string pairs;             // "a=1&b=2": as signed
  std::vector<std::uint32_t> order;  // input indices in signed order
};

// Validates and canonicalizes. Names are percent-encoded then lowercased,
// values percent-encoded, sorted by encoded name; names that would sign the
// same are refused rather than silently signed twice.
Error canonicalize(const std::vector<Param>& params, ParamKind kind, CanonicalParams& out);

// "start;end": two unix-second integers, start <= end.
Error parse_key_time(std::string_view key_time, std::uint64_t& start, std::uint64_t& end);

// Method as signed: ASCII letters only, lowercased.
Error normalize_method(std::string_view method, std::string& out);

// SecretId goes into the Authorization verbatim, so only URL-safe bytes.
Error check_secret_id(std::string_view secret_id);

// Derives the SignKey once per (SecretKey, KeyTime) and signs any number of
// requests with it. The SecretKey is not kept; the SignKey is wiped on
// destruction or clear().
class CosSigner {
 public:
  CosSigner() = default;
  ~CosSigner();
  CosSigner(const CosSigner&) = delete;
  CosSigner& operator=(const CosSigner&) = delete;

  Error init(std::string_view secret_key, std::string_view key_time);
  // As init(), from a SignKey derived earlier for this key_time (40 lowercase
  // hex), e.g. one a host cached; skips the derivation.
  Error init_with_sign_key(std::string_view sign_key_hex, std::string_view key_time);
  // After init(): the SignKey it derived, 40 hex chars, for a host to cache.
  // Wiped with the signer.
  std::string_view sign_key() const { return std::string_view(sign_key_hex_, sign_key_size_); }

  // method must already be lowercase; path is the decoded path with its
  // leading '/'. Writes 40 lowercase hex characters to signature_hex.
  Error sign(std::string_view method, std::string_view path, std::string_view params,
             std::string_view headers, char* signature_hex);

  void clear();

 private:
  HmacSha1 sign_key_hmac_;
  HashSha1 sha1_;
  std::string key_time_;
  char sign_key_hex_[40] = {};
  std::size_t sign_key_size_ = 0;
  std::string http_string_;
  std::string string_to_sign_;
};

// "q-sign-algorithm=sha1&q-ak=...&q-signature=..." as COS takes it in the
// Authorization header.
void append_authorization(std::string& out, std::string_view secret_id, std::string_view key_time,
                          std::string_view header_list, std::string_view param_list,
                          std::string_view signature_hex);

struct AuthorizationRequest {
  std::string_view secret_id;
  std::string_view secret_key;
  std::string_view method;
  std::string_view path;      // object key or pathname; '/' is prepended if missing
  bool path_is_pathname = false;  // a pathname may be "/" (bucket-level requests)
  std::string_view key_time;
  std::vector<Param> query;
  std::vector<Param> headers;
};

// The Authorization value for one request; signs every header given.
Error build_authorization(const AuthorizationRequest& request, std::string& out);

}  // namespace cospresign
