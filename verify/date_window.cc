#include "verify/date_window.h"

#include "core/text.h"

namespace phieu {

bool DateWindow::Contains(std::string_view date) const {
  return empty() || (date >= from && date <= to);
}

std::string DateWindow::Text() const { return empty() ? "" : from + ".." + to; }

Result<DateWindow> ParseDateWindow(std::string_view text) {
  if (text.empty()) return DateWindow{};
  const std::size_t dots = text.find("..");
  const std::string_view from = text.substr(0, dots);
  const std::string_view to = dots == std::string_view::npos ? "" : text.substr(dots + 2);
  if (!IsIsoDate(from) || !IsIsoDate(to) || to < from) {
    return Status::Error("the window '" + std::string(text) +
                         "' is not FROM..TO with dates as YYYY-MM-DD, FROM not after TO "
                         "(e.g. 2026-03-01..2026-03-31)");
  }
  return DateWindow{std::string(from), std::string(to)};
}

}  // namespace phieu
