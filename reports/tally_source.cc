#include "reports/tally_source.h"

#include <algorithm>
#include <set>

#include "core/file.h"
#include "core/survey_yaml.h"
#include "store/event_log.h"
#include "store/sample_store.h"
#include "verify/evaluate.h"

namespace phieu {

Result<TallySource> LoadTally(Database& db, const std::string& formula_file, const std::string& by,
                              const std::vector<std::string>& units, bool design_weights) {
  auto stored = db.Survey();
  if (!stored.ok()) return stored.status();
  auto survey = ParseSurveyYaml(stored->definition_yaml, db.path() + " (survey)");
  if (!survey.ok()) return survey.status();
  IndexFormula formula;
  if (formula_file.empty()) {
    const IndexFormula* builtin = BuiltinFormulaFor(survey->name);
    if (builtin == nullptr) {
      return Status::Error("no built-in index formula for survey '" + survey->name +
                           "'; give one with --formula FILE (format: reports/formulas/FORMAT.md)");
    }
    formula = *builtin;
  } else {
    auto text = ReadFile(formula_file);
    if (!text.ok()) return text.status();
    auto parsed = ParseIndexFormula(*text, formula_file);
    if (!parsed.ok()) return parsed.status();
    formula = std::move(parsed).value();
  }
  if (std::find(formula.surveys.begin(), formula.surveys.end(), survey->name) ==
      formula.surveys.end()) {
    return Status::Error("formula '" + formula.name + "' is for other surveys than '" +
                         survey->name + "' (its 'surveys' list)");
  }
  // The verdicts, the log head that names their state, the draw and the sample are read as one
  // snapshot: a scan or a review committing meanwhile cannot make the figures and the log head
  // disagree.
  Evaluation evaluation;
  std::string head;
  std::optional<StoredDraw> draw;
  std::vector<SampleMember> members;
  PHIEU_RETURN_IF_ERROR(db.Snapshot([&]() -> Status {
    auto evaluated = EvaluateDatabase(db);
    if (!evaluated.ok()) return evaluated.status();
    evaluation = std::move(evaluated).value();
    auto logged = LogHead(db);
    if (!logged.ok()) return logged.status();
    head = *logged;
    auto drawn = LoadDraw(db);
    if (!drawn.ok()) return drawn.status();
    draw = std::move(drawn).value();
    auto listed = ListSample(db, {"", true});
    if (!listed.ok()) return listed.status();
    members = std::move(listed).value();
    return Status::Ok();
  }));
  if (!units.empty()) {
    std::set<std::string> known;
    for (const FormResult& f : evaluation.result.forms) known.insert(f.unit);
    for (const FormResult& f : evaluation.channel_forms) known.insert(f.unit);
    for (const std::string& u : units) {
      if (!known.contains(u)) return Status::Error("no form was issued in unit '" + u + "'");
    }
    std::erase_if(evaluation.channel_forms, [&](const FormResult& f) {
      return std::find(units.begin(), units.end(), f.unit) == units.end();
    });
    std::erase_if(evaluation.result.forms, [&](const FormResult& f) {
      return f.sample_id.empty() || std::find(units.begin(), units.end(), f.unit) == units.end();
    });
    std::set<std::string> kept;
    for (const FormResult& f : evaluation.result.forms) kept.insert(f.code);
    std::erase_if(evaluation.result.review,
                  [&](const ReviewItem& r) { return !kept.contains(r.form_code); });
  }
  std::map<std::string, SampleRecord> sample;
  for (SampleMember& m : members) sample[m.record.id] = std::move(m.record);
  // Limited to some units, a stratum's frame size is its people in every unit: the weights are
  // right only when the strata are the units themselves (the frame's records per unit and
  // stratum are not stored).
  std::optional<PaperWeighting> weighting;
  if (design_weights && draw && (units.empty() || draw->info.stratify_by == "unit")) {
    weighting = WeighPaperForms(*draw, evaluation.result);
  }
  auto tally = TallyForms(*survey, formula, evaluation.result, sample, by, evaluation.channel_forms,
                          weighting);
  if (!tally.ok()) return tally.status();
  return TallySource{std::move(survey).value(), std::move(tally).value(), std::move(evaluation),
                     head, std::move(draw), std::move(sample)};
}

}  // namespace phieu
