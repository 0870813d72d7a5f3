// cos_presign: errors as values. Every call that can fail returns a
// Result<T>: the value, or an Error with the same stable `code` the JS
// package throws ("ERR_EMPTY_KEY", ...); to_json() cannot fail and returns
// its string. No exceptions are thrown; messages name the option at fault and
// never contain its value (so never a secret).
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
  // An Error always means failure: one built without a code gets
  // "ERR_INTERNAL", so it can never read as success.
  Result(Error error) : error_(std::move(error)) {  // NOLINT
    if (error_.code.empty()) error_.code = "ERR_INTERNAL";
  }

  // "No error", not the value: for Result<bool> (verify_url) test value() too.
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
