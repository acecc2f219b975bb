#include "reports/tally.h"

#include <gtest/gtest.h>

#include "reports/report_test_data.h"
#include "reports/tally_csv.h"
#include "reports/tally_xlsx.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace phieu::report_test {
namespace {

IndexFormula Sipas() {
  IndexFormula f;
  f.name = "t";
  f.satisfied = {"4", "5"};
  return f;
}

FormResult Returned(const std::string& code, const std::string& unit, Verdict verdict,
                    const std::string& a1, const std::vector<std::string>& q) {
  FormResult f = Form(a1, q);
  f.code = code;
  f.sample_id = "S-" + code;
  f.unit = unit;
  f.collector = unit == "U1" ? "Lan" : "Minh";
  f.in_sample = true;
  f.verdict = verdict;
  return f;
}

VerifyResult Result3() {
  VerifyResult r;
  r.forms = {Returned("F1", "U1", Verdict::kAccepted, "1", {"5", "5", "5", "5"}),
             Returned("F2", "U2", Verdict::kAccepted, "2", {"1", "1", "1", "1"}),
             Returned("F3", "U2", Verdict::kNeedsReview, "2", {"5", "?", "5", "5"}),
             Returned("F4", "U1", Verdict::kRejected, "1", {"5", "5", "5", "5"})};
  return r;
}

std::map<std::string, SampleRecord> Sample() {
  std::map<std::string, SampleRecord> sample;
  for (const char* code : {"F1", "F2", "F3", "F4"}) {
    SampleRecord& r = sample["S-" + std::string(code)];
    r.id = "S-" + std::string(code);
    r.attributes = {{"district", std::string(code) == "F1" ? "D1" : "D2"}};
  }
  return sample;
}

TEST(TallyTest, OnlyAcceptedFormsCountAndTheOthersAreReported) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->accepted, 2);
  EXPECT_EQ(t->needs_review, 1);
  EXPECT_EQ(t->rejected, 1);
  EXPECT_EQ(t->all.forms, 2);
  EXPECT_NEAR(t->all.overall, 50.0, 1e-9);  // F1 all satisfied, F2 none
}

TEST(TallyTest, BreaksDownByUnitCollectorColumnOrAnswer) {
  auto by_unit = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "unit");
  ASSERT_TRUE(by_unit.ok());
  ASSERT_EQ(by_unit->parts.size(), 2u);
  EXPECT_EQ(by_unit->parts[0].value, "U1");
  EXPECT_NEAR(by_unit->parts[0].indexes.overall, 100.0, 1e-9);
  EXPECT_EQ(by_unit->parts[1].value, "U2");
  EXPECT_NEAR(by_unit->parts[1].indexes.overall, 0.0, 1e-9);
  EXPECT_EQ(by_unit->parts[1].indexes.forms, 1);  // F3 waits for review

  auto by_district = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "district");
  ASSERT_TRUE(by_district.ok());
  EXPECT_EQ(by_district->parts[0].value, "D1");

  auto by_sex = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "A1");
  ASSERT_TRUE(by_sex.ok());
  ASSERT_EQ(by_sex->parts.size(), 2u);
  EXPECT_EQ(by_sex->parts[0].value, "f");  // option labels, in label order
  EXPECT_EQ(by_sex->parts[1].value, "m");
}

TEST(TallyTest, AnUnknownBreakdownNamesWhatIsKnown) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "province");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("use unit, collector, channel, procedure, agency, completed_on, district"),
            std::string::npos)
      << t.status().message();
}

TEST(TallyTest, CsvHasOneRowPerOverallGroupAndItemWithOptionCounts) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "");
  ASSERT_TRUE(t.ok());
  const std::string csv = TallyCsv(TestSurvey(), *t);
  EXPECT_TRUE(csv.starts_with("part,kind,code,title,forms,valid,satisfied,index,blank,invalid,"
                              "review,missing,option 1,option 2,option 3,option 4,option 5\r\n"))
      << csv;
  EXPECT_NE(csv.find("\r\n,overall,,,2,,,50.00,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n,group,E1,Element 1,2,4,,50.00,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n,item,Q.1,r1,2,2,1,50.00,0,0,0,0,1,0,0,0,1\r\n"), std::string::npos) << csv;
}

// The workbook's sheet names and strings, read with Python's zipfile (outside phieu).
std::string XlsxText(const std::string& path) {
  const std::string command =
      "/usr/bin/python3 -c \"import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); "
      "print(z.read('xl/workbook.xml').decode()); print(z.read('xl/sharedStrings.xml').decode())\" " +
      path;
  std::string text;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (std::size_t n = fread(buffer, 1, sizeof buffer, pipe)) text.append(buffer, n);
    pclose(pipe);
  }
  return text;
}

TEST(TallyTest, WorkbookHasTheIndexCountBreakdownAndCoverageSheetsAndIsReproducible) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "unit");
  ASSERT_TRUE(t.ok());
  const auto dir = std::filesystem::temp_directory_path();
  const std::string a = (dir / ("phieu-tally-a-" + std::to_string(getpid()) + ".xlsx")).string();
  const std::string b = (dir / ("phieu-tally-b-" + std::to_string(getpid()) + ".xlsx")).string();
  ASSERT_TRUE(WriteTallyXlsx(TestSurvey(), *t, a).ok());
  ASSERT_TRUE(WriteTallyXlsx(TestSurvey(), *t, b).ok());
  const std::string text = XlsxText(a);
  for (const char* sheet : {"Chỉ số", "Số liệu", "Theo unit", "Độ bao phủ"}) {
    EXPECT_NE(text.find("<sheet name=\"" + std::string(sheet) + "\""), std::string::npos) << sheet;
  }
  EXPECT_NE(text.find("Element 1"), std::string::npos);
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  const std::string bytes_a((std::istreambuf_iterator<char>(fa)), {});
  const std::string bytes_b((std::istreambuf_iterator<char>(fb)), {});
  EXPECT_FALSE(bytes_a.empty());
  EXPECT_EQ(bytes_a, bytes_b);
  std::filesystem::remove(a);
  std::filesystem::remove(b);
}

TEST(TallyTest, AWorkbookThatCannotBeWrittenSaysWhere) {
  auto t = TallyForms(TestSurvey(), Sipas(), Result3(), Sample(), "");
  ASSERT_TRUE(t.ok());
  const Status s = WriteTallyXlsx(TestSurvey(), *t, "/no/such/folder/t.xlsx");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("/no/such/folder/t.xlsx"), std::string::npos) << s.message();
}

// --- design weights of a stratified draw ---------------------------------------------------------

// A draw in two strata, the units: U1 drawn from 1,000 people, U2 from 9,000 (`per_unit` people
// each, S-<form code> for the forms given).
StoredDraw TwoStrataDraw(const std::vector<std::pair<std::string, std::string>>& members,
                         int frame_u1 = 1000, int frame_u2 = 9000) {
  StoredDraw d;
  d.info.stratify_by = "unit";
  d.strata = {{"U1", frame_u1, 0, 0}, {"U2", frame_u2, 0, 0}};
  for (const auto& [code, unit] : members) d.entries.push_back({"S-" + code, unit, "t"});
  return d;
}

// U1's two accepted forms stand for 500 people each, U2's two for 4,500: normalised, 0.2 and 1.8.
// Q.1 is 5, 5 in U1 and 1, 4 in U2: weighted (2·0.2 + 1·1.8) / (2·0.2 + 2·1.8) = 55 %, where the
// plain share is 3 of 4. The forms that are not accepted weigh nothing and count in no stratum.
TEST(TallyWeightsTest, EachPaperFormWeighsItsStratumsFrameOverItsAcceptedForms) {
  VerifyResult r;
  r.forms = {Returned("F1", "U1", Verdict::kAccepted, "1", {"5", "5", "5", "5"}),
             Returned("F2", "U1", Verdict::kAccepted, "1", {"5", "1", "", "4"}),
             Returned("F3", "U2", Verdict::kAccepted, "2", {"1", "1", "1", "1"}),
             Returned("F4", "U2", Verdict::kAccepted, "2", {"4", "5", "5", "2"}),
             Returned("F5", "U2", Verdict::kRejected, "2", {"5", "5", "5", "5"})};
  const StoredDraw draw =
      TwoStrataDraw({{"F1", "U1"}, {"F2", "U1"}, {"F3", "U2"}, {"F4", "U2"}, {"F5", "U2"}});
  const auto weighting = WeighPaperForms(draw, r);
  ASSERT_TRUE(weighting.has_value());
  EXPECT_FALSE(weighting->design.equal);
  EXPECT_NEAR(weighting->weight_of.at("U1"), 0.2, 1e-12);
  EXPECT_NEAR(weighting->weight_of.at("U2"), 1.8, 1e-12);
  EXPECT_NEAR(weighting->design.design.design_effect, 1.64, 1e-12);

  auto t = TallyForms(TestSurvey(), Sipas(), r, Sample(), "unit", {}, weighting);
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_TRUE(t->unweighted.has_value());
  const ItemTally& q1 = t->all.items[1];
  ASSERT_EQ(q1.item, "Q.1");
  EXPECT_EQ(q1.valid, 4);
  EXPECT_EQ(q1.satisfied, 3);
  EXPECT_NEAR(q1.value, 55.0, 1e-12);
  EXPECT_NEAR(q1.weighted_valid, 4.0, 1e-12);
  EXPECT_NEAR(q1.weight_squares, 2 * 0.04 + 2 * 3.24, 1e-12);
  EXPECT_NEAR(q1.weighted_options.at("5"), 0.4, 1e-12);
  EXPECT_EQ(t->unweighted->items[1].value, 75.0);
  // Q.3 is blank on F2: its base is F1 (0.2), F3 and F4 (1.8 each): (0.2 + 1.8) / 3.8.
  EXPECT_NEAR(t->all.items[3].value, 100.0 * 2.0 / 3.8, 1e-12);
  // The overall index is the mean of the blocks, each from the weighted items.
  const double q2 = 100 * (0.2 + 1.8) / 4, q3 = 100 * 2.0 / 3.8, q4 = 100 * 0.4 / 4;
  const double b1 = ((55.0 + q2) / 2 + q3) / 2;
  EXPECT_NEAR(t->all.overall, (b1 + q4) / 2, 1e-12);
  EXPECT_NEAR(t->all.weight_sum, 4.0, 1e-12);
  // Within a unit every form weighs the same, so a unit's figures are its plain ones.
  for (const TallyPart& p : t->parts) {
    EXPECT_NEAR(p.indexes.items[1].value, p.value == "U1" ? 100.0 : 50.0, 1e-12) << p.value;
  }
}

TEST(TallyWeightsTest, EqualFractionsGiveExactlyTheUnweightedFigures) {
  VerifyResult r;
  r.forms = {Returned("F1", "U1", Verdict::kAccepted, "1", {"5", "5", "3", "5"}),
             Returned("F2", "U2", Verdict::kAccepted, "1", {"5", "1", "", "4"}),
             Returned("F3", "U2", Verdict::kAccepted, "2", {"1", "2", "1", "1"})};
  const auto weighting =
      WeighPaperForms(TwoStrataDraw({{"F1", "U1"}, {"F2", "U2"}, {"F3", "U2"}}, 300, 600), r);
  ASSERT_TRUE(weighting.has_value());
  EXPECT_TRUE(weighting->design.equal);
  EXPECT_EQ(weighting->design.design.design_effect, 1.0);
  auto weighted = TallyForms(TestSurvey(), Sipas(), r, Sample(), "unit", {}, weighting);
  auto plain = TallyForms(TestSurvey(), Sipas(), r, Sample(), "unit");
  ASSERT_TRUE(weighted.ok() && plain.ok());
  EXPECT_EQ(weighted->all.overall, plain->all.overall);
  for (std::size_t i = 0; i < plain->all.items.size(); ++i) {
    const ItemTally& w = weighted->all.items[i];
    const ItemTally& p = plain->all.items[i];
    EXPECT_EQ(w.value, p.value) << i;
    // Unweighted, the weighted sums are the counts themselves.
    EXPECT_EQ(p.weighted_valid, p.valid) << i;
    EXPECT_EQ(p.weighted_satisfied, p.satisfied) << i;
    EXPECT_EQ(p.weight_squares, p.valid) << i;
    EXPECT_EQ(w.weighted_options, p.weighted_options) << i;
    ASSERT_EQ(p.weighted_options.size(), p.options.size()) << i;
    for (const auto& [option, n] : p.options) EXPECT_EQ(p.weighted_options.at(option), n);
  }
  for (std::size_t g = 0; g < plain->all.groups.size(); ++g) {
    EXPECT_EQ(weighted->all.groups[g].value, plain->all.groups[g].value) << g;
  }
}

// Channel answers are not drawn from the frame: each weighs 1, and the paper forms together
// weigh as many as they are, so the pooled figure keeps the channels' share of respondents.
TEST(TallyWeightsTest, ChannelAnswersWeighOneBesideThePaperFormsNormalisedWeights) {
  VerifyResult r;
  r.forms = {Returned("F1", "U1", Verdict::kAccepted, "1", {"5", "5", "5", "5"}),
             Returned("F2", "U2", Verdict::kAccepted, "1", {"1", "1", "1", "1"}),
             Returned("F3", "U2", Verdict::kAccepted, "2", {"1", "1", "1", "1"})};
  FormResult sms = Form("1", {"5", "5", "5", "5"});
  sms.channel = "sms";
  sms.unit = "U1";
  const auto weighting =
      WeighPaperForms(TwoStrataDraw({{"F1", "U1"}, {"F2", "U2"}, {"F3", "U2"}}), r);
  ASSERT_TRUE(weighting.has_value());
  // U1: 1000/1, U2: 9000/2 = 4500; Σ N / n = 10000/3: weights 0.3 and 1.35.
  EXPECT_NEAR(weighting->WeightOf(r.forms[0]), 0.3, 1e-12);
  EXPECT_NEAR(weighting->WeightOf(r.forms[1]), 1.35, 1e-12);
  EXPECT_EQ(weighting->WeightOf(sms), 1.0);
  auto t = TallyForms(TestSurvey(), Sipas(), r, Sample(), "", {sms}, weighting);
  ASSERT_TRUE(t.ok());
  EXPECT_NEAR(t->all.weight_sum, 4.0, 1e-12);
  EXPECT_NEAR(t->all.items[1].value, 100 * (0.3 + 1) / 4, 1e-12);
  ASSERT_EQ(t->channels.size(), 2u);
  EXPECT_EQ(t->channels[0].value, "paper");
  EXPECT_NEAR(t->channels[0].indexes.items[1].value, 10.0, 1e-12);  // 0.3 / 3
  EXPECT_EQ(t->channels[1].indexes.items[1].value, 100.0);
}

TEST(TallyWeightsTest, NoWeightingForOneStratumOrAFormOutsideTheDraw) {
  VerifyResult r;
  r.forms = {Returned("F1", "U1", Verdict::kAccepted, "1", {"5", "5", "5", "5"}),
             Returned("F2", "U2", Verdict::kAccepted, "1", {"1", "1", "1", "1"})};
  StoredDraw one = TwoStrataDraw({{"F1", "U1"}, {"F2", "U1"}});
  one.strata.resize(1);
  EXPECT_FALSE(WeighPaperForms(one, r).has_value());
  // F2's person came from an imported list, not from the draw.
  EXPECT_FALSE(WeighPaperForms(TwoStrataDraw({{"F1", "U1"}}), r).has_value());
}

}  // namespace
}  // namespace phieu::report_test
