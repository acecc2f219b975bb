#include "store/audit_store.h"

#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"

namespace phieu {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

namespace {

// The strata and picks of one list of a draw (the re-read's, or the delivery check's), in the
// tables `strata_table` and `picks_table` (store/schema.sql: the same columns each).
void SaveList(sqlite3* h, const std::string& strata_table, const std::string& picks_table,
              const std::vector<AuditStratum>& strata, const std::vector<AuditPick>& picks) {
  Statement stratum(h, "INSERT INTO " + strata_table + " VALUES (1, ?, ?, ?)");
  for (const AuditStratum& s : strata) {
    stratum.Reset();
    stratum.Bind(1, s.name).Bind(2, s.forms).Bind(3, s.selected).Run();
  }
  Statement pick(h, "INSERT INTO " + picks_table + " VALUES (1, ?, ?, ?, ?, ?, ?)");
  for (const AuditPick& p : picks) {
    pick.Reset();
    pick.Bind(1, p.form_code).Bind(2, p.unit).Bind(3, p.collector).Bind(4, p.stratum);
    pick.Bind(5, p.ticket).Bind(6, p.rank).Run();
  }
}

void LoadList(sqlite3* h, const std::string& strata_table, const std::string& picks_table,
              std::vector<AuditStratum>& strata, std::vector<AuditPick>& picks) {
  Statement s(h, "SELECT name, forms, selected FROM " + strata_table + " ORDER BY name");
  while (s.Step()) {
    strata.push_back({s.Text(0), static_cast<int>(s.Int(1)), static_cast<int>(s.Int(2))});
  }
  Statement p(h, "SELECT form_code, unit, collector, stratum, ticket, rank FROM " + picks_table +
                     " ORDER BY stratum, rank");
  while (p.Step()) {
    picks.push_back(
        {p.Text(0), p.Text(1), p.Text(2), p.Text(3), p.Text(4), static_cast<int>(p.Int(5))});
  }
}

}  // namespace

Status SaveAuditDraw(Database& db, const AuditDraw& draw) {
  sqlite3* h = Access::Handle(db);
  return db.Transaction([&] {
    Statement existing(h, "SELECT seed, drawn_at FROM audit_draw");
    if (existing.Step()) {
      return Status::Error("the forms to re-check were already drawn (seed '" + existing.Text(0) +
                           "', " + existing.Text(1) +
                           "); a published draw is not redrawn: 'phieu audit draw' without "
                           "--seed writes its lists again");
    }
    Statement put(h, "INSERT INTO audit_draw (id, seed, method, rate, by, candidates, drawn_at) "
                     "VALUES (1, ?, ?, ?, ?, ?, ?)");
    put.Bind(1, draw.seed).Bind(2, draw.method).Bind(3, draw.rate).Bind(4, draw.by);
    put.Bind(5, draw.candidates).Bind(6, UtcTimestampNow()).Run();
    SaveList(h, "audit_stratum", "audit_pick", draw.strata, draw.picks);
    const DeliveryDraw& delivery = draw.delivery;
    if (delivery.rate > 0) {
      Statement put_delivery(h, "INSERT INTO audit_delivery VALUES (1, ?, ?)");
      put_delivery.Bind(1, delivery.rate).Bind(2, delivery.candidates).Run();
      SaveList(h, "audit_delivery_stratum", "audit_delivery_pick", delivery.strata,
               delivery.picks);
    }
    std::string what = std::to_string(draw.picks.size()) + " of " +
                       std::to_string(draw.candidates) +
                       " accepted forms drawn for re-checking";
    if (!delivery.picks.empty()) {
      what += ", " + std::to_string(delivery.picks.size()) + " of " +
              std::to_string(delivery.candidates) + " unreturned forms for the delivery check";
    }
    store_internal::AppendEvent(h, "audit-draw", what + ", seed '" + draw.seed + "'",
                                {{"audit_draw", "1"}});
    return Status::Ok();
  });
}

Result<std::optional<StoredAuditDraw>> LoadAuditDraw(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::optional<StoredAuditDraw>> {
    Statement s(h, "SELECT seed, method, rate, by, candidates, drawn_at FROM audit_draw");
    if (!s.Step()) return std::optional<StoredAuditDraw>();
    StoredAuditDraw d;
    d.draw.seed = s.Text(0), d.draw.method = s.Text(1), d.draw.rate = s.Real(2);
    d.draw.by = s.Text(3), d.draw.candidates = static_cast<int>(s.Int(4));
    d.drawn_at = s.Text(5);
    LoadList(h, "audit_stratum", "audit_pick", d.draw.strata, d.draw.picks);
    Statement delivery(h, "SELECT rate, candidates FROM audit_delivery WHERE draw_id = 1");
    if (delivery.Step()) {
      d.draw.delivery.rate = delivery.Real(0);
      d.draw.delivery.candidates = static_cast<int>(delivery.Int(1));
    }
    LoadList(h, "audit_delivery_stratum", "audit_delivery_pick", d.draw.delivery.strata,
             d.draw.delivery.picks);
    return std::optional<StoredAuditDraw>(std::move(d));
  });
}

Status SaveAuditRecords(Database& db, std::vector<AuditRecord>& records) {
  sqlite3* h = Access::Handle(db);
  const std::string now = UtcTimestampNow();
  return db.Transaction([&] {
    Statement put(h, "INSERT INTO audit_record (form_code, outcome, recorded_by, source_file, "
                     "source_sha256, recorded_at) VALUES (?, ?, ?, ?, ?, ?)");
    Statement cell(h, "INSERT INTO audit_cell VALUES (?, ?, ?)");
    std::vector<store_internal::RecordRef> written;
    for (AuditRecord& r : records) {
      r.recorded_at = now;
      put.Reset();
      put.Bind(1, r.form_code).Bind(2, r.outcome).Bind(3, r.recorded_by).Bind(4, r.source_file);
      put.Bind(5, r.source_sha256).Bind(6, r.recorded_at).Run();
      r.id = sqlite3_last_insert_rowid(h);
      for (const auto& [item, value] : r.cells) {
        cell.Reset();
        cell.Bind(1, r.id).Bind(2, item).Bind(3, value).Run();
      }
      written.push_back({"audit_record", std::to_string(r.id)});
    }
    const std::string who = records.empty() ? "" : records.front().recorded_by;
    const std::string file = records.empty() ? "" : records.front().source_file;
    store_internal::AppendEvent(h, "audit-record",
                                std::to_string(records.size()) + " re-checked form(s) from " +
                                    file + " by " + who,
                                written);
    return Status::Ok();
  });
}

Result<std::vector<AuditRecord>> LoadLatestAuditRecords(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<AuditRecord>> {
    Statement s(h, "SELECT id, form_code, outcome, recorded_by, source_file, source_sha256, "
                   "recorded_at FROM audit_record r WHERE id = (SELECT MAX(id) FROM audit_record "
                   "WHERE form_code = r.form_code) ORDER BY form_code");
    Statement cells(h, "SELECT item, cell FROM audit_cell WHERE record_id = ?");
    std::vector<AuditRecord> records;
    while (s.Step()) {
      AuditRecord r;
      r.id = s.Int(0), r.form_code = s.Text(1), r.outcome = s.Text(2), r.recorded_by = s.Text(3);
      r.source_file = s.Text(4), r.source_sha256 = s.Text(5), r.recorded_at = s.Text(6);
      cells.Reset();
      cells.Bind(1, r.id);
      while (cells.Step()) r.cells[cells.Text(0)] = cells.Text(1);
      records.push_back(std::move(r));
    }
    return records;
  });
}

}  // namespace phieu
