// The only file that knows it runs in a browser: exposes the core's buffer
// protocol to JS as three plain wasm exports. Strings cross in bulk through
// linear memory, so a call (a whole batch of URLs included) is one crossing.
//
// Plain exports rather than Embind: the protocol passes only integers, and
// Embind's runtime would add ~6 KB gzip of glue plus a slower call path
// (3.1.6 without dynamic execution), for nothing used here.
#include <emscripten/emscripten.h>

#include <cstdint>

#include "core/request_codec.h"

namespace {

cospresign::RequestCodec codec;

// Where JS finds the response after handle_request(): {pointer, length}, read
// from linear memory, so a call costs one crossing.
std::uint32_t response_slot[2];

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE std::uintptr_t reserve_input(std::uint32_t size) {
  return reinterpret_cast<std::uintptr_t>(codec.reserve_input(size));
}

EMSCRIPTEN_KEEPALIVE int handle_request(std::uint32_t size) {
  const bool ok = codec.run(size);
  response_slot[0] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(codec.response().data()));
  response_slot[1] = static_cast<std::uint32_t>(codec.response().size());
  return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE std::uintptr_t response_slot_address() {
  return reinterpret_cast<std::uintptr_t>(response_slot);
}

}  // extern "C"
