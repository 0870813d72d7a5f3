// Unix seconds to a UTC calendar date and time (proleptic Gregorian, H.
// Hinnant's days-to-civil algorithm), for every place that prints a time:
// SigV4's X-Amz-Date, the explainer's messages and the CLI.
#pragma once

#include <cstdint>

namespace cospresign {

struct CivilTime {
  std::int64_t year;
  int month, day, hour, minute, second;
};

inline CivilTime civil_time(std::int64_t unix_seconds) {
  // Floor division by remainder, never negating: -INT64_MIN overflows, and
  // days * 86400 would too at that end.
  std::int64_t days = unix_seconds / 86400;
  std::int64_t secs = unix_seconds % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return CivilTime{yoe + era * 400 + (month <= 2 ? 1 : 0), static_cast<int>(month), static_cast<int>(day),
                   static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60)};
}

}  // namespace cospresign
