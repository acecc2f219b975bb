#pragma once
// Generated sampling frames: made-up people (names from common Vietnamese name parts, phone
// numbers in the retired 0123 range, addresses that do not exist) so that tests and `phieu demo`
// never use anyone's real data. Deterministic: the same options give the same bytes.

#include <cstdint>
#include <string>
#include <vector>

namespace phieu {

struct SyntheticFrameOptions {
  int records = 1200;
  std::uint64_t seed = 2026;
  std::string id_prefix = "HS";  // ids are PREFIX + 5 digits
  // Units with their relative weights (unequal on purpose, to show proportional allocation).
  std::vector<std::pair<std::string, int>> units = {
      {"Phường Đông Hòa", 30}, {"Phường Tân Lập", 22}, {"Xã Phú Sơn", 16},
      {"Xã An Thịnh", 14},     {"Phường Hòa Bình", 10}, {"Xã Thạnh Mỹ", 8}};
};

// A frame CSV with header id,unit,name,address,phone,procedure,agency,completed_on,collector.
std::string SyntheticFrameCsv(const SyntheticFrameOptions& options);

}  // namespace phieu
