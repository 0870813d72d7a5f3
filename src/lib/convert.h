// What every facade call needs: public options -> core views, the signed
// window -> a COS key time, core errors -> public errors named the way the
// JS package names them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/cos_signature.h"
#include "core/error.h"
#include "cos_presign/cos.h"
#include "cos_presign/result.h"

namespace cos_presign {
namespace detail {

// Views into `params`, which must outlive the result.
std::vector<cospresign::Param> core_params(const std::vector<Param>& params);

// "cos-presign: {field}[ (#index)] {message}", as web/errors.js words it.
Error make_error(std::string code, std::string field, const std::string& message, bool has_index = false,
                 std::uint32_t index = 0);

// A core error: a query or header is named by its name (never its value); a
// key's index is kept only for batches.
Error from_core(const cospresign::Error& e, const std::vector<Param>& query, const std::vector<Param>& headers,
                bool batch);

std::int64_t now_seconds();

// JSON.stringify of a name, as the JS package quotes it in a field.
std::string json_quoted(const std::string& s);

// Unix seconds for an option: whole, >= 0, and not milliseconds.
bool check_unix_seconds(std::int64_t v, const char* field, Error& error);

// The COS "start;end" for a window (JS keyTimeOf()).
Result<std::string> key_time_of(const TimeWindow& window);

}  // namespace detail
}  // namespace cos_presign
