#pragma once
// Collects "FILE:LINE: message" problems up to a limit and folds them into one Status, so that a
// parser can report every bad line of an input instead of only the first.

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace phieu {

// Collects "FILE:LINE: message" problems up to a limit and folds them into one Status.
class ErrorList {
 public:
  ErrorList(std::string_view file_name, std::size_t max_errors)
      : file_name_(file_name), max_errors_(max_errors) {}
  void Add(int line, std::string_view message);
  bool empty() const { return count_ == 0; }
  // Ok when nothing was added; otherwise one line per problem, then "... and N more problems".
  Status ToStatus() const;

 private:
  std::string file_name_;
  std::size_t max_errors_;
  std::size_t count_ = 0;
  std::string text_;
};

}  // namespace phieu
