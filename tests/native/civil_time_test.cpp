// Unix seconds to UTC calendar time (src/core/civil_time.h), against dates
// anyone can check (date -u -d @N), and at the ends of int64 without
// overflow (UBSan aborts this build on signed overflow).
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "core/civil_time.h"

namespace cospresign {
namespace {

void expect_time(std::int64_t unix_seconds, std::int64_t year, int month, int day, int hour, int minute, int second) {
  const CivilTime t = civil_time(unix_seconds);
  EXPECT_EQ(t.year, year) << unix_seconds;
  EXPECT_EQ(t.month, month) << unix_seconds;
  EXPECT_EQ(t.day, day) << unix_seconds;
  EXPECT_EQ(t.hour, hour) << unix_seconds;
  EXPECT_EQ(t.minute, minute) << unix_seconds;
  EXPECT_EQ(t.second, second) << unix_seconds;
}

TEST(CivilTime, KnownDates) {
  expect_time(0, 1970, 1, 1, 0, 0, 0);
  expect_time(-1, 1969, 12, 31, 23, 59, 59);
  expect_time(-86400, 1969, 12, 31, 0, 0, 0);
  expect_time(-86401, 1969, 12, 30, 23, 59, 59);
  expect_time(951782400, 2000, 2, 29, 0, 0, 0);
  expect_time(1557989753, 2019, 5, 16, 6, 55, 53);  // Tencent's signing example
  expect_time(253402300799, 9999, 12, 31, 23, 59, 59);
}

TEST(CivilTime, Int64EndsDoNotOverflow) {
  for (const std::int64_t s : {std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::min() + 1,
                               std::numeric_limits<std::int64_t>::max()}) {
    const CivilTime t = civil_time(s);
    EXPECT_GE(t.month, 1);
    EXPECT_LE(t.month, 12);
    EXPECT_GE(t.day, 1);
    EXPECT_LE(t.day, 31);
    EXPECT_GE(t.second, 0);
    EXPECT_LT(t.second, 60);
  }
  // 2^63 - 1 s is 15:30:07 UTC on its day; -2^63 s is 08:29:52.
  const CivilTime max = civil_time(std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(max.hour * 3600 + max.minute * 60 + max.second, 55807);
  const CivilTime min = civil_time(std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(min.hour * 3600 + min.minute * 60 + min.second, 30592);
}

}  // namespace
}  // namespace cospresign
