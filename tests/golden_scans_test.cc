// The golden scan sets (sample-scans/<condition>/): each image is read by the scanner and judged
// against its .expected truth, within the set's budget.txt. Misread answers are never allowed;
// only the share sent to review varies with how hard the condition is. When results beat a
// budget, tighten it.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/builtin_surveys.h"
#include "core/file.h"
#include "core/layout_json.h"
#include "core/mark_decision.h"
#include "scanner/image_source.h"
#include "scanner/page_reader.h"
#include "tests/synthetic/reading_check.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

const fs::path kSampleScans = fs::path(PHIEU_SOURCE_DIR) / "sample-scans";

std::string Slurp(const fs::path& path) { return ReadFile(path.string()).value(); }

// "key value" or "key=value" lines.
std::map<std::string, std::string> Fields(const std::string& text, char separator) {
  std::map<std::string, std::string> fields;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto at = line.find(separator);
    if (at != std::string::npos) fields[line.substr(0, at)] = line.substr(at + 1);
  }
  return fields;
}

std::vector<ItemTruth> Truth(const std::map<std::string, std::string>& expected) {
  std::vector<ItemTruth> truth;
  for (const auto& [key, value] : expected) {
    if (key == "outcome" || key == "form" || key == "page") continue;
    ItemTruth t{key, {}};
    std::string options_text = value;
    if (const auto space = value.find(' '); space != std::string::npos) {
      options_text = value.substr(0, space);
      const std::string certainty = value.substr(space + 1);
      if (certainty == "changed") t.certainty = MarkCertainty::kChanged;
      if (certainty == "unsure") t.certainty = MarkCertainty::kUnsure;
    }
    std::istringstream options(options_text);
    for (std::string o; std::getline(options, o, ';');) t.intended.push_back(o);
    truth.push_back(t);
  }
  return truth;
}

class GoldenScansTest : public testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    auto layout = LayoutFromJson(Slurp(kSampleScans / "template.json"), "template.json");
    ASSERT_TRUE(layout.ok()) << layout.status().message();
    template_ = new ParsedLayout(std::move(layout).value());
    codes_ = new std::map<std::string, std::string>(Fields(Slurp(kSampleScans / "codes.txt"), ' '));
    std::string secret = Slurp(kSampleScans / "secret.txt");
    secret_ = new std::string(secret.substr(0, secret.find('\n')));
  }
  static void TearDownTestSuite() {
    delete template_;
    delete codes_;
    delete secret_;
  }

  static PageReader Reader() {
    return PageReader(
        [](const std::string& id) { return id == template_->template_id ? &template_->layout : nullptr; },
        [](const std::string& code) -> std::optional<std::string> {
          const auto found = codes_->find(code);
          if (found == codes_->end()) return std::nullopt;
          return found->second;
        },
        {*secret_, {}});
  }

  static inline ParsedLayout* template_ = nullptr;
  static inline std::map<std::string, std::string>* codes_ = nullptr;
  static inline std::string* secret_ = nullptr;
};

TEST_P(GoldenScansTest, ReadsWithinBudgetAndNeverMisreads) {
  const fs::path set = kSampleScans / GetParam();
  const auto budget = Fields(Slurp(set / "budget.txt"), ' ');
  const auto items = AnswerItems(FindBuiltinSurvey("sipas-2022")->survey);
  PageReader reader = Reader();
  ReadingTally tally;
  int images = 0, unread = 0;
  for (const auto& entry : fs::directory_iterator(set)) {
    if (!IsScanFileName(entry.path().string())) continue;
    ++images;
    SCOPED_TRACE(entry.path().filename().string());
    fs::path expected_path = entry.path();
    expected_path.replace_extension(".expected");
    const auto expected = Fields(Slurp(expected_path), '=');
    auto pages = LoadScanFile(entry.path().string());
    ASSERT_TRUE(pages.ok()) << pages.status().message();
    const PageReading reading = reader.Read(pages->front().image);
    if (std::string(PageOutcomeName(reading.outcome)) != expected.at("outcome")) {
      ++unread;
      ADD_FAILURE() << "outcome " << PageOutcomeName(reading.outcome) << " (" << reading.reason
                    << "), expected " << expected.at("outcome");
      continue;
    }
    if (reading.outcome != PageOutcome::kRead) {
      EXPECT_TRUE(reading.bubbles.empty()) << "a refused page must not be read as answers";
      continue;
    }
    EXPECT_EQ(reading.form_code, expected.at("form"));
    EXPECT_EQ(std::to_string(reading.page), expected.at("page"));
    const ReadingTally page_tally = TallyPage(DecideItems(items, reading.bubbles, MarkThresholds()), Truth(expected));
    EXPECT_EQ(page_tally.missing, 0);
    for (const std::string& m : page_tally.misreads) ADD_FAILURE() << "misread " << m;
    tally.Add(page_tally);
  }
  EXPECT_GT(images, 0);
  EXPECT_LE(tally.misread, std::stoi(budget.at("misread")));
  EXPECT_LE(tally.ReviewPercent(), std::stod(budget.at("review_percent")))
      << tally.review << " of " << tally.items << " answers sent to review";
  EXPECT_LE(unread, std::stoi(budget.at("unread_pages")));
}

INSTANTIATE_TEST_SUITE_P(Sets, GoldenScansTest,
                         testing::Values("clean", "skewed", "low-dpi", "noisy-jpeg",
                                         "black-and-white", "hard-marks", "faint", "stained-qr",
                                         "upside-down", "blank", "not-a-form", "real-marks",
                                         "ticks-and-crosses", "changed-answers", "cut-corners",
                                         "phone-photos", "laser-halftone", "creased"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace phieu
