// Test helper: builds requests in the core's buffer protocol
// (src/core/request_codec.h) and runs them through a RequestCodec.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/request_codec.h"

namespace cospresign::wire_test {

class Writer {
 public:
  Writer& u8(unsigned char v) {
    bytes.push_back(static_cast<char>(v));
    return *this;
  }
  Writer& u32(std::uint32_t v) {
    for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
    return *this;
  }
  Writer& str(std::string_view s) {
    u32(static_cast<std::uint32_t>(s.size()));
    bytes.append(s);
    return *this;
  }
  std::string bytes;
};

inline bool run(RequestCodec& codec, const std::string& request) {
  unsigned char* in = codec.reserve_input(request.size());
  if (!request.empty()) std::memcpy(in, request.data(), request.size());
  return codec.run(request.size());
}

}  // namespace cospresign::wire_test
