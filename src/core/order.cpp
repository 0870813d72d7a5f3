#include "core/order.h"

namespace cospresign {

void sort_indices(std::vector<std::uint32_t>& order, std::size_t n, IndexLess less, const void* context) {
  order.resize(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);
  if (n < 2) return;
  // Bottom-up merge of runs of 1, 2, 4, ...; from the right run only when
  // strictly less, which keeps the sort stable.
  std::vector<std::uint32_t> merged(n);
  for (std::size_t width = 1; width < n; width *= 2) {
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = lo + width < n ? lo + width : n;
      const std::size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
      std::size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) merged[k++] = less(context, order[j], order[i]) ? order[j++] : order[i++];
      while (i < mid) merged[k++] = order[i++];
      while (j < hi) merged[k++] = order[j++];
    }
    order.swap(merged);
  }
}

}  // namespace cospresign
