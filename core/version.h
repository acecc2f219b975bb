#pragma once
// The program's version, shown by `phieu --version` and stored in every database it creates.

#include <string_view>

namespace phieu {

inline constexpr std::string_view kPhieuVersion = "0.1.0";

}  // namespace phieu
