#pragma once
// The fieldwork window: pages received outside it do not count (verify/verdict.h).

#include <string>
#include <string_view>

#include "core/status.h"

namespace phieu {

// An inclusive range of ISO dates; empty = no window.
struct DateWindow {
  std::string from, to;
  bool empty() const { return from.empty(); }
  bool Contains(std::string_view date) const;
  std::string Text() const;  // "FROM..TO" or ""
};
// Reads "YYYY-MM-DD..YYYY-MM-DD" ("" = no window).
Result<DateWindow> ParseDateWindow(std::string_view text);

}  // namespace phieu
