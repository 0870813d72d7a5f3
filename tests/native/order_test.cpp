#include "core/order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace cospresign {
namespace {

TEST(SortIndices, EmptyAndSingle) {
  std::vector<std::uint32_t> order = {7, 8, 9};
  sort_indices(order, 0, [](std::uint32_t, std::uint32_t) { return false; });
  EXPECT_TRUE(order.empty());
  sort_indices(order, 1, [](std::uint32_t, std::uint32_t) { return false; });
  EXPECT_EQ(order, std::vector<std::uint32_t>{0});
}

TEST(SortIndices, OrdersByTheComparator) {
  const std::vector<std::string> names = {"range", "host", "content-type", "x-cos-a", "if-match"};
  std::vector<std::uint32_t> order;
  sort_indices(order, names.size(), [&](std::uint32_t a, std::uint32_t b) { return names[a] < names[b]; });
  EXPECT_EQ(order, (std::vector<std::uint32_t>{2, 1, 4, 0, 3}));
}

// Against std::stable_sort, the independent reference: random lengths
// (odd ones and powers of two exercise the partial runs) with many ties.
TEST(SortIndices, MatchesStableSortWithTies) {
  std::mt19937 rng(20261201);
  for (int round = 0; round < 500; ++round) {
    const std::size_t n = rng() % 70;
    std::vector<int> keys(n);
    for (int& k : keys) k = static_cast<int>(rng() % 8);
    const auto less = [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; };
    std::vector<std::uint32_t> expected(n);
    for (std::size_t i = 0; i < n; ++i) expected[i] = static_cast<std::uint32_t>(i);
    std::stable_sort(expected.begin(), expected.end(), less);
    std::vector<std::uint32_t> order;
    sort_indices(order, n, less);
    ASSERT_EQ(order, expected) << "n=" << n;
  }
}

TEST(SortIndices, LongListIsNotQuadratic) {
  // 200,000 entries in reverse: an insertion sort would take minutes.
  const std::size_t n = 200000;
  std::vector<std::uint32_t> order;
  sort_indices(order, n, [](std::uint32_t a, std::uint32_t b) { return a > b; });
  ASSERT_EQ(order.size(), n);
  EXPECT_EQ(order.front(), n - 1);
  EXPECT_EQ(order.back(), 0u);
}

}  // namespace
}  // namespace cospresign
