// Thin RAII wrappers over mbedTLS message digests. The only place in the
// core that knows mbedTLS. Key material lives in the contexts held here, and
// every path that drops them (clear(), the destructors) wipes them.
#pragma once

#include <cstddef>
#include <string_view>

#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>

#include "core/error.h"

namespace cospresign {

enum class DigestKind { kSha1, kSha256 };

constexpr std::size_t kMaxDigestSize = 32;

// One running SHA-1 or SHA-256, held inline (no heap allocation), so it can
// be copied to resume from a saved state.
struct DigestState {
  DigestKind kind;
  union {
    mbedtls_sha1_context sha1;
    mbedtls_sha256_context sha256;
  };
  explicit DigestState(DigestKind k);
  ~DigestState();
  DigestState(const DigestState&) = delete;
  DigestState& operator=(const DigestState&) = delete;

  void start();
  void update(const unsigned char* data, std::size_t size);
  bool finish(unsigned char* out);
  void copy_from(const DigestState& other);  // same kind
  void wipe_state();
};

class Hash {
 public:
  explicit Hash(DigestKind kind) : state_(kind) {}

  std::size_t size() const;
  Error digest(std::string_view message, unsigned char* out);

 private:
  DigestState state_;
};

// HMAC (RFC 2104) that keys once: set_key() hashes the padded key blocks a
// single time and keeps those two states, so each sign() costs only the
// message blocks (mbedTLS's md HMAC would re-hash both pad blocks per call).
class Hmac {
 public:
  explicit Hmac(DigestKind kind) : inner_(kind), outer_(kind), work_(kind) {}
  ~Hmac() { clear(); }
  Hmac(const Hmac&) = delete;
  Hmac& operator=(const Hmac&) = delete;

  std::size_t size() const;
  Error set_key(std::string_view key);
  Error sign(std::string_view message, unsigned char* out);
  // Wipes the keyed states now rather than at destruction.
  void clear();

 private:
  DigestState inner_;  // after H(key ^ ipad)
  DigestState outer_;  // after H(key ^ opad)
  DigestState work_;
  bool keyed_ = false;
};

// Lowercase hex of `n` bytes into `out` (2n chars, no terminator).
void hex_lower(const unsigned char* in, std::size_t n, char* out);

// Overwrites memory in a way the compiler cannot drop.
void wipe(void* data, std::size_t size);

}  // namespace cospresign
