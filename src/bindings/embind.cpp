// The only file that knows it runs in a browser: exposes the core's buffer
// protocol to JS with Embind. Strings cross in bulk through linear memory,
// so a call (a whole batch of URLs included) is one crossing; only integers
// pass through Embind itself.
#include <emscripten/bind.h>

#include <cstdarg>
#include <cstdint>

#include "core/request_codec.h"

namespace {

// CMake builds this file twice: the COS module (ops 1-2) and, with
// COS_PRESIGN_SIGV4=1, the module that adds SigV4 (op 3).
#if COS_PRESIGN_SIGV4
const cospresign::RequestOps kOps = cospresign::all_ops();
#else
const cospresign::RequestOps kOps = cospresign::cos_ops();
#endif
cospresign::RequestCodec codec(kOps);

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

// Bit (1 << op) per op this module answers, so the wrapper can say which
// module to load instead of sending a request the core would refuse.
unsigned supported_ops() { return cospresign::supported_ops_mask(kOps); }

}  // namespace

EMSCRIPTEN_BINDINGS(cos_presign) {
  emscripten::function("reserveInput", &reserve_input);
  emscripten::function("handleRequest", &handle_request);
  emscripten::function("responseSlot", &response_slot_address);
  emscripten::function("supportedOps", &supported_ops);
}

// Embind's __getTypeName formats a type_info pointer with sprintf("%p") (for
// messages about unbound types, which this module has none of), and that one
// call links all of printf: 2.5 KB of the gzipped module. Nothing else here
// formats text, so these stand in for libc's sprintf family (all three names
// live in one libc object) and know only "%p"; any other format gets an
// empty string and -1, never a wrong one.
namespace {

int format_pointer_only(char* out, const char* format, va_list args) {
  out[0] = '\0';
  if (format[0] != '%' || format[1] != 'p' || format[2] != '\0') return -1;
  const auto value = reinterpret_cast<std::uintptr_t>(va_arg(args, void*));
  static const char kHex[] = "0123456789abcdef";
  int n = 0;
  out[n++] = '0';
  out[n++] = 'x';
  for (int shift = 8 * sizeof value - 4; shift >= 0; shift -= 4) out[n++] = kHex[(value >> shift) & 15];
  out[n] = '\0';
  return n;
}

}  // namespace

#define COS_PRESIGN_POINTER_SPRINTF(name)                        \
  extern "C" int name(char* out, const char* format, ...) {      \
    va_list args;                                                \
    va_start(args, format);                                      \
    const int n = format_pointer_only(out, format, args);        \
    va_end(args);                                                \
    return n;                                                    \
  }
COS_PRESIGN_POINTER_SPRINTF(sprintf)
COS_PRESIGN_POINTER_SPRINTF(siprintf)
COS_PRESIGN_POINTER_SPRINTF(__small_sprintf)
