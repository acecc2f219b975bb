#include "core/error_list.h"

namespace phieu {

void ErrorList::Add(int line, std::string_view message) {
  ++count_;
  if (count_ > max_errors_) return;
  if (!text_.empty()) text_ += '\n';
  text_ += file_name_ + ":" + std::to_string(line) + ": " + std::string(message);
}

Status ErrorList::ToStatus() const {
  if (count_ == 0) return Status::Ok();
  std::string text = text_;
  if (count_ > max_errors_) {
    text += "\n... and " + std::to_string(count_ - max_errors_) + " more problem(s)";
  }
  return Status::Error(text);
}

}  // namespace phieu
