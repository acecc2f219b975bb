// phieu report: the published PDF report (reports/report_pdf.h) of the accepted forms.

#include <iostream>
#include <set>

#include "cli/commands.h"
#include "cli/tally_source.h"
#include "core/crypto.h"
#include "core/file.h"
#include "core/text.h"
#include "reports/report_pdf.h"
#include "reports/tally_csv.h"
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

}  // namespace

Status RunReport(const ReportArgs& args, std::ostream& out) {
  if (!args.date.empty() && !IsIsoDate(args.date)) {
    return Status::Error("--date is YYYY-MM-DD, not '" + args.date + "'");
  }
  const std::vector<std::string> units = SplitUnits(args.units);
  auto source = LoadTally(args.db, args.formula, "unit", units);
  if (!source.ok()) return source.status();
  ReportInput in;
  in.survey = source->survey;
  in.tally = source->tally;
  in.period = args.period;
  for (const std::string& u : units) in.units += (in.units.empty() ? "" : ", ") + u;
  in.date = args.date.empty() ? LatestReceived(source->evaluation) : args.date;
  in.data_fingerprint =
      Sha256Hex(AnswersCsv(source->evaluation.input, source->evaluation.result));
  in.log_head = source->log_head;
  if (source->draw) {
    in.draw_seed = source->draw->info.seed;
    in.draw_method = source->draw->info.method;
    in.draw_rule = source->draw->info.size_rule;
    in.draw_frame = source->draw->info.frame_file;
    in.draw_frame_sha256 = source->draw->info.frame_sha256;
  }
  auto pdf = RenderReportPdf(in);
  if (!pdf.ok()) return pdf.status();
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.out, *pdf));
  const IndexResult& all = source->tally.all;
  out << "Wrote " << args.out << ": " << source->tally.formula.title << " "
      << (all.overall_defined ? IndexText(true, all.overall) : std::string("(no value)"))
      << (source->tally.formula.score == IndexScore::kShare && all.overall_defined ? " %" : "")
      << " over " << source->tally.accepted << " accepted forms";
  if (source->tally.needs_review > 0) {
    out << " (" << source->tally.needs_review << " forms still wait for review and are not counted)";
  }
  out << ".\nData fingerprint " << in.data_fingerprint.substr(0, 16) << ", log head "
      << in.log_head.substr(0, 16) << ", data as of " << (in.date.empty() ? "-" : in.date) << ".\n";
  return Status::Ok();
}

void AddReportCommand(CLI::App& app, Action& action) {
  auto args = std::make_shared<ReportArgs>();
  CLI::App* cmd = app.add_subcommand("report", "Write the published PDF report");
  cmd->add_option("--out", args->out, "PDF file to write")->required();
  cmd->add_option("--period", args->period, "The period the report covers, e.g. \"Năm 2026\"");
  cmd->add_option("--units", args->units, "Only these units, separated by commas");
  cmd->add_option("--date", args->date,
                  "The date the data is as of (default: the latest date a counted form was "
                  "received)");
  cmd->add_option("--formula", args->formula,
                  "An index formula file (default: the built-in one for the survey)");
  AddDatabaseOption(*cmd, args->db);
  cmd->callback([args, &action] { action = [args] { return RunReport(*args, std::cout); }; });
}

}  // namespace phieu
