#include "cli/tally_source.h"

#include "core/file.h"
#include "core/survey_yaml.h"
#include "store/sample_store.h"
#include "verify/evaluate.h"

namespace phieu {

Result<TallySource> LoadTally(const std::string& db_flag, const std::string& formula_file,
                              const std::string& by) {
  const std::string path = ResolveDatabasePath(db_flag);
  auto db = Database::Open(path);
  if (!db.ok()) return db.status();
  auto stored = (*db)->Survey();
  if (!stored.ok()) return stored.status();
  auto survey = ParseSurveyYaml(stored->definition_yaml, path + " (survey)");
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
  auto evaluation = EvaluateDatabase(**db);
  if (!evaluation.ok()) return evaluation.status();
  auto members = ListSample(**db, {"", true});
  if (!members.ok()) return members.status();
  std::map<std::string, SampleRecord> sample;
  for (SampleMember& m : *members) sample[m.record.id] = std::move(m.record);
  auto tally = TallyForms(*survey, formula, evaluation->result, sample, by);
  if (!tally.ok()) return tally.status();
  return TallySource{std::move(survey).value(), std::move(tally).value()};
}

}  // namespace phieu
