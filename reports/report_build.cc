#include "reports/report_build.h"

#include <algorithm>
#include <set>

#include "audit/audit_state.h"
#include "core/crypto.h"
#include "core/text.h"
#include "verify/answer_export.h"

namespace phieu {
namespace {

std::vector<std::string> SplitUnits(const std::string& text) {
  std::vector<std::string> units;
  for (const std::string& part : Split(text, ',')) {
    if (!Trim(part).empty()) units.emplace_back(Trim(part));
  }
  return units;
}

// The latest date a counted page was received: the report's date unless one is given.
std::string LatestReceived(const Evaluation& e) {
  std::set<std::string> accepted;
  for (const FormResult& f : e.result.forms) {
    if (f.verdict == Verdict::kAccepted) accepted.insert(f.code);
  }
  std::string latest;
  for (const IdentifiedPage& p : e.input.pages) {
    if (accepted.contains(p.form_code)) latest = std::max(latest, p.received_on);
  }
  return latest;
}

// The re-check's line: the draw and the auditors' verdict on the report's units ("" when nothing
// was drawn for re-checking).
Result<std::string> RecheckText(Database& db, const Survey& survey, const Evaluation& evaluation,
                                const std::vector<std::string>& units) {
  auto state = LoadAuditState(db, survey, evaluation, 99.0, units);
  if (!state.ok()) return state.status();
  if (!state->has_value()) return std::string();
  const AuditDraw& draw = (*state)->draw.draw;
  return "rút ngẫu nhiên " + std::to_string(draw.picks.size()) + " trong " +
         std::to_string(draw.candidates) + " phiếu được chấp nhận (hạt giống '" + draw.seed +
         "', tỷ lệ " + FixedText(draw.rate * 100, 1) + " %" +
         (units.empty() ? "" : "; các phiếu rút được của đơn vị trong báo cáo") + "). " +
         (*state)->comparison.verdict;
}

}  // namespace

Result<BuiltReport> BuildReport(Database& db, const ReportOptions& args) {
  if (!args.date.empty() && !IsIsoDate(args.date)) {
    return Status::Error("--date is YYYY-MM-DD, not '" + args.date + "'");
  }
  const std::vector<std::string> units = SplitUnits(args.units);
  auto source = LoadTally(db, args.formula, "unit", units);
  if (!source.ok()) return source.status();
  ReportInput in;
  in.survey = source->survey;
  in.tally = source->tally;
  in.period = args.period;
  for (const std::string& u : units) in.units += (in.units.empty() ? "" : ", ") + u;
  in.date = args.date.empty() ? LatestReceived(source->evaluation) : args.date;
  in.data_fingerprint = Sha256Hex(AnswersCsv(source->evaluation.input, source->evaluation.result));
  in.log_head = source->log_head;
  if (source->draw) {
    in.draw_seed = source->draw->info.seed;
    in.draw_method = source->draw->info.method;
    in.draw_rule = source->draw->info.size_rule;
    in.draw_frame = source->draw->info.frame_file;
    in.draw_frame_sha256 = source->draw->info.frame_sha256;
  }
  auto recheck = RecheckText(db, source->survey, source->evaluation, units);
  if (!recheck.ok()) return recheck.status();
  in.recheck = *recheck;
  auto pdf = RenderReportPdf(in);
  if (!pdf.ok()) return pdf.status();
  return BuiltReport{std::move(source).value(), std::move(in), std::move(pdf).value()};
}

}  // namespace phieu
