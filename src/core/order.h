// Sorting by index, stably, with one non-template body: std::sort costs
// ~2.5 KB of wasm per comparator, and the lists sorted here (query
// parameters, headers) are short.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cospresign {

using IndexLess = bool (*)(const void* context, std::uint32_t a, std::uint32_t b);

// order = 0..n-1 sorted by less(context, a, b); equal entries keep their
// input order (a merge sort: O(n log n), so a long list cannot stall it).
void sort_indices(std::vector<std::uint32_t>& order, std::size_t n, IndexLess less, const void* context);

template <class Less>
void sort_indices(std::vector<std::uint32_t>& order, std::size_t n, const Less& less) {
  sort_indices(
      order, n,
      [](const void* context, std::uint32_t a, std::uint32_t b) { return (*static_cast<const Less*>(context))(a, b); },
      &less);
}

}  // namespace cospresign
