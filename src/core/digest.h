// Thin RAII wrappers over mbedTLS message digests. The only place in the
// core that knows mbedTLS. Key material lives in the contexts held here, and
// every path that drops them (clear(), the destructors) wipes them.
//
// The algorithm is a template parameter, not a run-time value: a module that
// signs only COS (SHA-1) then links no SHA-256 at all. Both are instantiated
// in digest.cpp; the linker drops the one a module does not use.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>

#include <mbedtls/sha1.h>
#include <mbedtls/sha256.h>

#include "core/error.h"

namespace cospresign {

enum class DigestKind { kSha1, kSha256 };

template <DigestKind K>
constexpr std::size_t kDigestSize = K == DigestKind::kSha1 ? 20 : 32;

// One running SHA-1 or SHA-256, held inline (no heap allocation), so it can
// be copied to resume from a saved state.
template <DigestKind K>
struct DigestState {
  using Context = std::conditional_t<K == DigestKind::kSha1, mbedtls_sha1_context, mbedtls_sha256_context>;
  Context context;

  DigestState();
  ~DigestState();
  DigestState(const DigestState&) = delete;
  DigestState& operator=(const DigestState&) = delete;

  void start();
  void update(const unsigned char* data, std::size_t size);
  bool finish(unsigned char* out);
  void copy_from(const DigestState& other) { context = other.context; }
  void wipe_state();
};

template <DigestKind K>
class Hash {
 public:
  static constexpr std::size_t size() { return kDigestSize<K>; }
  Error digest(std::string_view message, unsigned char* out);

 private:
  DigestState<K> state_;
};

// HMAC (RFC 2104) that keys once: set_key() hashes the padded key blocks a
// single time and keeps those two states, so each sign() costs only the
// message blocks (mbedTLS's md HMAC would re-hash both pad blocks per call).
template <DigestKind K>
class Hmac {
 public:
  Hmac() = default;
  ~Hmac() { clear(); }
  Hmac(const Hmac&) = delete;
  Hmac& operator=(const Hmac&) = delete;

  static constexpr std::size_t size() { return kDigestSize<K>; }
  Error set_key(std::string_view key);
  Error sign(std::string_view message, unsigned char* out);
  // Wipes the keyed states now rather than at destruction.
  void clear();

 private:
  DigestState<K> inner_;  // after H(key ^ ipad)
  DigestState<K> outer_;  // after H(key ^ opad)
  DigestState<K> work_;
  bool keyed_ = false;
};

using HashSha1 = Hash<DigestKind::kSha1>;
using HashSha256 = Hash<DigestKind::kSha256>;
using HmacSha1 = Hmac<DigestKind::kSha1>;
using HmacSha256 = Hmac<DigestKind::kSha256>;

// Lowercase hex of `n` bytes into `out` (2n chars, no terminator).
void hex_lower(const unsigned char* in, std::size_t n, char* out);

// Overwrites memory in a way the compiler cannot drop.
void wipe(void* data, std::size_t size);

}  // namespace cospresign
