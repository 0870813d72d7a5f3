// The bulk buffer protocol between a host (the JS wrapper) and the core:
// one request in, one response out, so a whole batch crosses the language
// boundary once instead of once per string per URL.
//
// Request: little-endian; str = u32 byte length + UTF-8 bytes;
//          list = u32 count + count * (str name, u8 has_value, str value).
//   op 1, authorization: str secretId, str secretKey, str method, str path,
//                        u8 pathIsPathname, str keyTime, list query, list headers
//   op 2, presign URLs:  str secretId, str secretKey, str sessionToken,
//                        str method, str keyTime, str bucket, str region,
//                        str domain, str protocol, list query, list headers,
//                        u32 keyCount, keyCount * str key
//   op 3, presign SigV4 URLs (src/core/sigv4.h):
//                        str accessKeyId, str secretAccessKey, str sessionToken,
//                        str region, str service, str endpoint, str bucket,
//                        str method, str date (unix seconds, decimal),
//                        str expires (seconds, decimal),
//                        u8 pathStyle (0 auto, 1 path, 2 virtual-hosted),
//                        list query, list headers, u32 keyCount, keyCount * str key
//   Flags or-ed into op 2:
//   0x80 shared tail:    the response gives the query tail all URLs share
//                        (token, parameters) once, + '\n', and each URL
//                        without it (see presign_urls).
//   0x40 SignKey given:  the secretKey field holds the SignKey for keyTime
//                        (40 hex) that a host cached from an earlier call.
//   0x20 SignKey wanted: the response starts with the SignKey derived from
//                        secretKey (40 hex) + '\n'; the host must zero those
//                        bytes in memory once read. Not with 0x40.
//   0x10 shared parts:   the response gives what all URLs share once: the
//                        prefix, the middle and the tail, each + '\n', then
//                        per key its encoded path + 40-hex signature + '\n'
//                        (UrlLayout::kSharedParts in cos_url.h). Not with 0x80.
// Response on success: the authorization, or the URLs each followed by '\n'.
// Response on failure: code \x1f field \x1f message \x1f index.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace cospresign {

enum class RequestOp : unsigned char { kAuthorization = 1, kPresignUrls = 2, kPresignV4Urls = 3 };

// One op: reads the request after its op byte (`flags` are the op byte's
// high bits) and writes the response.
using RequestHandler = Error (*)(const unsigned char* body, std::size_t size, unsigned char flags,
                                 std::string& out);

// The ops a codec answers, null for one left out (ERR_NOT_IN_MODULE). A
// module built with cos_ops() references nothing of SigV4, so the linker
// leaves it all out: a third of the wasm.
struct RequestOps {
  RequestHandler authorization = nullptr;
  RequestHandler presign_urls = nullptr;
  RequestHandler presign_v4_urls = nullptr;
};
RequestOps cos_ops();  // ops 1 and 2
RequestOps all_ops();  // ops 1, 2 and 3

// Bit (1 << op) for each op `ops` answers: what a host may ask for.
unsigned supported_ops_mask(const RequestOps& ops);

// Flags on kPresignUrls (see above).
constexpr unsigned char kSharedTailFlag = 0x80;
constexpr unsigned char kSignKeyGivenFlag = 0x40;
constexpr unsigned char kSignKeyWantedFlag = 0x20;
constexpr unsigned char kSharedPartsFlag = 0x10;
constexpr unsigned char kOpMask = 0x0f;

// Size limits, so that no input can make the core run out of memory (with
// -fno-exceptions a failed allocation aborts, and in wasm the module could be
// left broken): a request's bytes, and the input buffer a host may reserve for
// it (the JS wrapper reserves an upper bound of 3 bytes per UTF-16 unit).
// The response limit is kMaxUrlsBytes in cos_url.h.
constexpr std::size_t kMaxRequestBytes = std::size_t{64} << 20;
constexpr std::size_t kMaxInputBuffer = 3 * kMaxRequestBytes;

class RequestCodec {
 public:
  RequestCodec() : RequestCodec(all_ops()) {}
  explicit RequestCodec(const RequestOps& ops) : ops_(ops) {}
  ~RequestCodec();
  RequestCodec(const RequestCodec&) = delete;
  RequestCodec& operator=(const RequestCodec&) = delete;

  // A buffer of at least `size` bytes for the next request, or null if `size`
  // is over kMaxInputBuffer. Valid until the next reserve_input().
  unsigned char* reserve_input(std::size_t size);

  // Handles the request in the first `size` input bytes, then wipes them
  // (they hold the secret key). Returns false if the response is an error.
  bool run(std::size_t size);

  const std::string& response() const { return response_; }

 private:
  RequestOps ops_;
  std::vector<unsigned char> input_;
  std::string response_;
};

}  // namespace cospresign
