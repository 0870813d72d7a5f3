#include "core/digest.h"

#include <mbedtls/platform_util.h>

namespace cospresign {
namespace {

mbedtls_md_type_t md_type(DigestKind kind) {
  return kind == DigestKind::kSha1 ? MBEDTLS_MD_SHA1 : MBEDTLS_MD_SHA256;
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

Error crypto_failure() { return Fail(ErrorCode::kCryptoFailure, "digest", "failed inside mbedTLS"); }

}  // namespace

Hash::Hash(DigestKind kind) {
  mbedtls_md_init(&ctx_);
  ready_ = mbedtls_md_setup(&ctx_, mbedtls_md_info_from_type(md_type(kind)), 0) == 0;
}

Hash::~Hash() { mbedtls_md_free(&ctx_); }

std::size_t Hash::size() const { return mbedtls_md_get_size(mbedtls_md_info_from_ctx(&ctx_)); }

Error Hash::digest(std::string_view message, unsigned char* out) {
  if (!ready_ || mbedtls_md_starts(&ctx_) != 0 ||
      mbedtls_md_update(&ctx_, bytes(message), message.size()) != 0 ||
      mbedtls_md_finish(&ctx_, out) != 0) {
    return crypto_failure();
  }
  return Ok();
}

Hmac::Hmac(DigestKind kind) : kind_(kind) {
  mbedtls_md_init(&ctx_);
  ready_ = mbedtls_md_setup(&ctx_, mbedtls_md_info_from_type(md_type(kind)), 1) == 0;
}

Hmac::~Hmac() { mbedtls_md_free(&ctx_); }

std::size_t Hmac::size() const { return mbedtls_md_get_size(mbedtls_md_info_from_ctx(&ctx_)); }

Error Hmac::set_key(std::string_view key) {
  keyed_ = ready_ && mbedtls_md_hmac_starts(&ctx_, bytes(key), key.size()) == 0;
  return keyed_ ? Ok() : crypto_failure();
}

Error Hmac::sign(std::string_view message, unsigned char* out) {
  // hmac_reset restarts from the stored inner pad: no re-keying per message.
  if (!keyed_ || mbedtls_md_hmac_reset(&ctx_) != 0 ||
      mbedtls_md_hmac_update(&ctx_, bytes(message), message.size()) != 0 ||
      mbedtls_md_hmac_finish(&ctx_, out) != 0) {
    return crypto_failure();
  }
  return Ok();
}

void Hmac::clear() {
  // Freeing zeroizes the pads and hash state; set up again for reuse.
  mbedtls_md_free(&ctx_);
  mbedtls_md_init(&ctx_);
  ready_ = mbedtls_md_setup(&ctx_, mbedtls_md_info_from_type(md_type(kind_)), 1) == 0;
  keyed_ = false;
}

void hex_lower(const unsigned char* in, std::size_t n, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[in[i] >> 4];
    out[2 * i + 1] = kHex[in[i] & 15];
  }
}

void wipe(void* data, std::size_t size) { mbedtls_platform_zeroize(data, size); }

}  // namespace cospresign
