#include "core/layout.h"

#include <gtest/gtest.h>

#include "core/builtin_surveys.h"
#include "core/layout_json.h"
#include "core/survey_yaml.h"

namespace phieu {
namespace {

// Every character half an em wide: enough to exercise wrapping and page breaks without fonts.
class FixedMetrics : public TextMetrics {
 public:
  double WidthPt(std::string_view text, FontStyle, double size_pt) const override {
    std::size_t letters = 0;
    for (char c : text) letters += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
    return letters * size_pt * 0.5;
  }
};

bool Overlap(const Rect& a, const Rect& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

bool Inside(const Rect& inner, const PageSize& page) {
  return inner.x >= 0 && inner.y >= 0 && inner.right() <= page.width_pt &&
         inner.bottom() <= page.height_pt;
}

TEST(WrapTextTest, BreaksAtSpacesAndSplitsOverlongWords) {
  FixedMetrics m;  // 5 pt per letter at 10 pt
  EXPECT_EQ(WrapText("một hai ba bốn", 40, FontStyle::kRegular, 10, m),
            (std::vector<std::string>{"một hai", "ba bốn"}));
  EXPECT_EQ(WrapText("abcdefghijkl", 30, FontStyle::kRegular, 10, m),
            (std::vector<std::string>{"abcdef", "ghijkl"}));
}

TEST(LayoutTest, EveryBuiltinSurveyLaysOutWithEveryItemOnThePage) {
  FixedMetrics metrics;
  for (const BuiltinSurvey& builtin : BuiltinSurveys()) {
    SCOPED_TRACE(builtin.name);
    const auto layout = LayoutSurvey(builtin.survey, metrics);
    ASSERT_TRUE(layout.ok()) << layout.status().message();
    // Every option of every answerable item has exactly one bubble.
    std::map<std::pair<std::string, std::string>, int> bubbles;
    for (const LayoutPage& page : layout->pages) {
      EXPECT_EQ(page.marks.size(), 4u);
      for (const auto& b : page.bubbles) {
        ++bubbles[{b.question, b.option}];
        EXPECT_TRUE(Inside(b.box, layout->page_size));
        EXPECT_FALSE(Overlap(b.box, page.qr));
        for (const Rect& mark : page.marks) EXPECT_FALSE(Overlap(b.box, mark));
      }
      // Bubbles never overlap each other.
      for (std::size_t i = 0; i < page.bubbles.size(); ++i) {
        for (std::size_t j = i + 1; j < page.bubbles.size(); ++j) {
          EXPECT_FALSE(Overlap(page.bubbles[i].box, page.bubbles[j].box))
              << page.bubbles[i].question << " / " << page.bubbles[j].question;
        }
      }
    }
    for (const AnswerItem& item : AnswerItems(builtin.survey)) {
      for (const Option& option : item.options) {
        EXPECT_EQ((bubbles[{item.code, option.code}]), 1) << item.code << " " << option.code;
      }
    }
  }
}

TEST(LayoutTest, LongGridContinuesOnANewPageWithItsHeaderRepeated) {
  FixedMetrics metrics;
  const Survey& survey = FindBuiltinSurvey("sipas-2022")->survey;
  const auto layout = LayoutSurvey(survey, metrics);
  ASSERT_TRUE(layout.ok());
  ASSERT_GE(layout->pages.size(), 3u);
  int pages_with_q9 = 0, headers_on_q9_pages = 0;
  for (const LayoutPage& page : layout->pages) {
    bool has_q9 = false, has_header = false;
    for (const auto& b : page.bubbles) has_q9 = has_q9 || b.question.starts_with("Q9.");
    for (const auto& t : page.texts) has_header = has_header || t.text == "Rất hài lòng";
    pages_with_q9 += has_q9;
    headers_on_q9_pages += has_q9 && has_header;
  }
  EXPECT_GE(pages_with_q9, 2);
  EXPECT_EQ(headers_on_q9_pages, pages_with_q9);
  // Page numbers say "Trang i/N".
  const std::string last = "Trang " + std::to_string(layout->pages.size()) + "/" +
                           std::to_string(layout->pages.size());
  bool found = false;
  for (const auto& t : layout->pages.back().texts) found = found || t.text == last;
  EXPECT_TRUE(found);
}

TEST(LayoutTest, AnItemTooLongForAPageIsAnErrorNamingIt) {
  std::string words;
  for (int i = 0; i < 3000; ++i) words += "chữ ";
  const std::string yaml = "name: long\nversion: '1'\ntitle: [T]\nsections:\n"
                           "  - code: S\n    questions:\n"
                           "      - {code: G, kind: grid, text: Bảng, scale: [{code: '1', label: A}, "
                           "{code: '2', label: B}], rows: [{code: G.7, text: '" + words + "'}]}\n";
  const auto survey = ParseSurveyYaml(yaml, "long.yaml");
  ASSERT_TRUE(survey.ok()) << survey.status().message();
  FixedMetrics metrics;
  const auto layout = LayoutSurvey(*survey, metrics);
  ASSERT_FALSE(layout.ok());
  EXPECT_TRUE(layout.status().message().starts_with("grid 'G' row 'G.7' does not fit on one page"))
      << layout.status().message();
}

TEST(LayoutTest, AnIntroOrInstructionsTooLongForAPageAreAnErrorNamingThem) {
  std::string words;
  for (int i = 0; i < 3000; ++i) words += "chữ ";
  const std::string question = "sections:\n  - code: S\n    questions:\n"
                               "      - {code: Q1, kind: yesno, text: Có không}\n";
  FixedMetrics metrics;
  const auto intro = ParseSurveyYaml("name: long\nversion: '1'\ntitle: [T]\nintro:\n"
                                     "  paragraphs: ['" + words + "']\n" + question, "intro.yaml");
  ASSERT_TRUE(intro.ok()) << intro.status().message();
  const auto with_intro = LayoutSurvey(*intro, metrics);
  ASSERT_FALSE(with_intro.ok());
  EXPECT_TRUE(with_intro.status().message().starts_with("an intro paragraph does not fit on one page"))
      << with_intro.status().message();
  const auto instructions = ParseSurveyYaml("name: long\nversion: '1'\ntitle: [T]\n"
                                            "instructions: ['" + words + "']\n" + question,
                                            "instructions.yaml");
  ASSERT_TRUE(instructions.ok()) << instructions.status().message();
  const auto with_instructions = LayoutSurvey(*instructions, metrics);
  ASSERT_FALSE(with_instructions.ok());
  EXPECT_TRUE(
      with_instructions.status().message().starts_with("the instructions box does not fit on one page"))
      << with_instructions.status().message();
}

TEST(LayoutJsonTest, RoundTripsPositionsAndTheTemplateIdFollowsTheLayout) {
  FixedMetrics metrics;
  const Survey& survey = FindBuiltinSurvey("hanoi-2014")->survey;
  const auto layout = LayoutSurvey(survey, metrics);
  ASSERT_TRUE(layout.ok());
  const std::string id = TemplateId(survey.content_hash, *layout);
  EXPECT_EQ(id.size(), 8u);
  const auto parsed = LayoutFromJson(LayoutToJson(*layout, id), "t.json");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(parsed->template_id, id);
  ASSERT_EQ(parsed->layout.pages.size(), layout->pages.size());
  const auto& a = layout->pages[0].bubbles;
  const auto& b = parsed->layout.pages[0].bubbles;
  ASSERT_EQ(a.size(), b.size());
  EXPECT_EQ(a[3].question, b[3].question);
  EXPECT_NEAR(a[3].box.x, b[3].box.x, 0.01);
  LayoutOptions bigger;
  bigger.bubble_pt = 12;
  EXPECT_NE(TemplateId(survey.content_hash, *LayoutSurvey(survey, metrics, bigger)), id);
  EXPECT_FALSE(LayoutFromJson("{}", "bad.json").ok());
}

// Seen while writing fuzz/layout_json_fuzz.cc, which reports it under UBSan (the input is
// fuzz/corpus/layout_json/crash-layout-page-number-1e300.json):
// a page number that is no int was cast to one, undefined behaviour. A layout comes from a
// database, and `phieu audit check` reads one from someone else's bundle.
TEST(LayoutJsonTest, APageNumberThatIsNotAWholeNumberFittingAnIntIsRefused) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"1e300", "page 1e+300 is not a page number"},
      {"3000000000", "page 3000000000 is not a page number"},
      {"2.5", "page 2.5 is not a page number"},
  };
  for (const auto& [page, why] : cases) {
    const std::string json =
        R"({"template": "T", "page_size_pt": [595.28, 841.89], "pages": [{"page": )" + page +
        R"(, "marks": [], "qr": {"x": 0, "y": 0, "w": 1, "h": 1}, "form_code": {"x": 0, "y": 0, "w": 1, "h": 1}, "bubbles": [], "text_boxes": []}]})";
    const auto parsed = LayoutFromJson(json, "crash.json");
    ASSERT_FALSE(parsed.ok()) << page;
    EXPECT_EQ(parsed.status().message(), "crash.json: not a phieu layout (" + why + ")");
  }
}

}  // namespace
}  // namespace phieu
