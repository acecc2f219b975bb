// phieu report: the published PDF report (reports/report_pdf.h) of the accepted forms.

#include "cli/commands.h"
#include "core/file.h"
#include "core/text.h"
#include "reports/report_build.h"
#include "reports/report_pdf.h"
#include "reports/scorecard_export.h"
#include "reports/tally_csv.h"
#include "stats/design_weights.h"
#include "store/database.h"
#include "store/output_guard.h"

namespace phieu {

Status RunReport(const ReportArgs& args, std::ostream& out) {
  const std::string db_path = ResolveDatabasePath(args.db);
  std::vector<GuardedInput> inputs = {{"the formula file", args.formula},
                                      {"the question map", args.question_map}};
  for (const std::string& earlier : Split(args.compare, ',')) {
    if (!Trim(earlier).empty()) inputs.push_back({"the earlier database", std::string(Trim(earlier))});
  }
  const std::vector<std::pair<std::string, std::string>> outputs = {
      {"--out", args.out},
      {"--scorecards-csv", args.scorecards_csv},
      {"--scorecards-xlsx", args.scorecards_xlsx}};
  for (const auto& [option, path] : outputs) {
    PHIEU_RETURN_IF_ERROR(CheckOutputPath(path, option, db_path, inputs));
    if (!path.empty()) inputs.push_back({"the " + option + " output", path});
  }
  auto db = Database::Open(db_path);
  if (!db.ok()) return db.status();
  auto built = BuildReport(**db, {args.period, args.units, args.date, args.formula, args.compare,
                                 args.question_map, args.issuer});
  if (!built.ok()) return built.status();
  const TallySource* source = &built->source;
  const ReportInput& in = built->input;
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.out, built->pdf));
  if (!args.scorecards_csv.empty() && in.scorecards) {
    PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.scorecards_csv, ScorecardCsv(*in.scorecards)));
  }
  if (!args.scorecards_xlsx.empty() && in.scorecards) {
    PHIEU_RETURN_IF_ERROR(WriteScorecardXlsx(*in.scorecards, args.scorecards_xlsx));
  }
  const IndexResult& all = source->tally.all;
  out << "Wrote " << args.out << ": " << source->tally.formula.title << " "
      << (all.overall_defined ? IndexText(true, all.overall) : std::string("(no value)"))
      << (source->tally.formula.score == IndexScore::kShare && all.overall_defined ? " %" : "")
      << " over " << source->tally.accepted << " accepted forms";
  if (source->tally.needs_review > 0) {
    out << " (" << source->tally.needs_review
        << " forms still wait for review and are not counted)";
  }
  if (const Tally& t = source->tally; t.weighting && t.unweighted && all.forms > 0) {
    // Kish's design effect of every respondent counted (stats/design_weights.h).
    const auto d = KishDesignEffectFromSums(all.forms, all.weight_sum, all.weight_squares);
    out << ", design-weighted by stratum (" << t.weighting->stratify_by << "): design effect "
        << IndexText(true, d->design_effect) << ", effective base "
        << IndexText(true, d->effective_n) << "; unweighted "
        << (t.unweighted->overall_defined ? IndexText(true, t.unweighted->overall) : "-");
  }
  out << ".\nData fingerprint " << in.data_fingerprint.substr(0, 16) << ", log head "
      << in.log_head.substr(0, 16) << ", data as of " << (in.date.empty() ? "-" : in.date) << ".\n";
  return Status::Ok();
}

}  // namespace phieu
