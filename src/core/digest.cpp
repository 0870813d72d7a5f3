#include "core/digest.h"

#include <mbedtls/platform_util.h>

namespace cospresign {
namespace {

constexpr std::size_t kBlockSize = 64;  // SHA-1 and SHA-256 alike

std::size_t digest_size(DigestKind kind) { return kind == DigestKind::kSha1 ? 20 : 32; }

const unsigned char* bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

Error crypto_failure() { return Fail(ErrorCode::kCryptoFailure, "digest", "failed inside mbedTLS"); }

}  // namespace

DigestState::DigestState(DigestKind k) : kind(k) {
  if (kind == DigestKind::kSha1) {
    mbedtls_sha1_init(&sha1);
  } else {
    mbedtls_sha256_init(&sha256);
  }
}

DigestState::~DigestState() { wipe_state(); }

void DigestState::start() {
  if (kind == DigestKind::kSha1) {
    mbedtls_sha1_starts(&sha1);
  } else {
    mbedtls_sha256_starts(&sha256, 0);
  }
}

void DigestState::update(const unsigned char* data, std::size_t size) {
  if (kind == DigestKind::kSha1) {
    mbedtls_sha1_update(&sha1, data, size);
  } else {
    mbedtls_sha256_update(&sha256, data, size);
  }
}

bool DigestState::finish(unsigned char* out) {
  return (kind == DigestKind::kSha1 ? mbedtls_sha1_finish(&sha1, out) : mbedtls_sha256_finish(&sha256, out)) == 0;
}

void DigestState::copy_from(const DigestState& other) {
  if (kind == DigestKind::kSha1) {
    sha1 = other.sha1;
  } else {
    sha256 = other.sha256;
  }
}

void DigestState::wipe_state() {
  if (kind == DigestKind::kSha1) {
    mbedtls_sha1_free(&sha1);  // zeroizes
  } else {
    mbedtls_sha256_free(&sha256);
  }
}

std::size_t Hash::size() const { return digest_size(state_.kind); }

Error Hash::digest(std::string_view message, unsigned char* out) {
  state_.start();
  state_.update(bytes(message), message.size());
  const bool ok = state_.finish(out);
  return ok ? Ok() : crypto_failure();
}

std::size_t Hmac::size() const { return digest_size(inner_.kind); }

Error Hmac::set_key(std::string_view key) {
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

Error Hmac::sign(std::string_view message, unsigned char* out) {
  if (!keyed_) return crypto_failure();
  unsigned char inner_digest[kMaxDigestSize];
  const std::size_t n = size();
  work_.copy_from(inner_);
  work_.update(bytes(message), message.size());
  bool ok = work_.finish(inner_digest);
  work_.copy_from(outer_);
  work_.update(inner_digest, n);
  ok = work_.finish(out) && ok;
  wipe(inner_digest, sizeof inner_digest);
  return ok ? Ok() : crypto_failure();
}

void Hmac::clear() {
  inner_.wipe_state();
  outer_.wipe_state();
  work_.wipe_state();
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
