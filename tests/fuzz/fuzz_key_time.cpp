// Key-time parsing ("start;end" in unix seconds), on arbitrary bytes.
// Accepted exactly when a reference (std::from_chars on the two parts, with
// the documented rules, end after start) accepts, with the same values;
// CosSigner::init agrees.
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/cos_signature.h"
#include "fuzz_support.h"

using namespace cospresign;
using namespace fuzzsupport;

namespace {

// A whole number: 1-15 decimal digits, no sign, no leading zero.
bool reference_number(std::string_view s, std::uint64_t& value) {
  if (s.empty() || s.size() > 15 || (s.size() > 1 && s[0] == '0')) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  const auto r = std::from_chars(s.data(), s.data() + s.size(), value);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  std::uint64_t start = 7, end = 9;
  const Error err = parse_key_time(in, start, end);

  const std::size_t semi = in.find(';');
  std::uint64_t ref_start = 0, ref_end = 0;
  const bool well_formed = semi != std::string_view::npos && reference_number(in.substr(0, semi), ref_start) &&
                           reference_number(in.substr(semi + 1), ref_end);
  if (!well_formed) {
    FUZZ_CHECK(err.code == ErrorCode::kInvalidKeyTime);
  } else if (ref_start >= ref_end) {  // an empty window is refused too
    FUZZ_CHECK(err.code == ErrorCode::kTimeOrder);
  } else {
    FUZZ_CHECK(!err.failed());
    FUZZ_CHECK(start == ref_start && end == ref_end);
  }
  if (err.failed()) {
    check_error(err);
    FUZZ_CHECK(start == 7 && end == 9);  // outputs untouched on failure
  }

  CosSigner signer;
  const Error init = signer.init("secret", in);
  FUZZ_CHECK(init.code == err.code);
  return 0;
}
