#pragma once
// Hand-built verification input for the verify tests, so each test knows the right verdict:
// template "T1" of two pages (Q1, one answer of 1..3, on page 1; grid rows Q2.1..Q2.6 on a 1..5
// scale on page 2), issued forms, and scanned pages whose marks are known.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "verify/verdict.h"

namespace phieu::verify_test {

enum class Mark { kEmpty, kFilled, kUnsure };

// Scores as the scanner measures them: a pen fill, an empty bubble, a faint small tick.
inline BubbleScore Score(const std::string& item, const std::string& option, Mark mark) {
  switch (mark) {
    case Mark::kFilled:
      return {item, option, 0.90, 0.95, 0.0};
    case Mark::kUnsure:
      return {item, option, 0.15, 0.30, 0.0};
    case Mark::kEmpty:
      break;
  }
  return {item, option, 0.01, 0.02, 0.0};
}

inline TemplateItems TwoPageTemplate() {
  TemplateItems t;
  AnswerItem q1{"Q1", "Q1", QuestionKind::kSingle, "Sex", "", {}};
  for (const char* o : {"1", "2", "3"}) q1.options.push_back({o, o, false});
  t.items.push_back(q1);
  t.item_page["Q1"] = 1;
  for (int row = 1; row <= 6; ++row) {
    AnswerItem r{"Q2." + std::to_string(row), "Q2", QuestionKind::kGrid, "Row", "", {}};
    for (const char* o : {"1", "2", "3", "4", "5"}) r.options.push_back({o, o, false});
    t.item_page[r.code] = 2;
    t.items.push_back(r);
  }
  t.pages = 2;
  return t;
}

// item -> option code; an item not listed has no mark.
using Marks = std::map<std::string, std::string>;

// A respondent's clear answers: not straight-lined.
inline Marks UsualAnswers() {
  return {{"Q1", "2"},   {"Q2.1", "1"}, {"Q2.2", "2"}, {"Q2.3", "3"},
          {"Q2.4", "4"}, {"Q2.5", "5"}, {"Q2.6", "1"}};
}

// The scores of every bubble of `page` of T1: `filled` marked with a pen, `unsure` faintly.
inline std::vector<BubbleScore> Bubbles(int page, const Marks& filled, const Marks& unsure = {}) {
  const TemplateItems t = TwoPageTemplate();
  std::vector<BubbleScore> scores;
  for (const AnswerItem& item : t.items) {
    if (t.item_page.at(item.code) != page) continue;
    for (const Option& option : item.options) {
      Mark mark = Mark::kEmpty;
      if (const auto f = filled.find(item.code); f != filled.end() && f->second == option.code) {
        mark = Mark::kFilled;
      }
      if (const auto u = unsure.find(item.code); u != unsure.end() && u->second == option.code) {
        mark = Mark::kUnsure;
      }
      scores.push_back(Score(item.code, option.code, mark));
    }
  }
  return scores;
}

inline FormRecord Form(const std::string& code, const std::string& sample_id,
                       const std::string& unit = "U1", const std::string& collector = "Lan") {
  FormRecord f;
  f.code = code;
  f.sample_id = sample_id;
  f.template_id = "T1";
  f.unit = unit;
  f.collector = collector;
  f.pages = 2;
  return f;
}

// A page read from its QR with a valid tag, received inside March 2026.
inline IdentifiedPage Scan(std::int64_t id, const std::string& code, int page,
                           std::vector<BubbleScore> bubbles) {
  IdentifiedPage p;
  p.id = id;
  p.original_path = "scan-" + std::to_string(id) + ".pdf";
  p.form_code = code;
  p.template_id = "T1";
  p.identified_by = PageIdentification::kQr;
  p.page = page;
  p.tag_valid = true;
  p.received_on = "2026-03-10";
  p.bubbles = std::move(bubbles);
  return p;
}

inline Decision MakeDecision(const std::string& code, const std::string& item,
                             const std::string& value, const std::string& by = "Lan") {
  Decision d;
  d.form_code = code;
  d.item = item;
  d.value = value;
  d.decided_by = by;
  d.decided_at = "2026-04-01";
  return d;
}

// Both pages of form `code`, marked with `filled` (and `unsure`), as scans `first_id` and
// `first_id + 1`.
inline void ReturnForm(VerifyInput& input, const std::string& code, std::int64_t first_id,
                       const Marks& filled = UsualAnswers(), const Marks& unsure = {}) {
  input.pages.push_back(Scan(first_id, code, 1, Bubbles(1, filled, unsure)));
  input.pages.push_back(Scan(first_id + 1, code, 2, Bubbles(2, filled, unsure)));
}

inline VerifyInput InputWithTemplate() {
  VerifyInput input;
  input.templates["T1"] = TwoPageTemplate();
  return input;
}

}  // namespace phieu::verify_test
