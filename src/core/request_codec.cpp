#include "core/request_codec.h"

#include <cstdint>
#include <string>

#include "core/cos_signature.h"
#include "core/cos_url.h"
#include "core/digest.h"
#include "core/error.h"
#include "core/sigv4.h"

namespace cospresign {
namespace {

class WireReader {
 public:
  WireReader(const unsigned char* data, std::size_t size) : p_(data), end_(data + size) {}

  bool ok() const { return ok_; }
  bool at_end() const { return p_ == end_; }

  std::uint8_t u8() {
    if (!ok_ || end_ - p_ < 1) return fail(), 0;
    return *p_++;
  }

  std::uint32_t u32() {
    if (!ok_ || end_ - p_ < 4) return fail(), 0;
    const std::uint32_t v = static_cast<std::uint32_t>(p_[0]) | static_cast<std::uint32_t>(p_[1]) << 8 |
                            static_cast<std::uint32_t>(p_[2]) << 16 | static_cast<std::uint32_t>(p_[3]) << 24;
    p_ += 4;
    return v;
  }

  std::string_view str() {
    const std::uint32_t n = u32();
    if (!ok_ || static_cast<std::size_t>(end_ - p_) < n) return fail(), std::string_view();
    const std::string_view s(reinterpret_cast<const char*>(p_), n);
    p_ += n;
    return s;
  }

  // u32 count + count * str.
  std::vector<std::string_view> keys() {
    const std::uint32_t count = u32();
    std::vector<std::string_view> list;
    // Each key takes at least 4 bytes: refuse counts the buffer cannot hold.
    if (!ok_ || static_cast<std::size_t>(end_ - p_) / 4 < count) return fail(), list;
    list.reserve(count);
    for (std::uint32_t i = 0; i < count && ok_; ++i) list.push_back(str());
    return list;
  }

  std::vector<Param> params() {
    const std::uint32_t n = u32();
    // Each entry takes at least 9 bytes: refuse counts the buffer cannot hold.
    if (!ok_ || static_cast<std::size_t>(end_ - p_) / 9 < n) return fail(), std::vector<Param>();
    std::vector<Param> list(n);
    for (Param& p : list) {
      p.name = str();
      p.has_value = u8() != 0;
      p.value = str();
    }
    return list;
  }

 private:
  void fail() { ok_ = false; }
  const unsigned char* p_;
  const unsigned char* end_;
  bool ok_ = true;
};

Error malformed() { return Fail(ErrorCode::kMalformedRequest, "request", "buffer is malformed"); }

Error run_authorization(const unsigned char* body, std::size_t size, unsigned char flags, std::string& out) {
  if (flags != 0) return malformed();
  WireReader in(body, size);
  AuthorizationRequest r;
  r.secret_id = in.str();
  r.secret_key = in.str();
  r.method = in.str();
  r.path = in.str();
  r.path_is_pathname = in.u8() != 0;
  r.key_time = in.str();
  r.query = in.params();
  r.headers = in.params();
  if (!in.ok() || !in.at_end()) return malformed();
  return build_authorization(r, out);
}

Error run_presign(const unsigned char* body, std::size_t size, unsigned char flags, std::string& out) {
  if ((flags & kSignKeyGivenFlag) && (flags & kSignKeyWantedFlag)) return malformed();
  if ((flags & kSharedPartsFlag) && (flags & kSharedTailFlag)) return malformed();
  WireReader in(body, size);
  PresignRequest r;
  r.secret_id = in.str();
  (flags & kSignKeyGivenFlag ? r.sign_key : r.secret_key) = in.str();
  r.session_token = in.str();
  r.method = in.str();
  r.key_time = in.str();
  r.bucket = in.str();
  r.region = in.str();
  r.domain = in.str();
  r.protocol = in.str();
  r.query = in.params();
  r.headers = in.params();
  const std::vector<std::string_view> keys = in.keys();
  if (!in.ok() || !in.at_end()) return malformed();
  const UrlLayout layout = flags & kSharedPartsFlag ? UrlLayout::kSharedParts
                           : flags & kSharedTailFlag ? UrlLayout::kSharedTail
                                                     : UrlLayout::kWhole;
  if (!(flags & kSignKeyWantedFlag)) return presign_urls(r, keys, out, '\n', layout);
  char sign_key[40];
  const Error err = presign_urls(r, keys, out, '\n', layout, sign_key);
  if (!err.failed()) out.insert(0, sign_key, sizeof sign_key).insert(sizeof sign_key, 1, '\n');
  wipe(sign_key, sizeof sign_key);
  return err;
}

Error run_presign_v4(const unsigned char* body, std::size_t size, unsigned char flags, std::string& out) {
  if (flags != 0) return malformed();
  WireReader in(body, size);
  V4PresignRequest r;
  r.access_key_id = in.str();
  r.secret_access_key = in.str();
  r.session_token = in.str();
  r.region = in.str();
  r.service = in.str();
  r.endpoint = in.str();
  r.bucket = in.str();
  r.method = in.str();
  r.date = in.str();
  r.expires = in.str();
  const std::uint8_t path_style = in.u8();
  if (path_style > 2) return malformed();
  r.path_style = static_cast<PathStyle>(path_style);
  r.query = in.params();
  r.headers = in.params();
  const std::vector<std::string_view> keys = in.keys();
  if (!in.ok() || !in.at_end()) return malformed();
  return presign_v4_urls(r, keys, out);
}

void write_error(const Error& err, std::string& out) {
  out.assign(error_code_name(err.code));
  out.push_back('\x1f');
  out.append(err.field);
  out.push_back('\x1f');
  out.append(err.message);
  out.push_back('\x1f');
  // By hand: std::to_string pulls printf into the module (~3 KB).
  char digits[10];
  int n = 0;
  std::uint32_t v = err.index;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  while (n > 0) out.push_back(digits[--n]);
}

}  // namespace

RequestOps cos_ops() {
  RequestOps ops;
  ops.authorization = &run_authorization;
  ops.presign_urls = &run_presign;
  return ops;
}

RequestOps all_ops() {
  RequestOps ops = cos_ops();
  ops.presign_v4_urls = &run_presign_v4;
  return ops;
}

unsigned supported_ops_mask(const RequestOps& ops) {
  return (ops.authorization ? 1u << 1 : 0u) | (ops.presign_urls ? 1u << 2 : 0u) | (ops.presign_v4_urls ? 1u << 3 : 0u);
}

RequestCodec::~RequestCodec() { wipe(input_.data(), input_.size()); }

unsigned char* RequestCodec::reserve_input(std::size_t size) {
  if (size > kMaxInputBuffer) return nullptr;
  if (size == 0) size = 1;  // never hand out a null buffer for an empty request
  if (size > input_.size()) {
    // Wipe before the old block is freed: it may have held a secret.
    wipe(input_.data(), input_.size());
    std::vector<unsigned char>(size).swap(input_);
  }
  return input_.data();
}

bool RequestCodec::run(std::size_t size) {
  Error err;
  if (size > input_.size()) {
    err = malformed();
  } else if (size > kMaxRequestBytes) {
    err = Fail(ErrorCode::kTooLarge, "request", "is over 64 MiB as UTF-8: split it into smaller calls");
  } else {
    const std::uint8_t op_byte = size > 0 ? input_[0] : 0;
    const std::uint8_t flags = op_byte & static_cast<std::uint8_t>(~kOpMask);
    RequestHandler handler = nullptr;
    switch (static_cast<RequestOp>(op_byte & kOpMask)) {
      case RequestOp::kAuthorization: handler = ops_.authorization; break;
      case RequestOp::kPresignUrls: handler = ops_.presign_urls; break;
      case RequestOp::kPresignV4Urls:
        handler = ops_.presign_v4_urls;
        if (handler == nullptr) {
          err = Fail(ErrorCode::kNotInModule, "signature", "SigV4 is not in this build of the module");
        }
        break;
      default: break;
    }
    if (handler != nullptr) {
      err = handler(input_.data() + 1, size - 1, flags, response_);
    } else if (!err.failed()) {
      err = malformed();
    }
  }
  wipe(input_.data(), size < input_.size() ? size : input_.size());
  if (err.failed()) {
    write_error(err, response_);
    return false;
  }
  return true;
}

}  // namespace cospresign
