// Query-parameter and header canonicalization, from structured arbitrary input.
//   - accepted exactly when a reference validator (written out here) accepts;
//   - on success: URL text, names encoded + lowercased + strictly sorted, each
//     pair's name and value decode back to the caller's (lowercased) name and
//     value, `order` is a permutation;
//   - duplicates are refused exactly when two names sign the same;
//   - the same input canonicalizes the same twice.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/cos_signature.h"
#include "core/text.h"
#include "fuzz_support.h"

using namespace cospresign;
using namespace fuzzsupport;

namespace {

bool tchar(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         (c != 0 && std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos);
}

bool no_control(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; });
}

bool utf8_ok(std::string_view s) { return !check_utf8(s, "x").failed(); }  // fuzzed on its own

bool reference_accepts(const std::vector<Param>& params, ParamKind kind) {
  std::set<std::string> signed_names;
  for (const Param& p : params) {
    if (p.name.empty() || !utf8_ok(p.name) || !no_control(p.name)) return false;
    if (kind == ParamKind::kHeader) {
      if (!std::all_of(p.name.begin(), p.name.end(), [](char c) { return tchar(static_cast<unsigned char>(c)); })) return false;
      if (!p.has_value || !utf8_ok(p.value) || !no_control(p.value)) return false;
      if (!p.value.empty() && (p.value.front() == ' ' || p.value.back() == ' ')) return false;
      // Clients send header values as Latin-1 bytes, never UTF-8: ASCII only.
      if (std::any_of(p.value.begin(), p.value.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) return false;
    } else if (!utf8_ok(p.value)) {
      return false;
    }
    if (!signed_names.insert(reference_encode(p.name, /*lower=*/true)).second) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  const ParamKind kind = fdp.ConsumeBool() ? ParamKind::kHeader : ParamKind::kQuery;
  std::vector<std::string> storage;
  storage.reserve(64);
  std::vector<Param> params;
  const std::size_t count = fdp.ConsumeIntegralInRange<std::size_t>(0, 24);
  for (std::size_t i = 0; i < count && fdp.remaining_bytes() > 0; ++i) {
    storage.push_back(fdp.ConsumeRandomLengthString(32));
    const std::string_view name = storage.back();
    storage.push_back(fdp.ConsumeRandomLengthString(64));
    const std::string_view value = storage.back();
    params.push_back(Param{name, value, fdp.ConsumeProbability<float>() > 0.1f});
  }
  for (Param& p : params) {
    if (!p.has_value) p.value = {};
  }

  CanonicalParams out;
  const Error err = canonicalize(params, kind, out);
  FUZZ_CHECK(err.failed() != reference_accepts(params, kind));
  CanonicalParams again;
  const Error err2 = canonicalize(params, kind, again);
  FUZZ_CHECK(err2.code == err.code && err2.index == err.index);

  if (err.failed()) {
    check_error(err);
    FUZZ_CHECK(err.index < params.size());
    if (err.code == ErrorCode::kDuplicateName) {
      // The index names one of two parameters that really sign the same.
      const std::string mine = reference_encode(params[err.index].name, true);
      std::size_t same = 0;
      for (const Param& p : params) same += reference_encode(p.name, true) == mine;
      FUZZ_CHECK(same >= 2);
    }
    return 0;
  }

  FUZZ_CHECK(out.name_list == again.name_list && out.pairs == again.pairs && out.order == again.order);
  FUZZ_CHECK(is_url_text(out.name_list) && is_url_text(out.pairs));
  std::vector<std::uint32_t> sorted_order = out.order;
  std::sort(sorted_order.begin(), sorted_order.end());
  for (std::uint32_t i = 0; i < sorted_order.size(); ++i) FUZZ_CHECK(sorted_order[i] == i);

  if (params.empty()) {
    FUZZ_CHECK(out.name_list.empty() && out.pairs.empty());
    return 0;
  }
  const auto names = split(out.name_list, ';');
  const auto pairs = split(out.pairs, '&');
  FUZZ_CHECK(names.size() == params.size() && pairs.size() == params.size());
  std::string decoded;
  for (std::size_t k = 0; k < names.size(); ++k) {
    const Param& p = params[out.order[k]];
    if (k > 0) FUZZ_CHECK(names[k - 1] < names[k]);
    FUZZ_CHECK(names[k] == reference_encode(p.name, /*lower=*/true));
    FUZZ_CHECK(percent_decode(names[k], decoded) && decoded == ascii_lower(p.name));
    const std::size_t eq = pairs[k].find('=');
    FUZZ_CHECK(eq != std::string_view::npos);
    FUZZ_CHECK(pairs[k].substr(0, eq) == names[k]);
    FUZZ_CHECK(percent_decode(pairs[k].substr(eq + 1), decoded) && decoded == p.value);
  }
  return 0;
}
