// The collectors' delivery list as they get it: rendered from hand-made rows whose truth is known,
// read back with poppler's pdftotext, never with phieu's own code.

#include "forms/delivery_list.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace phieu {
namespace {

namespace fs = std::filesystem;

// The text of page `page` (0 = every page) of `pdf`, by pdftotext -layout.
std::string PdfText(const std::string& pdf, int page = 0) {
  const fs::path path =
      fs::temp_directory_path() / ("phieu-delivery-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string range = page > 0 ? " -f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  std::string text;
  if (FILE* pipe =
          popen(("pdftotext -layout -enc UTF-8" + range + " '" + path.string() + "' - 2>/dev/null")
                    .c_str(),
                "r")) {
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, n);
    pclose(pipe);
  }
  fs::remove(path);
  return text;
}

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
    ++count;
  return count;
}

// Lan carries five forms in two units, given out of route order; Minh carries one, a reserve.
std::vector<DeliveryRow> Rows() {
  return {
      {"ĐTV-01 Lan", "AAA-111-AAA", "Nguyễn Văn An", "Số 12, Tổ 3", "Phường B", false,
       "0123000001"},
      {"ĐTV-01 Lan", "BBB-222-BBB", "Trần Thị Bình", "Số 9, Tổ 3", "Phường B", false, "0123000002"},
      {"ĐTV-02 Minh", "CCC-333-CCC", "Lê Văn Cường", "Số 1, Tổ 1", "Phường A", true, ""},
      {"ĐTV-01 Lan", "DDD-444-DDD", "Phạm Thị Dung", "Số 100, Tổ 1", "Phường A", false,
       "0123000004"},
      {"ĐTV-01 Lan", "EEE-555-EEE", "Đỗ Văn Em", "Số 2, Tổ 1", "Phường A", false, "0123000005"},
      {"ĐTV-01 Lan", "FFF-666-FFF", "Hoàng Thị Phương", "Số 30, Tổ 1", "Phường A", false,
       "0123000006"}};
}

TEST(DeliveryListTest, RowsFollowTheRouteWithPhonesAndACollectorTotalEqualToTheirRows) {
  const auto pdf = RenderDeliveryList(Rows(), "Khảo sát SIPAS 2026");
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string text = PdfText(*pdf);
  for (const char* want :
       {"Điện thoại", "Không phát được vì", "0123000001", "0123000006", "chuyển đi nơi khác",
        "vắng nhà", "từ chối", "không tìm thấy địa chỉ", "khác (ghi rõ)"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  // Lan's list: unit A before unit B, and within a unit by house number (2, 30, 100; 9, 12).
  std::vector<std::size_t> at;
  for (const char* code :
       {"EEE-555-EEE", "FFF-666-FFF", "DDD-444-DDD", "BBB-222-BBB", "AAA-111-AAA"}) {
    at.push_back(text.find(code));
    ASSERT_NE(at.back(), std::string::npos) << code;
  }
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end())) << text;
  // Each collector's total is their number of rows.
  EXPECT_EQ(Count(text, "Cộng"), 2u) << text;
  EXPECT_NE(text.find("Tổng số phiếu nhận để phát: 5 phiếu."), std::string::npos) << text;
  EXPECT_NE(text.find("Tổng số phiếu nhận để phát: 1 phiếu (trong đó 1 dự phòng)."),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("CCC-333-CCC"), text.rfind("CCC-333-CCC"));
}

TEST(DeliveryListTest, EachCollectorsListHasHandoverSignaturesAndItsOwnPageNumbers) {
  std::vector<DeliveryRow> rows = Rows();
  // Enough of Lan's forms for her list to run over two pages.
  for (int i = 0; i < 30; ++i) {
    rows.push_back({"ĐTV-01 Lan", "LAN-" + std::to_string(100 + i), "Người " + std::to_string(i),
                    "Số " + std::to_string(i) + ", Tổ 9", "Phường C", false, "0123999999"});
  }
  const auto pdf = RenderDeliveryList(rows, "Khảo sát SIPAS 2026");
  ASSERT_TRUE(pdf.ok()) << pdf.status().message();
  const std::string all = PdfText(*pdf);
  EXPECT_NE(all.find("Tổng số phiếu nhận để phát: 35 phiếu."), std::string::npos) << all;
  for (const char* role : {"Người giao (giám sát viên)", "Người nhận (điều tra viên)",
                           "Người giao (điều tra viên)", "Người nhận (giám sát viên)"}) {
    EXPECT_EQ(Count(all, role), 2u) << role;  // one per collector
  }
  // Page by page: each collector's pages count 1..N on their own, their name on every one.
  std::map<std::string, std::vector<std::string>> numbers;  // collector -> "i/N" in page order
  for (int p = 1;; ++p) {
    const std::string page = PdfText(*pdf, p);
    const std::size_t number = page.rfind("Trang ");  // the footer: a name may be Trang
    if (number == std::string::npos) break;
    const std::size_t who = page.find("ĐTV-");
    ASSERT_NE(who, std::string::npos) << page;
    std::string collector = page.substr(who, page.find('\n', who) - who);
    while (collector.ends_with(' ')) collector.pop_back();
    numbers[collector].push_back(
        page.substr(number + 6, page.find_first_of(" \n", number + 6) - number - 6));
  }
  ASSERT_EQ(numbers.size(), 2u);
  ASSERT_GE(numbers["ĐTV-01 Lan"].size(), 2u) << "Lan's list is meant to run over pages";
  for (const auto& [collector, seen] : numbers) {
    std::vector<std::string> want;
    for (std::size_t i = 1; i <= seen.size(); ++i) {
      want.push_back(std::to_string(i) + "/" + std::to_string(seen.size()));
    }
    EXPECT_EQ(seen, want) << collector;
  }
}

TEST(DeliveryListTest, NoRowsIsRefused) {
  const auto pdf = RenderDeliveryList({}, "t");
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.status().message(), "no issued forms to list; print the forms first");
}

}  // namespace
}  // namespace phieu
