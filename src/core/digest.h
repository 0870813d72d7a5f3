// Thin RAII wrappers over mbedTLS message digests. The only place in the
// core that knows mbedTLS. Key material lives inside mbedTLS contexts, and
// mbedtls_md_free wipes them, so destroying a wrapper wipes its key.
#pragma once

#include <cstddef>
#include <string_view>

#include <mbedtls/md.h>

#include "core/error.h"

namespace cospresign {

enum class DigestKind { kSha1, kSha256 };

constexpr std::size_t kMaxDigestSize = 32;

class Hash {
 public:
  explicit Hash(DigestKind kind);
  ~Hash();
  Hash(const Hash&) = delete;
  Hash& operator=(const Hash&) = delete;

  std::size_t size() const;
  Error digest(std::string_view message, unsigned char* out);

 private:
  mbedtls_md_context_t ctx_;
  bool ready_ = false;
};

class Hmac {
 public:
  explicit Hmac(DigestKind kind);
  ~Hmac();
  Hmac(const Hmac&) = delete;
  Hmac& operator=(const Hmac&) = delete;

  std::size_t size() const;
  // Keys the context once; every sign() afterwards reuses the keyed state.
  Error set_key(std::string_view key);
  Error sign(std::string_view message, unsigned char* out);
  // Wipes the key now rather than at destruction.
  void clear();

 private:
  mbedtls_md_context_t ctx_;
  DigestKind kind_;
  bool ready_ = false;
  bool keyed_ = false;
};

// Lowercase hex of `n` bytes into `out` (2n chars, no terminator).
void hex_lower(const unsigned char* in, std::size_t n, char* out);

// Overwrites memory in a way the compiler cannot drop.
void wipe(void* data, std::size_t size);

}  // namespace cospresign
