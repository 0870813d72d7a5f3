// The only file that knows it runs in a browser: exposes the core's buffer
// protocol to JS with Embind. Strings cross in bulk through linear memory,
// so a call (a whole batch of URLs included) is one crossing; only integers
// pass through Embind itself.
#include <emscripten/bind.h>

#include <cstdint>

#include "core/request_codec.h"

namespace {

cospresign::RequestCodec codec;

// Where JS finds the response after handleRequest(): {pointer, length}, read
// from linear memory, so a call costs one crossing.
std::uint32_t response_slot[2];

std::uintptr_t reserve_input(std::uint32_t size) {
  return reinterpret_cast<std::uintptr_t>(codec.reserve_input(size));
}

bool handle_request(std::uint32_t size) {
  const bool ok = codec.run(size);
  response_slot[0] = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(codec.response().data()));
  response_slot[1] = static_cast<std::uint32_t>(codec.response().size());
  return ok;
}

std::uintptr_t response_slot_address() { return reinterpret_cast<std::uintptr_t>(response_slot); }

}  // namespace

EMSCRIPTEN_BINDINGS(cos_presign) {
  emscripten::function("reserveInput", &reserve_input);
  emscripten::function("handleRequest", &handle_request);
  emscripten::function("responseSlot", &response_slot_address);
}
