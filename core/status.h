#pragma once
// Status and Result<T>: how an operation reports an operational failure (missing file, bad CSV,
// newer database ...). Messages put the context first ("samples.csv:14: id 'S0042' appears
// twice") so they can be shown to a user as they are. Misuse (value() of a failed Result) is a
// bug and throws std::logic_error.

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace phieu {

class Status {
 public:
  // A successful status.
  Status() = default;
  static Status Ok() { return Status(); }
  // A failure with a message for the user; the message must not be empty.
  static Status Error(std::string message) {
    if (message.empty()) throw std::logic_error("Status::Error with an empty message");
    Status s;
    s.message_ = std::move(message);
    return s;
  }
  // A failure caused by how the command was asked (an output path that would replace an input):
  // the same as Error(), but the CLI exits 2, as for any other usage error.
  static Status UsageError(std::string message) {
    Status s = Error(std::move(message));
    s.usage_ = true;
    return s;
  }

  bool ok() const { return message_.empty(); }
  // The failure's message; empty when ok().
  const std::string& message() const { return message_; }
  // Whether the failure is a usage error (UsageError()).
  bool usage_error() const { return usage_; }
  // The same failure with `context` put first ("context: message"); ok stays ok.
  Status WithContext(std::string_view context) const {
    if (ok()) return *this;
    Status s = Error(std::string(context) + ": " + message_);
    s.usage_ = usage_;
    return s;
  }

 private:
  std::string message_;
  bool usage_ = false;
};

// Either a value or a failed Status.
template <typename T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}  // NOLINT: implicit by design, like StatusOr
  Result(Status status) : data_(std::move(status)) {  // NOLINT
    if (std::get<Status>(data_).ok()) throw std::logic_error("Result built from an ok Status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }
  // Ok when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  const T& value() const& {
    CheckValue();
    return std::get<T>(data_);
  }
  T& value() & {
    CheckValue();
    return std::get<T>(data_);
  }
  T&& value() && {
    CheckValue();
    return std::get<T>(std::move(data_));
  }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }

 private:
  void CheckValue() const {
    if (!ok()) {
      throw std::logic_error("Result::value() on a failure: " + std::get<Status>(data_).message());
    }
  }
  std::variant<T, Status> data_;
};

}  // namespace phieu

// Returns the status from the enclosing function when it is a failure.
#define PHIEU_RETURN_IF_ERROR(expr)            \
  do {                                         \
    ::phieu::Status phieu_status_ = (expr);    \
    if (!phieu_status_.ok()) return phieu_status_; \
  } while (0)
