#include "synthetic/synthetic_frame.h"
#include "synthetic/random.h"

#include <cstdio>
#include <sstream>

#include "core/csv.h"

namespace phieu {
namespace {

const std::vector<std::string> kFamily = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh",
                                          "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
                                          "Dương", "Lý"};
const std::vector<std::string> kMiddle = {"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc",
                                          "Quốc", "Thu", "Xuân"};
const std::vector<std::string> kGiven = {"An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải",
                                         "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh",
                                         "Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân",
                                         "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Việt", "Yến"};
const std::vector<std::string> kProcedures = {
    "Đăng ký khai sinh", "Đăng ký kết hôn", "Chứng thực bản sao từ bản chính",
    "Cấp giấy chứng nhận quyền sử dụng đất", "Đăng ký hộ kinh doanh", "Cấp giấy phép xây dựng",
    "Xác nhận tình trạng hôn nhân"};

}  // namespace

std::string SyntheticFrameCsv(const SyntheticFrameOptions& options) {
  Random random(options.seed);
  int total_weight = 0;
  for (const auto& unit : options.units) total_weight += unit.second;
  std::ostringstream out;
  WriteCsvRecord(out, {"id", "unit", "name", "address", "phone", "procedure", "agency",
                       "completed_on", "collector"});
  for (int i = 0; i < options.records; ++i) {
    int pick = random.Below(total_weight);
    std::size_t u = 0;
    while (pick >= options.units[u].second) pick -= options.units[u++].second;
    const std::string& unit = options.units[u].first;
    char id[32], phone[32], address[64], date[32], collector[32];
    std::snprintf(id, sizeof id, "%s%05d", options.id_prefix.c_str(), i + 1);
    std::snprintf(phone, sizeof phone, "0123%06d", random.Below(1000000));
    std::snprintf(address, sizeof address, "Số %d, Tổ %d, ", 1 + random.Below(200),
                  1 + random.Below(30));
    std::snprintf(date, sizeof date, "2026-%02d-%02d", 1 + random.Below(6), 1 + random.Below(28));
    std::snprintf(collector, sizeof collector, "ĐTV-%02zu", u + 1);
    const std::string name =
        random.Pick(kFamily) + " " + random.Pick(kMiddle) + " " + random.Pick(kGiven);
    WriteCsvRecord(out, {id, unit, name, address + unit, phone, random.Pick(kProcedures),
                         "Bộ phận Một cửa " + unit, date, collector});
  }
  return out.str();
}

}  // namespace phieu
