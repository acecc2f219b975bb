// phieu demo: the whole pipeline, as far as it is built, on a generated sample.

#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>

#include "cli/commands.h"
#include "core/builtin_surveys.h"
#include "core/csv.h"
#include "core/file.h"
#include "core/text.h"
#include "forms/form_batch.h"
#include "store/audit_store.h"
#include "store/database.h"
#include "store/form_store.h"
#include "store/sample_store.h"
#include "store/verify_store.h"
#include "synthetic/filled_scans.h"
#include "synthetic/synthetic_frame.h"
#include "verify/evaluate.h"

namespace phieu {
namespace {

constexpr const char* kMarker = ".phieu-demo";
constexpr const char* kSeed = "phieu-demo-2026";
constexpr int kScannedForms = 24;

// Makes `dir` ready for a fresh demo: creates it, or clears what an earlier demo left there.
// Refuses a non-empty folder that a demo did not create, so nobody's files are deleted.
Status PrepareDemoFolder(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::exists(dir)) {
    if (!fs::is_directory(dir)) return Status::Error(dir.string() + ": is a file, not a folder");
    const bool ours = fs::exists(dir / kMarker);
    if (!ours && !fs::is_empty(dir)) {
      return Status::Error(dir.string() +
                           " is not empty and was not made by 'phieu demo'; choose another --dir");
    }
    for (const auto& entry : fs::directory_iterator(dir)) fs::remove_all(entry.path(), error);
  }
  fs::create_directories(dir, error);
  if (error) return Status::Error(dir.string() + ": cannot create (" + error.message() + ")");
  return WriteFileAtomically((dir / kMarker).string(), "made by phieu demo; safe to delete\n");
}

// Plays the reviewer for the first mark waiting for a person: looks at the crop, and decides what
// the paper shows (here: the answer the generator meant, which a real reviewer reads off the crop).
// The scanned files by the collector their form was issued to (the form printed from
// `printed_file` at the file's first page): each collector brings back their own forms. A sheet
// that is no form (the empty one) comes back with the first collector's.
Result<std::map<std::string, std::vector<std::string>>> ReturnsByCollector(
    const std::string& db_path, const std::string& printed_file, const FilledScans& scans) {
  Result<std::unique_ptr<Database>> db = Database::Open(db_path);
  if (!db.ok()) return db.status();
  Result<std::vector<FormRecord>> forms = ListForms(**db, {});
  if (!forms.ok()) return forms.status();
  std::map<int, std::string> collector_at;  // first page in the printed file -> collector
  for (const FormRecord& f : *forms) {
    if (f.printed_file == printed_file && f.first_page > 0)
      collector_at[f.first_page] = f.collector;
  }
  std::map<std::string, std::vector<std::string>> returns;
  std::vector<std::string> no_form;
  for (const std::string& file : scans.files) {
    const auto page = scans.first_page.find(file);
    if (page == scans.first_page.end()) {
      no_form.push_back(file);
      continue;
    }
    const auto collector = collector_at.find(page->second);
    if (collector == collector_at.end()) {
      return Status::Error("demo: no printed form starts at page " + std::to_string(page->second) +
                           " of " + printed_file);
    }
    returns[collector->second].push_back(file);
  }
  if (returns.empty()) return Status::Error("demo: no scanned form was issued to a collector");
  auto& first = returns.begin()->second;
  first.insert(first.end(), no_form.begin(), no_form.end());
  return returns;
}

Status DecideOneReviewItem(const std::string& db_path, const FilledScans& scans,
                           const std::string& crop, std::ostream& out) {
  std::optional<ReviewItem> item;
  std::string file;
  {
    auto db = Database::Open(db_path);
    if (!db.ok()) return db.status();
    auto e = EvaluateDatabase(**db);
    if (!e.ok()) return e.status();
    for (const ReviewItem& r : e->result.review) {
      if (r.item.empty() || r.pages.empty()) continue;
      auto page = LoadIdentifiedPage(**db, r.pages.front());
      if (!page.ok()) return page.status();
      if (!page->has_value()) continue;
      item = r;
      file = std::filesystem::path((*page)->original_path).filename().string();
      break;
    }
  }
  if (!item) {
    out << "Nothing waits for a person in this batch.\n";
    return Status::Ok();
  }
  std::string value = "invalid";
  for (const auto& [path, truth] : scans.truth) {
    if (std::filesystem::path(path).filename() != file) continue;
    for (const ItemTruth& t : truth) {
      if (t.item != item->item) continue;
      value = t.intended.empty() ? "blank" : "";
      for (const std::string& o : t.intended) value += (value.empty() ? "" : ";") + o;
    }
  }
  PHIEU_RETURN_IF_ERROR(RunReviewShow(db_path, item->id, crop, out));
  ReviewDecideArgs decide;
  decide.db = db_path, decide.item = item->id, decide.value = value;
  decide.by = "Demo Reviewer";
  decide.note = "read off the paper (" + crop + ")";
  return RunReviewDecide(decide, out);
}

// Plays the auditors: they pull the drawn forms and write down what the paper shows (here: what
// the generator meant, which a real auditor reads off the paper), one respondent not reached by
// phone. Of the unreturned forms drawn for the delivery check, the first person says they never
// received the form (the finding the comparison then reports), the others that they did. Fills
// the CSV `phieu audit sheet --csv` wrote.
Status WriteAuditorReadings(const std::string& db_path, const FilledScans& scans,
                            const std::string& blank_csv, const std::string& filled_csv) {
  auto db = Database::Open(db_path);
  if (!db.ok()) return db.status();
  auto pages = LoadIdentifiedPages(**db);
  if (!pages.ok()) return pages.status();
  auto draw = LoadAuditDraw(**db);
  if (!draw.ok()) return draw.status();
  std::vector<std::string> unreturned;  // the delivery check's forms, in draw order
  if (draw->has_value()) {
    for (const AuditPick& p : (*draw)->draw.delivery.picks) unreturned.push_back(p.form_code);
  }
  std::map<std::string, std::map<std::string, std::string>> meant;  // form -> item -> cell
  for (const IdentifiedPage& p : *pages) {
    const std::string file = std::filesystem::path(p.original_path).filename().string();
    for (const auto& [path, truth] : scans.truth) {
      if (std::filesystem::path(path).filename() != file) continue;
      for (const ItemTruth& t : truth) meant[p.form_code][t.item] = Join(t.intended, ";");
    }
  }
  auto text = ReadFile(blank_csv);
  if (!text.ok()) return text.status();
  auto table = ParseCsv(*text, blank_csv);
  if (!table.ok()) return table.status();
  std::ostringstream csv;
  csv << kUtf8Bom;
  WriteCsvRecord(csv, table->header);
  for (std::size_t r = 0; r < table->records.size(); ++r) {
    std::vector<std::string> row = table->records[r].fields;
    const auto& cells = meant[row[0]];
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& column = table->header[c];
      if (column == "outcome") {
        const auto delivery = std::find(unreturned.begin(), unreturned.end(), row[0]);
        if (delivery == unreturned.end()) {
          row[c] = r == 1 ? "not-reached" : "confirmed";
        } else {
          row[c] = delivery == unreturned.begin() ? "not-received" : "received";
        }
        continue;
      }
      const auto cell = cells.find(column);
      if (cell != cells.end()) row[c] = cell->second;
    }
    WriteCsvRecord(csv, row);
  }
  return WriteFileAtomically(filled_csv, csv.str());
}

void Step(std::ostream& out, int number, int total, const std::string& title) {
  out << "\n== " << number << "/" << total << " " << title << "\n";
}

}  // namespace

Status RunDemo(const std::string& dir_flag, int people, std::ostream& out) {
  const std::filesystem::path dir(dir_flag);
  PHIEU_RETURN_IF_ERROR(PrepareDemoFolder(dir));
  const std::string db = (dir / "phieu.db").string();
  const std::string frame = (dir / "frame.csv").string();
  constexpr int kSteps = 17;

  Step(out, 1, kSteps, "Generate a sampling frame: made-up people who completed a procedure");
  SyntheticFrameOptions frame_options;
  frame_options.records = people * 5;
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(frame, SyntheticFrameCsv(frame_options)));
  out << "Wrote " << frame << " (" << frame_options.records << " records, "
      << frame_options.units.size() << " units)\n";

  Step(out, 2, kSteps, "Create the survey database (sipas-2022)");
  PHIEU_RETURN_IF_ERROR(RunInit(db, "sipas-2022", out));

  Step(out, 3, kSteps, "Draw the sample, stratified by unit, from a published seed");
  SampleDrawArgs draw;
  draw.db = db, draw.frame = frame, draw.seed = kSeed, draw.by = "unit";
  draw.size = people;
  draw.reserves = 3;
  PHIEU_RETURN_IF_ERROR(RunSampleDraw(draw, out));

  Step(out, 4, kSteps, "Replace a sampled person who was absent by the next reserve");
  Result<std::unique_ptr<Database>> opened = Database::Open(db);
  if (!opened.ok()) return opened.status();
  Result<std::vector<SampleMember>> members = ListSample(**opened, {});
  if (!members.ok()) return members.status();
  opened->reset();
  PHIEU_RETURN_IF_ERROR(RunSampleReplace(db, members->front().record.id, "absent", out));

  Step(out, 5, kSteps, "The sample list, in print order");
  SampleListArgs list;
  list.db = db;
  list.limit = 15;
  PHIEU_RETURN_IF_ERROR(RunSampleList(list, out));

  Step(out, 6, kSteps, "Print one personalised QR-coded form per sampled person");
  FormsPrintArgs print;
  print.db = db;
  print.out = (dir / "forms.pdf").string();
  // The built-in sipas-2022 has a placeholder row (Q10.8, marked draft) until the official
  // wording is known: the demo prints the watermarked trial copy that 'forms print --draft' makes.
  print.draft = true;
  PHIEU_RETURN_IF_ERROR(RunFormsPrint(print, out));

  Step(out, 7, kSteps, "The collectors' delivery lists");
  PHIEU_RETURN_IF_ERROR(
      RunFormsDeliveryList(db, "", (dir / "delivery-list.pdf").string(), false, out));

  // A tenth of the sample comes back in this demo batch (24 forms by default).
  const int scanned_forms = std::min(kScannedForms, std::max(3, people / 10));
  Step(out, 8, kSteps,
       "Forms come back filled: scans of " + std::to_string(scanned_forms) +
           " forms, some with problems");
  const BuiltinSurvey& builtin = *FindBuiltinSurvey("sipas-2022");
  Result<FormTemplate> tmpl = BuildFormTemplate(builtin.yaml_text, "sipas-2022");
  if (!tmpl.ok()) return tmpl.status();
  FilledScanOptions scan_options;
  scan_options.forms = scanned_forms;
  const std::string scans_dir = (dir / "scans" / "batch-1").string();
  Result<FilledScans> scans =
      WriteFilledScans(print.out, tmpl->survey, tmpl->layout, scans_dir, scan_options);
  if (!scans.ok()) return scans.status();
  out << "Wrote " << scans->files.size() << " scanned pages to " << scans_dir
      << " (a stained QR code, a sheet upside down, skewed pages, struck-out and faint marks, an "
         "empty sheet)\n";

  Step(out, 9, kSteps, "Scan them: each collector's returns as that collector's batch");
  Result<std::map<std::string, std::vector<std::string>>> returns =
      ReturnsByCollector(db, print.out, *scans);
  if (!returns.ok()) return returns.status();
  for (const auto& [collector, files] : *returns) {
    ScanArgs scan;
    scan.db = db;
    scan.paths = files;
    scan.batch = "demo " + collector;
    scan.operator_name = "demo";
    scan.collector = collector;
    PHIEU_RETURN_IF_ERROR(RunScan(scan, out));
  }

  Step(out, 10, kSteps, "Verify the returns against the sample list");
  VerifyArgs verify;
  verify.db = db;
  verify.forms = true;
  PHIEU_RETURN_IF_ERROR(RunVerify(verify, out));

  Step(out, 11, kSteps, "A person reviews a mark the scanner was unsure of");
  PHIEU_RETURN_IF_ERROR(RunReviewList(db, "marks", out));
  const std::string crop = (dir / "review-crop.png").string();
  PHIEU_RETURN_IF_ERROR(DecideOneReviewItem(db, *scans, crop, out));

  Step(out, 12, kSteps, "Export the readings for Excel");
  const std::string answers = (dir / "answers.csv").string();
  ExportAnswersArgs export_answers;
  export_answers.db = db, export_answers.out = answers;
  PHIEU_RETURN_IF_ERROR(RunExportAnswers(export_answers, out));

  Step(out, 13, kSteps, "Check the tamper-evident log against the database");
  PHIEU_RETURN_IF_ERROR(RunLogVerify(db, out));

  Step(out, 14, kSteps,
       "The auditors draw a tenth of the accepted forms to re-check, and a tenth of the forms "
       "never returned to ask whether they were delivered");
  AuditDrawArgs audit_draw;
  audit_draw.db = db, audit_draw.seed = "phuc-tra-demo-2026", audit_draw.by = "unit";
  audit_draw.pdf = (dir / "retrieval-list.pdf").string();
  audit_draw.csv = (dir / "retrieval-list.csv").string();
  PHIEU_RETURN_IF_ERROR(RunAuditDraw(audit_draw, out));

  Step(out, 15, kSteps,
       "They re-read the drawn forms blind and ask the unreturned forms' people; their readings "
       "meet the machine's");
  AuditSheetArgs sheet;
  sheet.db = db, sheet.out = (dir / "audit-sheets.pdf").string();
  sheet.csv = (dir / "audit-readings-blank.csv").string();
  PHIEU_RETURN_IF_ERROR(RunAuditSheet(sheet, out));
  AuditRecordArgs record;
  record.db = db, record.file = (dir / "audit-readings.csv").string();
  record.by = "Demo Auditor (MTTQ)";
  PHIEU_RETURN_IF_ERROR(WriteAuditorReadings(db, *scans, sheet.csv, record.file));
  PHIEU_RETURN_IF_ERROR(RunAuditRecord(record, out));
  AuditCompareArgs compare;
  compare.db = db, compare.out = (dir / "audit.pdf").string();
  PHIEU_RETURN_IF_ERROR(RunAuditCompare(compare, out));

  Step(out, 16, kSteps, "The report Home Affairs publishes");
  ReportArgs report;
  report.db = db;
  report.out = (dir / "report.pdf").string();
  report.period = "Khảo sát thử (phieu demo)";
  // A made-up province: the heading shows where a real one's names go.
  report.issuer.parent_agency = "UBND TỈNH THỬ NGHIỆM", report.issuer.agency = "SỞ NỘI VỤ";
  report.issuer.place = "Thử Nghiệm", report.issuer.number = "01/BC-SNV";
  PHIEU_RETURN_IF_ERROR(RunReport(report, out));

  Step(out, 17, kSteps, "The bundle an auditor checks on their own machine");
  AuditExportArgs bundle;
  bundle.db = db, bundle.dir = (dir / "audit-bundle").string(), bundle.redact = true;
  bundle.period = report.period;
  bundle.issuer = report.issuer;
  PHIEU_RETURN_IF_ERROR(RunAuditExport(bundle, out));
  // The demo's bundle is small: every page is read again (an auditor of a national bundle gives
  // --seed SEED and reads a share).
  AuditCheckArgs check;
  check.dir = bundle.dir, check.all = true;
  PHIEU_RETURN_IF_ERROR(RunAuditCheck(check, out));

  // A reviewer for the review station, after everything else: the demo's other outputs stay as
  // they were. The password is printed: the demo's data are made up.
  std::istringstream password("demo-review\n");
  std::ostringstream added;
  PHIEU_RETURN_IF_ERROR(RunUsersAdd(db, "Demo Reviewer", "reviewer", password, added));

  out << "\nDemo database: " << db << "\n"
      << "Forms:         " << print.out << "\n"
      << "Scans:         " << (dir / "scans").string() << "\n"
      << "Answers:       " << answers << "\n"
      << "Re-check:      " << compare.out << " (bundle: " << bundle.dir << ")\n"
      << "Report:        " << report.out << "\n"
      << "Try: phieu verify --signals --db " << db << "\n"
      << "     phieu review list --db " << db << "\n"
      << "     phieu log show --db " << db << "\n"
      << "Review station: phieu serve --db " << db
      << "   (then open http://127.0.0.1:8080/ and sign in as 'Demo Reviewer', password "
         "'demo-review')\n";
  return Status::Ok();
}

}  // namespace phieu
