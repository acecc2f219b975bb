#include "station/station_json.h"

#include <gtest/gtest.h>

namespace phieu {
namespace {

TEST(StationJsonTest, ABodyOfTextAndListsOfTextIsRead) {
  auto f = ParseJsonFields(R"({"id": "AAA/Q1", "skip": ["a", "b"]})");
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_EQ(f->Text("id"), "AAA/Q1");
  EXPECT_EQ(f->Text("value"), "");
  EXPECT_EQ(f->lists.at("skip"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(ParseJsonFields("").ok());
}

TEST(StationJsonTest, AnythingElseIsRefusedSayingWhat) {
  EXPECT_EQ(ParseJsonFields("{id").status().message(), "the request body is not JSON");
  EXPECT_EQ(ParseJsonFields("[1]").status().message(), "the request body is not a JSON object");
  EXPECT_EQ(ParseJsonFields(R"({"value": 4})").status().message(),
            "'value' is neither text nor a list of text");
  EXPECT_EQ(ParseJsonFields(R"({"skip": [1]})").status().message(),
            "'skip' is not a list of text");
}

TEST(StationJsonTest, ErrorsAndSessionsHaveTheirDocumentedShape) {
  EXPECT_EQ(ErrorJson("sign in first"), R"({"error":"sign in first"})");
  EXPECT_EQ(SessionJson({"tok", "csrf1", "Trần Thị B", "reviewer", 0}),
            R"({"name":"Trần Thị B","role":"reviewer","csrf":"csrf1"})");
  EXPECT_EQ(ItemJson(nullptr, 0), R"({"item":null})");
}

TEST(StationJsonTest, ADecisionShowsTheFormsNewVerdict) {
  DecisionOutcome o;
  o.stored = {7, "AAA-BBB-CCC", "Q9.1", "4", "unsure 4", "An", "", "2026-03-01T08:00:00Z"};
  o.verdict = "accepted";
  EXPECT_EQ(DecisionJson(o),
            R"({"decision":{"id":7,"form":"AAA-BBB-CCC","item":"Q9.1","value":"4",)"
            R"("machine":"unsure 4","by":"An","at":"2026-03-01T08:00:00Z","note":""},)"
            R"("form":{"code":"AAA-BBB-CCC","verdict":"accepted","reasons":""}})");
}

TEST(StationJsonTest, AWriteInAndItsRecordHaveTheirDocumentedShape) {
  Transcription t;
  t.id = 3, t.form_code = "AAA-BBB-CCC", t.page = 6, t.box = "Q11", t.text = "Cán bộ tận tình";
  t.page_id = 9, t.by = "An", t.at = "2026-03-01T08:00:00Z";
  EXPECT_EQ(TranscriptionJson(t),
            R"({"recorded":{"id":3,"form":"AAA-BBB-CCC","box":"Q11","page":6,"state":"text",)"
            R"("text":"Cán bộ tận tình","by":"An","at":"2026-03-01T08:00:00Z"}})");
  WriteIn w;
  w.id = "AAA-BBB-CCC/A4.6.other", w.form = "AAA-BBB-CCC", w.box = "A4.6.other", w.page = 1;
  w.unit = "Phường A", w.label = "Nghề nghiệp — Khác", w.ink_mm2 = 9.5;
  EXPECT_EQ(WriteInQueueJson({w}, {"Bình"}),
            R"({"items":[{"id":"AAA-BBB-CCC/A4.6.other","form":"AAA-BBB-CCC","box":"A4.6.other",)"
            R"("page":1,"unit":"Phường A","label":"Nghề nghiệp — Khác","ink_mm2":9.5,)"
            R"("recorded":null,"claimed_by":"Bình"}],"total":1})");
  EXPECT_EQ(WriteInJson(nullptr, 0), R"({"item":null})");
}

}  // namespace
}  // namespace phieu
