#include "store/scan_store.h"

#include <sstream>

#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"
#include "store/stored_state.h"

namespace phieu {
namespace {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

std::string TransformText(const std::array<double, 9>& m) {
  std::ostringstream out;
  out.precision(12);
  for (std::size_t i = 0; i < m.size(); ++i) out << (i ? " " : "") << m[i];
  return out.str();
}

}  // namespace

Result<std::int64_t> CreateScanBatch(Database& db, const ScanBatchInfo& b) {
  sqlite3* h = Access::Handle(db);
  std::int64_t id = 0;
  const Status status = db.Transaction([&] {
    Statement s(h, "INSERT INTO scan_batch (name, operator, collector, received_on, started_at) "
                   "VALUES (?, ?, ?, ?, ?)");
    s.Bind(1, b.name).Bind(2, b.operator_name).Bind(3, b.collector).Bind(4, b.received_on);
    s.Bind(5, UtcTimestampNow()).Run();
    id = sqlite3_last_insert_rowid(h);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<OpenedBatch> OpenScanBatch(Database& db, const ScanBatchInfo& b) {
  sqlite3* h = Access::Handle(db);
  OpenedBatch opened;
  const Status status = db.Transaction([&] {
    Statement found(h, "SELECT id, collector, received_on FROM scan_batch WHERE name = ? "
                       "ORDER BY id LIMIT 1");
    found.Bind(1, b.name);
    if (found.Step()) {
      const std::string at = "batch '" + b.name + "' was started ";
      const std::string advice = ": give another --batch name";
      if (!b.collector.empty() && b.collector != found.Text(1)) {
        return Status::Error(at + (found.Text(1).empty() ? "for no collector"
                                                         : "for collector '" + found.Text(1) + "'") +
                             ", not '" + b.collector + "'" + advice);
      }
      if (!b.received_on.empty() && b.received_on != found.Text(2)) {
        return Status::Error(at + "as received on " + found.Text(2) + ", not " + b.received_on +
                             advice);
      }
      opened = {found.Int(0), true, b.name};
      return Status::Ok();
    }
    Statement s(h, "INSERT INTO scan_batch (name, operator, collector, received_on, started_at) "
                   "VALUES (?, ?, ?, ?, ?)");
    const std::string now = UtcTimestampNow();
    s.Bind(1, b.name).Bind(2, b.operator_name).Bind(3, b.collector);
    s.Bind(4, b.received_on.empty() ? now.substr(0, 10) : b.received_on).Bind(5, now).Run();
    opened = {sqlite3_last_insert_rowid(h), false, b.name};
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return opened;
}

Result<OpenedBatch> StartNewScanBatch(Database& db, const ScanBatchInfo& b) {
  sqlite3* h = Access::Handle(db);
  OpenedBatch opened;
  const Status status = db.Transaction([&] {
    Statement taken(h, "SELECT 1 FROM scan_batch WHERE name = ?");
    std::string name = b.name;
    for (int n = 2;; ++n) {
      taken.Reset();
      taken.Bind(1, name);
      if (!taken.Step()) break;
      name = b.name + " (" + std::to_string(n) + ")";
    }
    Statement s(h,
                "INSERT INTO scan_batch (name, operator, collector, received_on, started_at) "
                "VALUES (?, ?, ?, ?, ?)");
    const std::string now = UtcTimestampNow();
    s.Bind(1, name).Bind(2, b.operator_name).Bind(3, b.collector);
    s.Bind(4, b.received_on.empty() ? now.substr(0, 10) : b.received_on).Bind(5, now).Run();
    opened = {sqlite3_last_insert_rowid(h), false, name};
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return opened;
}

Result<KnownScanFile> LookupScanFile(Database& db, const std::string& sha256) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<KnownScanFile> {
    KnownScanFile known;
    Statement file(h, "SELECT f.complete, f.original_path, b.name FROM scan_file f "
                      "JOIN scan_batch b ON b.id = f.batch_id WHERE f.sha256 = ?");
    file.Bind(1, sha256);
    if (!file.Step()) return known;
    known.known = true;
    known.complete = file.Int(0) != 0;
    known.original_path = file.Text(1);
    known.batch = file.Text(2);
    Statement pages(h, "SELECT page_index FROM scan_page WHERE file_sha256 = ?");
    pages.Bind(1, sha256);
    while (pages.Step()) known.stored_pages.insert(static_cast<int>(pages.Int(0)));
    return known;
  });
}

Status StartScanFile(Database& db, const std::string& sha256, const std::string& original_path,
                     const std::string& archive_path, std::int64_t bytes, int pages,
                     std::int64_t batch_id) {
  sqlite3* h = Access::Handle(db);
  return db.Transaction([&] {
    Statement s(h, "INSERT OR IGNORE INTO scan_file (sha256, original_path, archive_path, bytes, "
                   "pages, batch_id, scanned_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.Bind(1, sha256).Bind(2, original_path).Bind(3, archive_path).Bind(4, bytes).Bind(5, pages);
    s.Bind(6, batch_id).Bind(7, UtcTimestampNow()).Run();
    return Status::Ok();
  });
}

Status CompleteScanFile(Database& db, const std::string& sha256) {
  sqlite3* h = Access::Handle(db);
  return db.Transaction([&] {
    Statement s(h, "UPDATE scan_file SET complete = 1 WHERE sha256 = ?");
    s.Bind(1, sha256).Run();
    return Status::Ok();
  });
}

Status StorePage(Database& db, const std::string& file_sha256, const PageRecord& p) {
  sqlite3* h = Access::Handle(db);
  return db.Transaction([&] {
    Statement exists(h, "SELECT 1 FROM scan_page WHERE file_sha256 = ? AND page_index = ?");
    exists.Bind(1, file_sha256).Bind(2, p.page_index);
    if (exists.Step()) return Status::Ok();
    Statement page(h,
                   "INSERT INTO scan_page (file_sha256, page_index, outcome, reason, identified_by, "
                   "qr_text, template_id, form_code, page, tag_valid, quarter_turns, marks_found, "
                   "residual_px, transform, paper_level, ink_level, read_at) "
                   "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    page.Bind(1, file_sha256).Bind(2, p.page_index).Bind(3, PageOutcomeName(p.outcome)).Bind(4, p.reason);
    page.Bind(5, PageIdentificationName(p.identified_by)).Bind(6, p.qr_text).Bind(7, p.template_id).Bind(8, p.form_code);
    page.Bind(9, p.page).Bind(10, p.tag_valid ? 1 : 0).Bind(11, p.quarter_turns);
    page.Bind(12, p.marks_found);
    page.Bind(13, p.residual_px);
    page.Bind(14, TransformText(p.transform));
    page.Bind(15, p.paper_level).Bind(16, p.ink_level);
    page.Bind(17, UtcTimestampNow()).Run();
    const std::int64_t id = sqlite3_last_insert_rowid(h);
    Statement bubble(h, "INSERT INTO bubble_score VALUES (?, ?, ?, ?, ?, ?)");
    Statement evidence(h, "INSERT INTO bubble_evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    Statement shape(h, "INSERT INTO bubble_shape VALUES (?, ?, ?, ?, ?)");
    for (const BubbleScore& b : p.bubbles) {
      bubble.Bind(1, id).Bind(2, b.item).Bind(3, b.option);
      bubble.Bind(4, b.fill).Bind(5, b.ink).Bind(6, b.outside).Run();
      bubble.Reset();
      if (b.coverage < 0) continue;
      evidence.Bind(1, id).Bind(2, b.item).Bind(3, b.option).Bind(4, b.coverage).Bind(5, b.peak);
      evidence.Bind(6, b.cross_mask).Bind(7, b.halo_mask).Bind(8, b.free_mask);
      evidence.Bind(9, b.ring).Bind(10, b.long_line ? 1 : 0).Run();
      evidence.Reset();
      if (b.span < 0) continue;
      shape.Bind(1, id).Bind(2, b.item).Bind(3, b.option).Bind(4, b.span).Bind(5, b.thickness);
      shape.Run();
      shape.Reset();
    }
    Statement box(h, "INSERT INTO text_box_ink VALUES (?, ?, ?, ?)");
    for (const TextBoxRecord& t : p.text_boxes) {
      box.Bind(1, id).Bind(2, t.question).Bind(3, t.ink).Bind(4, t.has_ink ? 1 : 0);
      box.Run();
      box.Reset();
    }
    const std::string what =
        p.form_code.empty() ? std::string(PageOutcomeName(p.outcome)) : p.form_code + " page " + std::to_string(p.page);
    store_internal::AppendEvent(h, "scan",
                                file_sha256.substr(0, 12) + " page " +
                                    std::to_string(p.page_index + 1) + ": " + what,
                                {{"scan_page", std::to_string(id)}});
    return Status::Ok();
  });
}

Result<std::vector<PageRecord>> ListScanPages(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<PageRecord>> {
    Statement s(h, "SELECT page_index, outcome, reason, identified_by, qr_text, template_id, "
                   "form_code, page, tag_valid, quarter_turns, marks_found, residual_px "
                   "FROM scan_page ORDER BY file_sha256, page_index");
    std::vector<PageRecord> pages;
    while (s.Step()) {
      PageRecord p;
      p.page_index = static_cast<int>(s.Int(0));
      p.outcome = store_internal::StoredState(ParsePageOutcome, s.Text(1), "scan_page.outcome");
      p.reason = s.Text(2);
      p.identified_by = store_internal::StoredState(ParsePageIdentification, s.Text(3),
                                                    "scan_page.identified_by");
      p.qr_text = s.Text(4), p.template_id = s.Text(5), p.form_code = s.Text(6);
      p.page = static_cast<int>(s.Int(7));
      p.tag_valid = s.Int(8) != 0;
      p.quarter_turns = static_cast<int>(s.Int(9));
      p.marks_found = static_cast<int>(s.Int(10));
      p.residual_px = s.Real(11);
      pages.push_back(std::move(p));
    }
    return pages;
  });
}

Result<std::vector<ArchivedFile>> ListArchivedFiles(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<ArchivedFile>> {
    Statement s(h, "SELECT sha256, archive_path, original_path FROM scan_file ORDER BY archive_path");
    std::vector<ArchivedFile> files;
    while (s.Step()) files.push_back({s.Text(0), s.Text(1), s.Text(2)});
    return files;
  });
}

Result<std::vector<SheetPlace>> ListSheetPlaces(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<SheetPlace>> {
    Statement s(h, R"sql(
      SELECT form_code, page, name, original_path, page_index, sheet FROM (
        SELECT p.form_code, p.page, b.name, f.original_path, p.page_index,
               ROW_NUMBER() OVER (PARTITION BY b.name ORDER BY f.original_path, p.page_index)
                 AS sheet
        FROM scan_page p JOIN scan_file f ON f.sha256 = p.file_sha256
        JOIN scan_batch b ON b.id = f.batch_id)
      WHERE form_code <> '' ORDER BY form_code, page, name, sheet)sql");
    std::vector<SheetPlace> places;
    while (s.Step()) {
      places.push_back({s.Text(0), static_cast<int>(s.Int(1)), s.Text(2), s.Text(3),
                        static_cast<int>(s.Int(4)) + 1, static_cast<int>(s.Int(5))});
    }
    return places;
  });
}

Result<std::map<std::string, std::string>> TemplateLayouts(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::map<std::string, std::string>> {
    std::map<std::string, std::string> layouts;
    Statement s(h, "SELECT id, layout_json FROM template");
    while (s.Step()) layouts[s.Text(0)] = s.Text(1);
    return layouts;
  });
}

Result<std::map<std::string, std::string>> FormCodeTemplates(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::map<std::string, std::string>> {
    std::map<std::string, std::string> codes;
    Statement s(h, "SELECT code, template_id FROM form");
    while (s.Step()) codes[s.Text(0)] = s.Text(1);
    return codes;
  });
}

namespace {

// The thresholds kept as settings, by key ("mark." + the field's name).
std::vector<std::pair<std::string, double*>> ThresholdFields(MarkThresholds& t) {
  return {{"mark.blank_coverage", &t.blank_coverage},
          {"mark.stroke_coverage", &t.stroke_coverage},
          {"mark.stroke_span", &t.stroke_span},
          {"mark.stroke_thickness", &t.stroke_thickness},
          {"mark.solid_coverage", &t.solid_coverage},
          {"mark.full_coverage", &t.full_coverage},
          {"mark.strong_ink", &t.strong_ink},
          {"mark.sharp_ring", &t.sharp_ring},
          {"mark.blurred_share", &t.blurred_share},
          {"mark.light_stroke_coverage", &t.light_stroke_coverage},
          {"mark.light_stroke_peak", &t.light_stroke_peak},
          {"mark.light_stroke_span", &t.light_stroke_span},
          {"mark.light_stroke_reach", &t.light_stroke_reach},
          {"mark.light_stroke_thickness", &t.light_stroke_thickness},
          {"mark.faint_fill", &t.faint_fill},
          {"mark.trace_ink", &t.trace_ink},
          {"mark.trace_above", &t.trace_above},
          {"mark.trace_peak_above", &t.trace_peak_above},
          {"mark.circled_share", &t.circled_share},
          {"mark.trusted_ring", &t.trusted_ring},
          {"mark.several_outside_above", &t.several_outside_above},
          {"mark.struck_thickness", &t.struck_thickness},
          {"mark.dot_span", &t.dot_span},
          {"mark.creased_ring", &t.creased_ring},
          {"mark.empty_below", &t.empty_below},
          {"mark.filled_from", &t.filled_from},
          {"mark.solid_from", &t.solid_from},
          {"mark.struck_outside", &t.struck_outside}};
}

}  // namespace

Result<MarkThresholds> LoadMarkThresholds(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<MarkThresholds> {
    MarkThresholds t;
    Statement s(h, "SELECT key, value FROM setting WHERE key LIKE 'mark.%'");
    while (s.Step()) {
      const std::string key = s.Text(0);
      const double value = std::stod(s.Text(1));
      for (const auto& [name, field] : ThresholdFields(t)) {
        if (key == name) *field = value;
      }
      if (key == "mark.struck_arms") t.struck_arms = static_cast<int>(value);
    }
    return t;
  });
}

Status SaveMarkThresholds(Database& db, const MarkThresholds& t, const std::string& summary) {
  sqlite3* h = Access::Handle(db);
  return db.Transaction([&] {
    Statement s(h, "INSERT OR REPLACE INTO setting VALUES (?, ?)");
    std::vector<store_internal::RecordRef> written;
    MarkThresholds copy = t;
    std::vector<std::pair<std::string, double>> values;
    for (const auto& [key, field] : ThresholdFields(copy)) values.emplace_back(key, *field);
    values.emplace_back("mark.struck_arms", t.struck_arms);
    for (const auto& [key, value] : values) {
      s.Bind(1, key).Bind(2, std::to_string(value)).Run();
      s.Reset();
      written.push_back({"setting", key});
    }
    store_internal::AppendEventForChanged(h, "rescore", summary, written);
    return Status::Ok();
  });
}

}  // namespace phieu
