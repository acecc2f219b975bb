#include "store/audit_store.h"

#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"

namespace phieu {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

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
    Statement stratum(h, "INSERT INTO audit_stratum VALUES (1, ?, ?, ?)");
    for (const AuditStratum& s : draw.strata) {
      stratum.Reset();
      stratum.Bind(1, s.name).Bind(2, s.forms).Bind(3, s.selected).Run();
    }
    Statement pick(h, "INSERT INTO audit_pick VALUES (1, ?, ?, ?, ?, ?, ?)");
    for (const AuditPick& p : draw.picks) {
      pick.Reset();
      pick.Bind(1, p.form_code).Bind(2, p.unit).Bind(3, p.collector).Bind(4, p.stratum);
      pick.Bind(5, p.ticket).Bind(6, p.rank).Run();
    }
    const DeliveryDraw& delivery = draw.delivery;
    if (delivery.rate > 0) {
      Statement put_delivery(h, "INSERT INTO audit_delivery VALUES (1, ?, ?)");
      put_delivery.Bind(1, delivery.rate).Bind(2, delivery.candidates).Run();
      Statement delivery_stratum(h, "INSERT INTO audit_delivery_stratum VALUES (1, ?, ?, ?)");
      for (const AuditStratum& s : delivery.strata) {
        delivery_stratum.Reset();
        delivery_stratum.Bind(1, s.name).Bind(2, s.forms).Bind(3, s.selected).Run();
      }
      Statement delivery_pick(h, "INSERT INTO audit_delivery_pick VALUES (1, ?, ?, ?, ?, ?, ?)");
      for (const AuditPick& p : delivery.picks) {
        delivery_pick.Reset();
        delivery_pick.Bind(1, p.form_code).Bind(2, p.unit).Bind(3, p.collector);
        delivery_pick.Bind(4, p.stratum).Bind(5, p.ticket).Bind(6, p.rank).Run();
      }
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
    Statement strata(h, "SELECT name, forms, selected FROM audit_stratum ORDER BY name");
    while (strata.Step()) {
      d.draw.strata.push_back({strata.Text(0), static_cast<int>(strata.Int(1)),
                               static_cast<int>(strata.Int(2))});
    }
    Statement picks(h, "SELECT form_code, unit, collector, stratum, ticket, rank FROM audit_pick "
                       "ORDER BY stratum, rank");
    while (picks.Step()) {
      d.draw.picks.push_back({picks.Text(0), picks.Text(1), picks.Text(2), picks.Text(3),
                              picks.Text(4), static_cast<int>(picks.Int(5))});
    }
    Statement delivery(h, "SELECT rate, candidates FROM audit_delivery WHERE draw_id = 1");
    if (delivery.Step()) {
      d.draw.delivery.rate = delivery.Real(0);
      d.draw.delivery.candidates = static_cast<int>(delivery.Int(1));
    }
    Statement delivery_strata(
        h, "SELECT name, forms, selected FROM audit_delivery_stratum ORDER BY name");
    while (delivery_strata.Step()) {
      d.draw.delivery.strata.push_back({delivery_strata.Text(0),
                                        static_cast<int>(delivery_strata.Int(1)),
                                        static_cast<int>(delivery_strata.Int(2))});
    }
    Statement delivery_picks(h, "SELECT form_code, unit, collector, stratum, ticket, rank FROM "
                                "audit_delivery_pick ORDER BY stratum, rank");
    while (delivery_picks.Step()) {
      d.draw.delivery.picks.push_back(
          {delivery_picks.Text(0), delivery_picks.Text(1), delivery_picks.Text(2),
           delivery_picks.Text(3), delivery_picks.Text(4),
           static_cast<int>(delivery_picks.Int(5))});
    }
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
