#include "store/verify_store.h"

#include <map>

#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"
#include "store/stored_state.h"

namespace phieu {
namespace {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

constexpr const char* kPageQuery = R"sql(
  SELECT p.id, p.file_sha256, f.original_path, p.page_index, p.form_code, p.template_id,
         p.identified_by, p.page, p.tag_valid, b.name, b.collector, b.received_on, p.transform,
         p.quarter_turns, f.archive_path
  FROM scan_page p JOIN scan_file f ON f.sha256 = p.file_sha256
  JOIN scan_batch b ON b.id = f.batch_id
  WHERE p.form_code <> ''
    AND (p.outcome = 'read' OR (p.outcome = 'unidentified' AND p.identified_by = 'qr'))
)sql";

IdentifiedPage ReadPage(const Statement& s) {
  IdentifiedPage p;
  p.id = s.Int(0);
  p.file_sha256 = s.Text(1), p.original_path = s.Text(2);
  p.page_index = static_cast<int>(s.Int(3));
  p.form_code = s.Text(4), p.template_id = s.Text(5);
  p.identified_by = store_internal::StoredState(ParsePageIdentification, s.Text(6),
                                                "scan_page.identified_by");
  p.page = static_cast<int>(s.Int(7));
  p.tag_valid = s.Int(8) != 0;
  p.batch_name = s.Text(9), p.collector = s.Text(10), p.received_on = s.Text(11);
  p.transform = s.Text(12);
  p.quarter_turns = static_cast<int>(s.Int(13));
  p.archive_path = s.Text(14);
  return p;
}

// Fills in scores and inked boxes for `pages` (by id).
void LoadScores(sqlite3* h, std::vector<IdentifiedPage>& pages, const std::string& where) {
  std::map<std::int64_t, IdentifiedPage*> by_id;
  for (IdentifiedPage& p : pages) by_id[p.id] = &p;
  // Evidence is missing for pages stored before schema 6: coverage -1, the older rules; shape
  // before schema 7: span -1.
  Statement bubbles(h,
                    "SELECT page_id, item, option, fill, ink, outside, coalesce(coverage, -1), "
                    "coalesce(cross_mask, 0), coalesce(halo_mask, 0), coalesce(free_mask, 0), "
                    "coalesce(peak, 0), coalesce(ring, 1), coalesce(long_line, 0), coalesce(span, -1), "
                    "coalesce(thickness, 0) "
                    "FROM bubble_score LEFT JOIN bubble_evidence USING (page_id, item, option) "
                    "LEFT JOIN bubble_shape USING (page_id, item, option) " +
                        where + " ORDER BY page_id");
  while (bubbles.Step()) {
    if (auto it = by_id.find(bubbles.Int(0)); it != by_id.end()) {
      BubbleScore b{bubbles.Text(1), bubbles.Text(2), bubbles.Real(3), bubbles.Real(4),
                    bubbles.Real(5)};
      b.coverage = bubbles.Real(6);
      b.cross_mask = static_cast<int>(bubbles.Int(7));
      b.halo_mask = static_cast<int>(bubbles.Int(8));
      b.free_mask = static_cast<int>(bubbles.Int(9));
      b.peak = bubbles.Real(10);
      b.ring = bubbles.Real(11);
      b.long_line = bubbles.Int(12) != 0;
      b.span = bubbles.Real(13);
      b.thickness = bubbles.Real(14);
      it->second->bubbles.push_back(std::move(b));
    }
  }
  Statement boxes(h, "SELECT page_id, question FROM text_box_ink " + where +
                         (where.empty() ? " WHERE" : " AND") + " has_ink = 1 ORDER BY page_id, question");
  while (boxes.Step()) {
    if (auto it = by_id.find(boxes.Int(0)); it != by_id.end()) {
      it->second->inked_text_boxes.push_back(boxes.Text(1));
    }
  }
}

}  // namespace

Result<std::vector<IdentifiedPage>> LoadIdentifiedPages(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<IdentifiedPage>> {
    std::vector<IdentifiedPage> pages;
    Statement s(h, std::string(kPageQuery) + " ORDER BY p.id");
    while (s.Step()) pages.push_back(ReadPage(s));
    LoadScores(h, pages, "");
    return pages;
  });
}

Result<std::optional<IdentifiedPage>> LoadIdentifiedPage(Database& db, std::int64_t id) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::optional<IdentifiedPage>> {
    std::vector<IdentifiedPage> pages;
    Statement s(h, std::string(kPageQuery) + " AND p.id = ?");
    s.Bind(1, id);
    while (s.Step()) pages.push_back(ReadPage(s));
    if (pages.empty()) return std::optional<IdentifiedPage>();
    LoadScores(h, pages, "WHERE page_id = " + std::to_string(id));
    return std::optional<IdentifiedPage>(std::move(pages.front()));
  });
}

Result<std::vector<Decision>> ListDecisions(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<Decision>> {
    Statement s(h, "SELECT id, form_code, item, value, machine, decided_by, note, decided_at "
                   "FROM decision ORDER BY id");
    std::vector<Decision> decisions;
    while (s.Step()) {
      decisions.push_back({s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5),
                           s.Text(6), s.Text(7)});
    }
    return decisions;
  });
}

Result<Decision> RecordDecision(Database& db, Decision d) {
  sqlite3* h = Access::Handle(db);
  d.decided_at = UtcTimestampNow();
  const Status status = db.Transaction([&] {
    Statement s(h, "INSERT INTO decision (form_code, item, value, machine, decided_by, note, "
                   "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    s.Bind(1, d.form_code).Bind(2, d.item).Bind(3, d.value).Bind(4, d.machine);
    s.Bind(5, d.decided_by).Bind(6, d.note).Bind(7, d.decided_at).Run();
    d.id = sqlite3_last_insert_rowid(h);
    const std::string what = d.item.empty() ? d.form_code : d.form_code + "/" + d.item;
    store_internal::AppendEvent(h, "decision",
                                what + " = " + d.value + " by " + d.decided_by +
                                    " (machine read: " + d.machine + ")",
                                {{"decision", std::to_string(d.id)}});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return d;
}

Result<int> SaveVerifyRun(Database& db, const VerifyRunTotals& t,
                          const std::vector<StoredVerdict>& verdicts) {
  sqlite3* h = Access::Handle(db);
  int changed = 0;
  const Status status = db.Transaction([&] {
    Statement run(h, "INSERT INTO verify_run (window, forms, accepted, needs_review, rejected, "
                     "verified_at) VALUES (?, ?, ?, ?, ?, ?)");
    run.Bind(1, t.window).Bind(2, t.forms).Bind(3, t.accepted).Bind(4, t.needs_review);
    run.Bind(5, t.rejected).Bind(6, UtcTimestampNow()).Run();
    const std::int64_t run_id = sqlite3_last_insert_rowid(h);
    // A verdict keeps the run that last changed it, so an unchanged verdict stays as logged.
    Statement same(h, "SELECT 1 FROM verdict WHERE subject = ? AND sample_id = ? AND unit = ? AND "
                      "collector = ? AND verdict = ? AND reasons = ? AND notes = ?");
    Statement put(h, "INSERT OR REPLACE INTO verdict VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    std::vector<store_internal::RecordRef> written{{"verify_run", std::to_string(run_id)}};
    for (const StoredVerdict& v : verdicts) {
      same.Reset();
      same.Bind(1, v.subject).Bind(2, v.sample_id).Bind(3, v.unit).Bind(4, v.collector);
      same.Bind(5, v.verdict).Bind(6, v.reasons).Bind(7, v.notes);
      if (same.Step()) continue;
      put.Reset();
      put.Bind(1, v.subject).Bind(2, v.sample_id).Bind(3, v.unit).Bind(4, v.collector);
      put.Bind(5, v.verdict).Bind(6, v.reasons).Bind(7, v.notes).Bind(8, run_id).Run();
      written.push_back({"verdict", v.subject});
      ++changed;
    }
    store_internal::AppendEvent(
        h, "verify",
        std::to_string(t.forms) + " forms: " + std::to_string(t.accepted) + " accepted, " +
            std::to_string(t.needs_review) + " need review, " + std::to_string(t.rejected) +
            " rejected; " + std::to_string(changed) + " verdicts changed" +
            (t.window.empty() ? "" : "; window " + t.window),
        written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return changed;
}

Result<std::string> LastVerifyWindow(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::string> {
    Statement s(h, "SELECT window FROM verify_run ORDER BY id DESC LIMIT 1");
    return s.Step() ? s.Text(0) : std::string();
  });
}

}  // namespace phieu
