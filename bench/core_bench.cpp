// The ceiling for `npm run bench`: the core's own signing loop with no
// JS/wasm boundary in the way. Built natively (CMake target core_bench) and
// as a bench-only wasm program (core_bench_wasm), never into the shipped
// module. Prints one JSON line: URLs per second for a batch and for
// one-key requests, doing what the module does for presignUrls/presignUrl:
// the shared-parts layout for a batch, the shared tail for one-key requests
// with a SignKey derived once and passed in (as the wrapper caches it).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/cos_url.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

cospresign::PresignRequest bench_request(const char* session_token) {
  // The same options bench/options.js gives every contender.
  cospresign::PresignRequest r;
  r.secret_id = "AKIDbenchbenchbenchbenchbenchbench12";
  r.secret_key = "benchsecretkeybenchsecretkey1234";
  r.session_token = session_token;
  r.key_time = "1700000000;1700000900";
  r.bucket = "examplebucket-1250000000";
  r.region = "ap-guangzhou";
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const int batch_size = 10000;
  // argv: seconds per measurement, session token (bench/options.js gives both).
  const double budget = argc > 1 ? std::atof(argv[1]) : 1.0;
  const char* token = argc > 2 ? argv[2] : "";
  const std::string_view only = argc > 3 ? argv[3] : "";  // "batch" or "single", for profiling
  std::vector<std::string> key_store;
  for (int i = 0; i < batch_size; ++i) key_store.push_back("photos/2024/thumb-" + std::to_string(i) + ".jpg");
  std::vector<std::string_view> keys(key_store.begin(), key_store.end());
  const cospresign::PresignRequest request = bench_request(token);
  std::string out;
  std::size_t checksum = 0;

  // Warm up first: a wasm engine runs baseline code until it has optimized
  // the hot functions (as the JS benchmarks warm up their contenders).
  auto start = Clock::now();
  std::vector<std::string_view> first(keys.begin(), keys.begin() + 100);
  while (seconds_since(start) < 0.25) {
    if (cospresign::presign_urls(request, first, out).failed()) return 1;
    checksum += out.size();
  }

  // Batch: one presign_urls call for 10,000 keys, repeated.
  long batch_urls = 0;
  start = Clock::now();
  while (only != "single" && seconds_since(start) < budget) {
    if (cospresign::presign_urls(request, keys, out, '\n', cospresign::UrlLayout::kSharedParts).failed()) return 1;
    checksum += out.size();
    batch_urls += batch_size;
  }
  const double batch_rate = batch_urls / (seconds_since(start) + 1e-9);

  // Single: one presign_urls call per key, with the SignKey derived once.
  long single_urls = 0;
  std::vector<std::string_view> one(1, keys[0]);
  char sign_key[40];
  if (cospresign::presign_urls(request, one, out, '\n', cospresign::UrlLayout::kSharedTail, sign_key).failed()) return 1;
  cospresign::PresignRequest cached = request;
  cached.sign_key = std::string_view(sign_key, sizeof sign_key);
  start = Clock::now();
  while (only != "batch" && seconds_since(start) < budget) {
    for (int i = 0; i < 1000; ++i) {
      one[0] = keys[(single_urls + i) % batch_size];
      if (cospresign::presign_urls(cached, one, out, '\n', cospresign::UrlLayout::kSharedTail).failed()) return 1;
      checksum += out.size();
    }
    single_urls += 1000;
  }
  const double single_rate = single_urls / (seconds_since(start) + 1e-9);

  std::printf("{\"batchUrlsPerSecond\":%.0f,\"singleUrlsPerSecond\":%.0f,\"batchUrls\":%ld,\"singleUrls\":%ld,"
              "\"checksum\":%zu}\n",
              batch_rate, single_rate, batch_urls, single_urls, checksum);
  return 0;
}
