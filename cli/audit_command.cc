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

std::vector<std::string> Codes(const std::vector<AuditPick>& picks) {
  std::vector<std::string> codes;
  for (const AuditPick& p : picks) codes.push_back(p.form_code);
  return codes;
}

std::string DrawRule(const AuditDraw& d) {
  return FixedText(d.rate * 100, 1) + " % of " + std::to_string(d.candidates) + " accepted forms" +
         (d.by.empty() ? "" : ", by " + d.by);
}

// ", delivery check X % of N unreturned forms", or "" for a draw without a delivery check.
std::string DeliveryRule(const AuditDraw& d) {
  if (d.delivery.rate <= 0) return "";
  return ", delivery check " + FixedText(d.delivery.rate * 100, 1) + " % of " +
         std::to_string(d.delivery.candidates) + " unreturned forms";
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
    // A draw made before the delivery check had none: its unreturned rate is not compared.
    const bool same_delivery = draw.method != kAuditDrawMethod ||
                               std::abs(args.unreturned_rate - draw.delivery.rate) < 1e-9;
    const bool same = args.seed.empty() || (args.seed == draw.seed && args.by == draw.by &&
                                            std::abs(args.rate - draw.rate) < 1e-9 &&
                                            same_delivery);
    if (!same) {
      return Status::Error("the forms to re-check were already drawn (seed '" + draw.seed + "', " +
                           DrawRule(draw) + DeliveryRule(draw) + ", " + (*stored)->drawn_at +
                           "); a published draw is not redrawn. Without --seed this command "
                           "writes its lists again");
    }
    out << "The forms to re-check were drawn on " << (*stored)->drawn_at << " (seed '" << draw.seed
        << "'); writing the lists again.\n";
  } else {
    if (args.seed.empty())
      return Status::Error("--seed is required for the first draw: publish a seed");
    const AuditFrame frame = AuditFrameOf(c->evaluation.result);
    auto drawn = DrawAudit(frame.accepted, {args.seed, args.rate, args.by, args.unreturned_rate},
                           frame.unreturned);
    if (!drawn.ok()) return drawn.status();
    draw = std::move(drawn).value();
    PHIEU_RETURN_IF_ERROR(SaveAuditDraw(*c->db, draw));
    int waiting = 0;
    for (const FormResult& f : c->evaluation.result.forms)
      waiting += f.verdict == Verdict::kNeedsReview;
    out << "Drew " << draw.picks.size() << " of " << draw.candidates
        << " accepted forms to re-check (" << DrawRule(draw) << "), seed '" << draw.seed << "'.\n";
    if (!draw.delivery.picks.empty()) {
      out << "Drew " << draw.delivery.picks.size() << " of " << draw.delivery.candidates
          << " forms issued but never returned for the delivery check: the auditors ask each "
             "person whether they received the form.\n";
    }
    if (waiting > 0) {
      out << "Note: " << waiting << " forms still wait for review and could not be drawn.\n";
    }
    out << "Anyone can recompute it: ticket = sha256(SEED + \",\" + FORM CODE), lowest tickets "
           "first in each stratum, the accepted and the unreturned forms drawn apart.\n";
  }
  for (const AuditStratum& s : draw.strata) {
    if (!s.name.empty())
      out << "  " << PadRight(s.name, 24) << s.selected << " of " << s.forms << "\n";
  }
  for (const AuditStratum& s : draw.delivery.strata) {
    if (!s.name.empty()) {
      out << "  " << PadRight(s.name, 24) << s.selected << " of " << s.forms
          << " unreturned (delivery check)\n";
    }
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
  const auto add = [&](const AuditPick& p, bool unreturned) {
    AuditSheetForm f;
    f.form_code = p.form_code, f.unit = p.unit, f.collector = p.collector;
    f.unreturned = unreturned;
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
  };
  for (const AuditPick& p : stored->draw.picks) add(p, false);
  for (const AuditPick& p : stored->draw.delivery.picks) add(p, true);
  auto pdf = RenderAuditSheets(c->survey, forms);
  if (!pdf.ok()) return pdf.status();
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.out, *pdf));
  out << "Wrote " << stored->draw.picks.size() << " blind re-reading sheet(s)";
  if (!stored->draw.delivery.picks.empty()) {
    out << " and " << stored->draw.delivery.picks.size() << " delivery check sheet(s)";
  }
  out << " to " << args.out
      << " (no machine reading on them; they hold personal data: keep them safe).\n";
  if (!args.csv.empty()) {
    std::vector<std::string> codes;
    for (const AnswerItem& item : ReadableItems(c->survey)) codes.push_back(item.code);
    PHIEU_RETURN_IF_ERROR(WriteFileAtomically(args.csv, AuditReadingTemplateCsv(codes, csv_rows)));
    out << "Wrote " << args.csv << " for the auditors' readings: fill in one row per form, then "
        << "'phieu audit record " << args.csv << " --by NAME'.\n";
    if (!stored->draw.delivery.picks.empty()) {
      out << "A form of the delivery check (never returned) takes only an outcome: received, "
             "not-received or not-reached.\n";
    }
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
      ParseAuditReadings(*text, args.file, ReadableItems(c->survey), Codes(stored->draw.picks),
                         Codes(stored->draw.delivery.picks));
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
  const std::size_t drawn = stored->draw.picks.size() + stored->draw.delivery.picks.size();
  const int missing = static_cast<int>(drawn - all->size());
  out << all->size() << " of " << drawn << " drawn forms re-checked"
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
  const DeliveryTally& delivery = cmp.delivery.all;
  if (delivery.drawn > 0) {
    out << "  delivery check:    " << delivery.contacted << " of " << delivery.drawn
        << " unreturned forms' people reached: " << delivery.received << " received, "
        << delivery.not_received << " never received the form, " << delivery.not_reached
        << " not reached, " << delivery.drawn - delivery.recorded << " not asked yet\n";
    for (const DeliveryTally& t : cmp.delivery.by_collector) {
      if (t.not_received > 0) {
        out << "  never delivered:   " << t.not_received << " of " << t.contacted
            << " reached, collector " << t.name << "\n";
      }
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
