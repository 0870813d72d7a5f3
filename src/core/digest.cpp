#include "core/digest.h"

#include <mbedtls/platform_util.h>

namespace cospresign {
namespace {

constexpr std::size_t kBlockSize = 64;  // SHA-1 and SHA-256 alike

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

Error crypto_failure() { return Fail(ErrorCode::kCryptoFailure, "digest", "failed inside mbedTLS"); }

constexpr bool kIsSha1(DigestKind k) { return k == DigestKind::kSha1; }

}  // namespace

template <DigestKind K>
DigestState<K>::DigestState() {
  if constexpr (kIsSha1(K)) {
    mbedtls_sha1_init(&context);
  } else {
    mbedtls_sha256_init(&context);
  }
}

template <DigestKind K>
DigestState<K>::~DigestState() {
  wipe_state();
}

template <DigestKind K>
void DigestState<K>::start() {
  if constexpr (kIsSha1(K)) {
    mbedtls_sha1_starts(&context);
  } else {
    mbedtls_sha256_starts(&context, 0);
  }
}

template <DigestKind K>
void DigestState<K>::update(const unsigned char* data, std::size_t size) {
  if constexpr (kIsSha1(K)) {
    mbedtls_sha1_update(&context, data, size);
  } else {
    mbedtls_sha256_update(&context, data, size);
  }
}

template <DigestKind K>
bool DigestState<K>::finish(unsigned char* out) {
  if constexpr (kIsSha1(K)) {
    return mbedtls_sha1_finish(&context, out) == 0;
  } else {
    return mbedtls_sha256_finish(&context, out) == 0;
  }
}

template <DigestKind K>
void DigestState<K>::wipe_state() {
  if constexpr (kIsSha1(K)) {
    mbedtls_sha1_free(&context);  // zeroizes
  } else {
    mbedtls_sha256_free(&context);
  }
}

template <DigestKind K>
Error Hash<K>::digest(std::string_view message, unsigned char* out) {
  state_.start();
  state_.update(bytes(message), message.size());
  const bool ok = state_.finish(out);
  return ok ? Ok() : crypto_failure();
}

template <DigestKind K>
Error Hmac<K>::set_key(std::string_view key) {
  unsigned char block[kBlockSize] = {};
  if (key.size() > kBlockSize) {
    work_.start();
    work_.update(bytes(key), key.size());
    if (!work_.finish(block)) return crypto_failure();
    work_.wipe_state();
  } else {
    for (std::size_t i = 0; i < key.size(); ++i) block[i] = static_cast<unsigned char>(key[i]);
  }
  for (unsigned char& b : block) b ^= 0x36;
  inner_.start();
  inner_.update(block, sizeof block);
  for (unsigned char& b : block) b ^= 0x36 ^ 0x5c;
  outer_.start();
  outer_.update(block, sizeof block);
  wipe(block, sizeof block);
  keyed_ = true;
  return Ok();
}

template <DigestKind K>
Error Hmac<K>::sign(std::string_view message, unsigned char* out) {
  if (!keyed_) return crypto_failure();
  unsigned char inner_digest[kDigestSize<K>];
  work_.copy_from(inner_);
  work_.update(bytes(message), message.size());
  bool ok = work_.finish(inner_digest);
  work_.copy_from(outer_);
  work_.update(inner_digest, sizeof inner_digest);
  ok = work_.finish(out) && ok;
  wipe(inner_digest, sizeof inner_digest);
  return ok ? Ok() : crypto_failure();
}

template <DigestKind K>
void Hmac<K>::clear() {
  inner_.wipe_state();
  outer_.wipe_state();
  work_.wipe_state();
  keyed_ = false;
}

template struct DigestState<DigestKind::kSha1>;
template struct DigestState<DigestKind::kSha256>;
template class Hash<DigestKind::kSha1>;
template class Hash<DigestKind::kSha256>;
template class Hmac<DigestKind::kSha1>;
template class Hmac<DigestKind::kSha256>;

void hex_lower(const unsigned char* in, std::size_t n, char* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (std::size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[in[i] >> 4];
    out[2 * i + 1] = kHex[in[i] & 15];
  }
}

void wipe(void* data, std::size_t size) { mbedtls_platform_zeroize(data, size); }

}  // namespace cospresign
