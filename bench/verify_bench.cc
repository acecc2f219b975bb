// Verification at scale: a database with N issued sipas-2022 forms (default 2,000) whose every
// page has come back, stored the way `phieu scan` stores them (raw scores, one transaction and one
// log event per page) but with scores made straight from a known answer plan instead of images.
// Times storing the pages, verifying every form, exporting the answers and checking the whole
// tamper-evident log, and checks every accepted answer against the plan.
// Run: build/bench/verify_bench [N]. The figures go in the README; nothing here asserts a time.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/builtin_surveys.h"
#include "core/crypto.h"
#include "core/form_code.h"
#include "forms/form_batch.h"
#include "store/event_log.h"
#include "store/form_store.h"
#include "store/sample_store.h"
#include "store/scan_store.h"
#include "synthetic/answer_plan.h"
#include "verify/answer_export.h"
#include "verify/evaluate.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

int Fail(const phieu::Status& status) {
  std::fprintf(stderr, "verify_bench: %s\n", status.message().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace phieu;
  const int count = argc > 1 ? std::atoi(argv[1]) : 2000;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "phieu-verify-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "bench.db").string();

  const BuiltinSurvey& builtin = *FindBuiltinSurvey("sipas-2022");
  auto db = Database::Create(path, {builtin.survey.name, builtin.survey.version,
                                    builtin.survey.content_hash, builtin.yaml_text, "builtin"});
  if (!db.ok()) return Fail(db.status());
  auto tmpl = BuildFormTemplate(builtin.yaml_text, "sipas-2022");
  if (!tmpl.ok()) return Fail(tmpl.status());
  std::vector<SampleRecord> people;
  for (int i = 0; i < count; ++i) {
    SampleRecord r;
    r.id = "P" + std::to_string(100000 + i);
    r.unit = "Unit " + std::to_string(i % 12);
    r.collector = "C" + std::to_string(i % 40);
    people.push_back(r);
  }
  if (auto s = ImportSampleList(**db, "bench.csv", "bench", people); !s.ok()) return Fail(s.status());
  const StoredTemplate stored{tmpl->id, builtin.survey.content_hash, builtin.yaml_text,
                              tmpl->layout_json, static_cast<int>(tmpl->layout.pages.size())};
  auto forms = IssueForms(**db, stored, {}, [] { return NewFormCode(); });
  if (!forms.ok()) return Fail(forms.status());
  auto batch = CreateScanBatch(**db, {"bench", "bench", "", "2026-03-10"});
  if (!batch.ok()) return Fail(batch.status());

  // Store every page of every form, scores from the plan: a mark 0.85, no mark 0.01.
  std::map<std::string, std::map<std::string, std::vector<std::string>>> truth;  // code -> item -> options
  const auto store_start = Clock::now();
  int pages = 0;
  for (std::size_t f = 0; f < forms->size(); ++f) {
    const std::string& code = (*forms)[f].code;
    const AnswerPlan plan = PlanAnswers(tmpl->survey, {}, 1000 + f);
    for (const ItemTruth& t : plan.truth) truth[code][t.item] = t.intended;
    for (const LayoutPage& page : tmpl->layout.pages) {
      PageRecord record;
      record.outcome = PageOutcome::kRead;
      record.identified_by = PageIdentification::kQr;
      record.tag_valid = true;
      record.template_id = tmpl->id;
      record.form_code = code;
      record.page = page.number;
      for (const LayoutBubble& b : page.bubbles) {
        const auto& intended = truth[code][b.question];
        const bool marked = std::find(intended.begin(), intended.end(), b.option) != intended.end();
        record.bubbles.push_back({b.question, b.option, marked ? 0.85 : 0.01, marked ? 0.9 : 0.02, 0.0});
      }
      const std::string sha = Sha256Hex(code + "/" + std::to_string(page.number));
      if (auto s = StartScanFile(**db, sha, sha + ".png", "x/" + sha, 1, 1, *batch); !s.ok()) return Fail(s);
      if (auto s = StorePage(**db, sha, record); !s.ok()) return Fail(s);
      ++pages;
    }
  }
  const double store_s = Seconds(store_start);

  const auto verify_start = Clock::now();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return Fail(e.status());
  const double verify_s = Seconds(verify_start);

  int accepted = 0, answers = 0, misread = 0;
  for (const FormResult& r : e->result.forms) {
    if (r.verdict != Verdict::kAccepted) continue;
    ++accepted;
    for (const Answer& a : r.answers) {
      ++answers;
      const auto& intended = truth[r.code][a.item];
      const bool right = intended.empty() ? a.state == AnswerState::kBlank
                                          : a.state == AnswerState::kAnswered && a.options == intended;
      if (!right) ++misread;
    }
  }

  const auto export_start = Clock::now();
  const std::string csv = AnswersCsv(e->input, e->result);
  const double export_s = Seconds(export_start);

  const auto log_start = Clock::now();
  auto check = VerifyLog(**db);
  if (!check.ok()) return Fail(check.status());
  const double log_s = Seconds(log_start);

  std::printf("%d forms, %d pages stored with the log in %.1f s (%.0f pages/s); database %.1f MB\n",
              count, pages, store_s, pages / store_s,
              std::filesystem::file_size(path) / 1e6);
  std::printf("verify (load + verdicts): %.2f s (%.0f forms/s): %d accepted, %d answers, %d differ "
              "from the plan\n",
              verify_s, count / verify_s, accepted, answers, misread);
  std::printf("export answers: %.2f s (%.1f MB CSV)\n", export_s, csv.size() / 1e6);
  std::printf("log verify: %.2f s for %lld events and %lld records: %s\n", log_s,
              static_cast<long long>(check->events), static_cast<long long>(check->records),
              check->ok() ? "intact" : check->problems.front().c_str());
  std::filesystem::remove_all(dir);
  return misread == 0 && check->ok() && accepted == count ? 0 : 1;
}
