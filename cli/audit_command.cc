// phieu audit draw | sheet | record | compare: the auditors' re-check (phúc tra) of a published
// share of the accepted forms, blind to the machine's readings. The bundle an auditor checks on
// their own machine is cli/audit_bundle_command.cc.

#include <map>
#include <set>

#include "audit/audit_compare.h"
#include "audit/audit_compare_pdf.h"
#include "audit/audit_reading.h"
#include "audit/audit_sheet.h"
#include "audit/audit_state.h"
#include "audit/retrieval_list.h"
#include "cli/commands.h"
#include "core/crypto.h"
#include "core/file.h"
#include "core/survey_yaml.h"
#include "core/text.h"
#include "intake/archived_page.h"
#include "store/audit_store.h"
#include "store/event_log.h"
#include "store/output_guard.h"
#include "store/sample_store.h"
#include "store/scan_store.h"
#include "verify/evaluate.h"

namespace phieu {
namespace {

// What every audit command starts from: the database, its survey and the verification.
struct AuditContext {
  std::string path;
  std::unique_ptr<Database> db;
  Survey survey;
  Evaluation evaluation;
};

Result<AuditContext> OpenAudit(const std::string& db_flag) {
  AuditContext c;
  c.path = ResolveDatabasePath(db_flag);
  auto db = Database::Open(c.path);
  if (!db.ok()) return db.status();
  c.db = std::move(db).value();
  auto stored = c.db->Survey();
  if (!stored.ok()) return stored.status();
  auto survey = ParseSurveyYaml(stored->definition_yaml, c.path + " (survey)");
  if (!survey.ok()) return survey.status();
  c.survey = std::move(survey).value();
  auto evaluation = EvaluateDatabase(*c.db);
  if (!evaluation.ok()) return evaluation.status();
  c.evaluation = std::move(evaluation).value();
  return c;
}

Result<StoredAuditDraw> RequireDraw(AuditContext& c) {
  auto draw = LoadAuditDraw(*c.db);
  if (!draw.ok()) return draw.status();
  if (!draw->has_value()) {
    return Status::Error(c.path +
                         " has no audit draw yet: run 'phieu audit draw --seed SEED' first");
  }
  return std::move(**draw);
}

std::vector<std::string> PickedCodes(const AuditDraw& draw) {
  std::vector<std::string> codes;
  for (const AuditPick& p : draw.picks) codes.push_back(p.form_code);
  return codes;
}

std::string DrawRule(const AuditDraw& d) {
  return FixedText(d.rate * 100, 1) + " % of " + std::to_string(d.candidates) + " accepted forms" +
         (d.by.empty() ? "" : ", by " + d.by);
}

}  // namespace

Status RunAuditDraw(const AuditDrawArgs& args, std::ostream& out) {
  const std::string db_path = ResolveDatabasePath(args.db);
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(args.pdf, "--pdf", db_path));
  PHIEU_RETURN_IF_ERROR(
      CheckOutputPath(args.csv, "--csv", db_path, {{"the --pdf output", args.pdf}}));
  auto c = OpenAudit(args.db);
  if (!c.ok()) return c.status();
  auto stored = LoadAuditDraw(*c->db);
  if (!stored.ok()) return stored.status();
  AuditDraw draw;
  if (stored->has_value()) {
    draw = (*stored)->draw;
    const bool same = args.seed.empty() || (args.seed == draw.seed && args.by == draw.by &&
                                            std::abs(args.rate - draw.rate) < 1e-9);
    if (!same) {
      return Status::Error("the forms to re-check were already drawn (seed '" + draw.seed + "', " +
                           DrawRule(draw) + ", " + (*stored)->drawn_at +
                           "); a published draw is not redrawn. Without --seed this command "
                           "writes its lists again");
    }
    out << "The forms to re-check were drawn on " << (*stored)->drawn_at << " (seed '" << draw.seed
        << "'); writing the lists again.\n";
  } else {
    if (args.seed.empty())
      return Status::Error("--seed is required for the first draw: publish a seed");
    std::vector<AuditCandidate> candidates;
    for (const FormResult& f : c->evaluation.result.forms) {
      if (f.verdict == Verdict::kAccepted && f.in_sample) {
        candidates.push_back({f.code, f.unit, f.collector});
      }
    }
    auto drawn = DrawAudit(candidates, {args.seed, args.rate, args.by});
    if (!drawn.ok()) return drawn.status();
    draw = std::move(drawn).value();
    PHIEU_RETURN_IF_ERROR(SaveAuditDraw(*c->db, draw));
    int waiting = 0;
    for (const FormResult& f : c->evaluation.result.forms)
      waiting += f.verdict == Verdict::kNeedsReview;
    out << "Drew " << draw.picks.size() << " of " << draw.candidates
        << " accepted forms to re-check (" << DrawRule(draw) << "), seed '" << draw.seed << "'.\n";
    if (waiting > 0) {
      out << "Note: " << waiting << " forms still wait for review and could not be drawn.\n";
    }
    out << "Anyone can recompute it: ticket = sha256(SEED + \",\" + FORM CODE), lowest tickets "
           "first in each stratum.\n";
  }
  for (const AuditStratum& s : draw.strata) {
    if (!s.name.empty())
      out << "  " << PadRight(s.name, 24) << s.selected << " of " << s.forms << "\n";
  }
  auto places = ListSheetPlaces(*c->db);
  if (!places.ok()) return places.status();
  const std::vector<RetrievalRow> rows = RetrievalRows(draw, *places);
  auto pdf = RenderRetrievalPdf(Join(c->survey.title_lines, " "), draw, rows);
  if (!pdf.ok()) return pdf.status();
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.pdf, *pdf));
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.csv, RetrievalCsv(rows)));
  out << "Wrote the retrieval list to " << args.pdf << " and " << args.csv
      << " (form code, batch, place in the batch).\n";
  return Status::Ok();
}

Status RunAuditSheet(const AuditSheetArgs& args, std::ostream& out) {
  const std::string db_path = ResolveDatabasePath(args.db);
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(args.out, "--out", db_path));
  PHIEU_RETURN_IF_ERROR(
      CheckOutputPath(args.csv, "--csv", db_path, {{"the --out output", args.out}}));
  auto c = OpenAudit(args.db);
  if (!c.ok()) return c.status();
  auto stored = RequireDraw(*c);
  if (!stored.ok()) return stored.status();
  auto members = ListSample(*c->db, {"", true});
  if (!members.ok()) return members.status();
  std::map<std::string, const SampleRecord*> people;
  for (const SampleMember& m : *members) people[m.record.id] = &m.record;
  std::vector<AuditSheetForm> forms;
  std::vector<std::vector<std::string>> csv_rows;
  for (const AuditPick& p : stored->draw.picks) {
    AuditSheetForm f;
    f.form_code = p.form_code, f.unit = p.unit, f.collector = p.collector;
    const FormResult* result = c->evaluation.result.Find(p.form_code);
    if (result != nullptr) {
      f.sample_id = result->sample_id;
      const auto person = people.find(result->sample_id);
      if (person != people.end()) {
        f.name = person->second->name, f.address = person->second->address;
        f.phone = person->second->phone;
      }
    }
    forms.push_back(f);
    csv_rows.push_back({p.form_code, p.unit, p.collector});
  }
  auto pdf = RenderAuditSheets(c->survey, forms);
  if (!pdf.ok()) return pdf.status();
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.out, *pdf));
  out << "Wrote " << forms.size() << " blind re-reading sheet(s) to " << args.out
      << " (no machine reading on them; they hold personal data: keep them safe).\n";
  if (!args.csv.empty()) {
    std::vector<std::string> codes;
    for (const AnswerItem& item : ReadableItems(c->survey)) codes.push_back(item.code);
    PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.csv, AuditReadingTemplateCsv(codes, csv_rows)));
    out << "Wrote " << args.csv << " for the auditors' readings: fill in one row per form, then "
        << "'phieu audit record " << args.csv << " --by NAME'.\n";
  }
  return Status::Ok();
}

Status RunAuditRecord(const AuditRecordArgs& args, std::ostream& out) {
  if (Trim(args.by).empty()) return Status::Error("--by NAME: who re-read these forms");
  auto c = OpenAudit(args.db);
  if (!c.ok()) return c.status();
  auto stored = RequireDraw(*c);
  if (!stored.ok()) return stored.status();
  auto text = ReadFile(args.file);
  if (!text.ok()) return text.status();
  auto readings =
      ParseAuditReadings(*text, args.file, ReadableItems(c->survey), PickedCodes(stored->draw));
  if (!readings.ok()) {
    return Status::Error(readings.status().message() +
                         "\nNothing was recorded; correct the file "
                         "and run the command again");
  }
  if (readings->empty()) return Status::Error(args.file + " has no form: nothing was recorded");
  std::vector<AuditRecord> records;
  std::map<ContactOutcome, int> outcomes;
  for (const AuditReading& r : *readings) {
    records.push_back({0, r.form_code, std::string(ContactOutcomeCode(r.outcome)), r.cells,
                       std::string(Trim(args.by)), args.file, Sha256Hex(*text), ""});
    ++outcomes[r.outcome];
  }
  PHIEU_RETURN_IF_ERROR(SaveAuditRecords(*c->db, records));
  out << "Recorded " << records.size() << " re-checked form(s) from " << args.file << " by "
      << Trim(args.by) << ".\n";
  for (const auto& [outcome, n] : outcomes) {
    out << "  " << n << " × "
        << (outcome == ContactOutcome::kNotContacted ? "paper re-read only"
                                                     : ContactOutcomeCode(outcome))
        << "\n";
  }
  auto all = LoadLatestAuditRecords(*c->db);
  if (!all.ok()) return all.status();
  const int missing = static_cast<int>(stored->draw.picks.size() - all->size());
  out << all->size() << " of " << stored->draw.picks.size() << " drawn forms re-checked"
      << (missing > 0 ? "; " + std::to_string(missing) + " to go" : "") << ".\n";
  return Status::Ok();
}

Status RunAuditCompare(const AuditCompareArgs& args, std::ostream& out) {
  if (!(args.min_agreement >= 0 && args.min_agreement <= 100)) {
    return Status::Error("--min-agreement is a percentage between 0 and 100");
  }
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(args.out, "--out", ResolveDatabasePath(args.db)));
  auto c = OpenAudit(args.db);
  if (!c.ok()) return c.status();
  auto stored = RequireDraw(*c);
  if (!stored.ok()) return stored.status();
  auto state = LoadAuditState(*c->db, c->survey, c->evaluation, args.min_agreement);
  if (!state.ok()) return state.status();
  AuditPdfInput in;
  in.survey_title = Join(c->survey.title_lines, " ");
  in.draw = stored->draw;
  in.comparison = (*state)->comparison;
  auto head = LogHead(*c->db);
  if (!head.ok()) return head.status();
  in.log_head = *head;
  for (const AuditDiscrepancy& d : in.comparison.discrepancies) {
    PaperCrop crop;
    if (d.page_id != 0) {
      auto page = LoadArchivedPage(*c->db, d.page_id);
      if (!page.ok()) return page.status();
      const GreyImage image = ItemRowCrop(*page, d.item);
      crop = {image.width, image.height, image.pixels};
    }
    in.crops.push_back(std::move(crop));
  }
  auto pdf = RenderAuditComparePdf(in);
  if (!pdf.ok()) return pdf.status();
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.out, *pdf));
  const AuditComparison& cmp = in.comparison;
  out << cmp.verdict << "\n";
  out << "  forms re-checked:  " << cmp.recorded << " of " << cmp.selected << "\n";
  out << "  items compared:    " << cmp.all.compared << ", agreeing " << cmp.all.agreeing << " ("
      << FixedText(cmp.all.Rate(), 1) << " %)\n";
  for (const auto& [outcome, n] : cmp.outcomes) {
    if (outcome != ContactOutcome::kNotContacted) {
      out << "  contact:           " << n << " × " << ContactOutcomeCode(outcome) << "\n";
    }
  }
  for (const AuditDiscrepancy& d : cmp.discrepancies) {
    out << "  differs: " << d.form_code << " " << d.item << ": machine '" << d.machine
        << "', auditor '" << d.auditor << "'"
        << (d.decided_by.empty() ? "" : " (decided by " + d.decided_by + ")") << "\n";
  }
  out << "Wrote " << args.out << ".\n";
  return Status::Ok();
}

}  // namespace phieu
