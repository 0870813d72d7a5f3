// cos_presign: errors as values. Every call returns a Result<T>: the value,
// or an Error with the same stable `code` the JS package throws
// ("ERR_EMPTY_KEY", ...). No exceptions are thrown; messages name the option
// at fault and never contain its value (so never a secret).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace cos_presign {

struct Error {
  std::string code;     // "ERR_EMPTY_KEY", ...; empty: no error
  std::string field;    // the option at fault: "key", "expires", "header \"Range\" value", ...
  std::string message;  // "cos-presign: key (#3) must not be empty"
  bool has_index = false;
  std::uint32_t index = 0;  // position in a batch of keys, when has_index
};

template <class T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit, so `return value;` works
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return error_.code.empty(); }
  explicit operator bool() const { return ok(); }
  // The value; meaningful only when ok().
  const T& value() const& { return value_; }
  T& value() & { return value_; }
  T&& value() && { return std::move(value_); }
  const T& operator*() const& { return value_; }
  const T* operator->() const { return &value_; }
  // The error; code is empty when ok().
  const Error& error() const { return error_; }

 private:
  T value_{};
  Error error_;
};

}  // namespace cos_presign
