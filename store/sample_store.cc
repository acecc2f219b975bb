#include "store/sample_store.h"

#include <map>

#include "core/error_list.h"
#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"
#include "store/stored_state.h"

namespace phieu {
namespace {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

constexpr const char* kMemberColumns =
    "id, unit, name, address, phone, procedure, agency, completed_on, collector";

SampleRecord ReadRecordColumns(const Statement& s) {
  SampleRecord r;
  r.id = s.Text(0), r.unit = s.Text(1), r.name = s.Text(2), r.address = s.Text(3);
  r.phone = s.Text(4), r.procedure = s.Text(5), r.agency = s.Text(6);
  r.completed_on = s.Text(7), r.collector = s.Text(8);
  return r;
}

std::vector<std::pair<std::string, std::string>> LoadAttributes(sqlite3* h, const std::string& id) {
  std::vector<std::pair<std::string, std::string>> attributes;
  Statement s(h, "SELECT name, value FROM sample_attribute WHERE member_id = ? ORDER BY ordinal");
  s.Bind(1, id);
  while (s.Step()) attributes.emplace_back(s.Text(0), s.Text(1));
  return attributes;
}

MemberStatus StoredStatus(const std::string& text) {
  return store_internal::StoredState(ParseMemberStatus, text, "sample_member.status");
}

// The member with `id` as the rules see it; nullopt when the sample has no such id. A status the
// rules do not know (a newer schema) is refused rather than read as another.
std::optional<ExistingMember> LoadMember(sqlite3* h, const std::string& id) {
  Statement s(h, std::string("SELECT ") + kMemberColumns +
                     ", status, draw_id IS NOT NULL, stratum FROM sample_member WHERE id = ?");
  s.Bind(1, id);
  if (!s.Step()) return std::nullopt;
  ExistingMember member;
  member.record = ReadRecordColumns(s);
  member.status = StoredStatus(s.Text(9));
  member.drawn = s.Int(10) != 0;
  member.stratum = s.Text(11);
  member.record.attributes = LoadAttributes(h, id);
  return member;
}

int NextPosition(sqlite3* h) {
  Statement s(h, "SELECT COALESCE(MAX(position), 0) + 1 FROM sample_member");
  s.Step();
  return static_cast<int>(s.Int(0));
}

struct MemberOrigin {
  std::optional<std::int64_t> import_id, draw_id;
  std::string stratum, ticket;
  int rank = 0;
  DrawRole drawn_as = DrawRole::kSampled;
};

void InsertMember(sqlite3* h, const SampleRecord& r, int position, const MemberOrigin& origin) {
  Statement s(h,
              "INSERT INTO sample_member (id, position, unit, name, address, phone, procedure, "
              "agency, completed_on, collector, import_id, draw_id, stratum, ticket, rank, "
              "drawn_as, status) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.Bind(1, r.id).Bind(2, position).Bind(3, r.unit).Bind(4, r.name).Bind(5, r.address);
  s.Bind(6, r.phone).Bind(7, r.procedure).Bind(8, r.agency).Bind(9, r.completed_on);
  s.Bind(10, r.collector);
  origin.import_id ? s.Bind(11, *origin.import_id) : s.BindNull(11);
  origin.draw_id ? s.Bind(12, *origin.draw_id) : s.BindNull(12);
  s.Bind(13, origin.stratum).Bind(14, origin.ticket).Bind(15, origin.rank);
  s.Bind(16, DrawRoleName(origin.drawn_as)).Bind(17, DrawRoleName(origin.drawn_as));
  s.Run();
  Statement a(h, "INSERT INTO sample_attribute VALUES (?, ?, ?, ?)");
  for (std::size_t i = 0; i < r.attributes.size(); ++i) {
    a.Bind(1, r.id).Bind(2, static_cast<int>(i)).Bind(3, r.attributes[i].first);
    a.Bind(4, r.attributes[i].second).Run();
    a.Reset();
  }
}

}  // namespace

Result<SampleImportSummary> ImportSampleList(Database& db, const std::string& file_name,
                                             const std::string& file_sha256,
                                             const std::vector<SampleRecord>& records) {
  sqlite3* h = Access::Handle(db);
  SampleImportSummary summary;
  Status status = db.Transaction([&]() -> Status {
    Statement seen(h, "SELECT 1 FROM sample_import WHERE file_sha256 = ?");
    seen.Bind(1, file_sha256);
    if (seen.Step()) {
      summary.already_imported = true;
      return Status::Ok();
    }
    ErrorList conflicts(file_name, 20);
    std::vector<const SampleRecord*> fresh;
    for (const SampleRecord& record : records) {
      const ImportRuling ruling = RuleOnImport(record, LoadMember(h, record.id));
      switch (ruling.outcome) {
        case ImportOutcome::kAdd: fresh.push_back(&record); break;
        case ImportOutcome::kUnchanged: ++summary.unchanged; break;
        case ImportOutcome::kRefused: conflicts.Add(record.line, ruling.reason); break;
      }
    }
    PHIEU_RETURN_IF_ERROR(conflicts.ToStatus());
    Statement insert(h,
                     "INSERT INTO sample_import (file_name, file_sha256, records, added, "
                     "imported_at) VALUES (?, ?, ?, ?, ?)");
    insert.Bind(1, file_name).Bind(2, file_sha256).Bind(3, static_cast<int>(records.size()));
    insert.Bind(4, static_cast<int>(fresh.size())).Bind(5, UtcTimestampNow()).Run();
    MemberOrigin origin;
    origin.import_id = sqlite3_last_insert_rowid(h);
    int position = NextPosition(h);
    std::vector<store_internal::RecordRef> written{
        {"sample_import", std::to_string(*origin.import_id)}};
    for (const SampleRecord* record : fresh) {
      InsertMember(h, *record, position++, origin);
      written.push_back({"sample_member", record->id});
    }
    summary.added = static_cast<int>(fresh.size());
    store_internal::AppendEvent(h, "import",
                                file_name + ": " + std::to_string(summary.added) + " people added",
                                written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return summary;
}

Result<SaveDrawSummary> SaveDraw(Database& db, const DrawInfo& info, const DrawResult& result) {
  sqlite3* h = Access::Handle(db);
  SaveDrawSummary summary;
  Status status = db.Transaction([&]() -> Status {
    Statement existing(h,
                       "SELECT seed, method, frame_file, frame_sha256, frame_records, "
                       "stratify_by, size_rule, reserves, drawn_at FROM sample_draw");
    if (existing.Step()) {
      const DrawInfo stored{existing.Text(0), existing.Text(1), existing.Text(2),
                            existing.Text(3), static_cast<int>(existing.Int(4)),
                            existing.Text(5), existing.Text(6), static_cast<int>(existing.Int(7))};
      if (IsSameDraw(stored, info)) {
        summary.already_drawn = true;
        return Status::Ok();
      }
      return Status::Error("this database already holds a draw (seed '" + stored.seed +
                           "', drawn " + existing.Text(8) +
                           "); a database holds one draw, so use a new database for another");
    }
    std::string clashes;
    int clash_count = 0;
    Statement member(h, "SELECT 1 FROM sample_member WHERE id = ?");
    for (const DrawnRecord& drawn : result.drawn) {
      member.Bind(1, drawn.record.id);
      if (member.Step() && ++clash_count <= 10) clashes += " '" + drawn.record.id + "'";
      member.Reset();
    }
    if (clash_count > 0) {
      return Status::Error(std::to_string(clash_count) +
                           " drawn id(s) are already in the sample (imported):" + clashes);
    }
    Statement insert(h,
                     "INSERT INTO sample_draw (seed, method, frame_file, frame_sha256, "
                     "frame_records, stratify_by, size_rule, reserves, drawn_at) "
                     "VALUES (?,?,?,?,?,?,?,?,?)");
    insert.Bind(1, info.seed).Bind(2, info.method).Bind(3, info.frame_file);
    insert.Bind(4, info.frame_sha256).Bind(5, info.frame_records).Bind(6, info.stratify_by);
    insert.Bind(7, info.size_rule).Bind(8, info.reserves).Bind(9, UtcTimestampNow()).Run();
    const std::int64_t draw_id = sqlite3_last_insert_rowid(h);
    Statement stratum(h, "INSERT INTO sample_stratum VALUES (?, ?, ?, ?, ?)");
    for (const StratumSummary& s : result.strata) {
      stratum.Bind(1, draw_id).Bind(2, s.stratum).Bind(3, s.frame_size).Bind(4, s.sampled);
      stratum.Bind(5, s.reserves).Run();
      stratum.Reset();
    }
    int position = NextPosition(h);
    std::vector<store_internal::RecordRef> written{{"sample_draw", std::to_string(draw_id)}};
    for (const DrawnRecord& drawn : result.drawn) {
      MemberOrigin origin{std::nullopt, draw_id, drawn.stratum, drawn.ticket, drawn.rank,
                          drawn.role};
      InsertMember(h, drawn.record, position++, origin);
      written.push_back({"sample_member", drawn.record.id});
    }
    store_internal::AppendEvent(h, "draw",
                                "seed '" + info.seed + "', " + std::to_string(result.drawn.size()) +
                                    " people drawn from " + info.frame_file,
                                written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return summary;
}

Result<std::optional<StoredDraw>> LoadDraw(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::optional<StoredDraw>> {
    Statement s(h,
                "SELECT id, seed, method, frame_file, frame_sha256, frame_records, stratify_by, "
                "size_rule, reserves, drawn_at FROM sample_draw");
    if (!s.Step()) return std::optional<StoredDraw>();
    StoredDraw draw;
    const std::int64_t id = s.Int(0);
    draw.info = {s.Text(1), s.Text(2), s.Text(3), s.Text(4), static_cast<int>(s.Int(5)),
                 s.Text(6), s.Text(7), static_cast<int>(s.Int(8))};
    draw.drawn_at = s.Text(9);
    Statement strata(h,
                     "SELECT stratum, frame_size, sampled, reserves FROM sample_stratum "
                     "WHERE draw_id = ? ORDER BY stratum");
    strata.Bind(1, id);
    while (strata.Step()) {
      draw.strata.push_back({strata.Text(0), static_cast<int>(strata.Int(1)),
                             static_cast<int>(strata.Int(2)), static_cast<int>(strata.Int(3))});
    }
    Statement members(h,
                      "SELECT id, stratum, ticket, rank, drawn_as FROM sample_member "
                      "WHERE draw_id = ? ORDER BY stratum, rank");
    members.Bind(1, id);
    while (members.Step()) {
      draw.entries.push_back({members.Text(0), members.Text(1), members.Text(2),
                              static_cast<int>(members.Int(3)),
                              members.Text(4) == DrawRoleName(DrawRole::kReserve) ? DrawRole::kReserve
                                                           : DrawRole::kSampled});
    }
    return std::optional<StoredDraw>(std::move(draw));
  });
}

Result<Replacement> ReplaceSampleMember(Database& db, const std::string& id,
                                        const std::string& reason) {
  PHIEU_RETURN_IF_ERROR(CheckReplacementReason(reason));
  sqlite3* h = Access::Handle(db);
  Replacement replacement{id, "", "", reason};
  Status status = db.Transaction([&]() -> Status {
    const std::optional<ExistingMember> member = LoadMember(h, id);
    std::string replaced_by, replaced_on;
    if (member && member->status == MemberStatus::kReplaced) {
      Statement by(h, "SELECT reserve_id, replaced_at FROM sample_replacement WHERE replaced_id = ?");
      by.Bind(1, id);
      if (by.Step()) replaced_by = by.Text(0), replaced_on = by.Text(1);
    }
    PHIEU_RETURN_IF_ERROR(CheckReplaceable(id, member, replaced_by, replaced_on));
    replacement.stratum = member->stratum;
    std::vector<StratumEntry> stratum;
    Statement entries(h,
                      "SELECT id, rank, status FROM sample_member WHERE draw_id IS NOT NULL AND "
                      "stratum = ?");
    entries.Bind(1, replacement.stratum);
    while (entries.Step()) {
      stratum.push_back({entries.Text(0), static_cast<int>(entries.Int(1)),
                         StoredStatus(entries.Text(2))});
    }
    Result<std::string> next = NextReserve(replacement.stratum, id, stratum);
    if (!next.ok()) return next.status();
    replacement.reserve_id = *next;
    Statement update(h, "UPDATE sample_member SET status = ? WHERE id = ?");
    update.Bind(1, MemberStatusName(MemberStatus::kReplaced)).Bind(2, id).Run();
    update.Reset();
    update.Bind(1, MemberStatusName(MemberStatus::kSampled)).Bind(2, replacement.reserve_id).Run();
    // A form printed for the replaced person must not stay on a collector's list; if it comes
    // back anyway, verification sees a voided code.
    std::vector<store_internal::RecordRef> written{{"sample_member", id},
                                                   {"sample_member", replacement.reserve_id}};
    Statement issued(h, "SELECT code FROM form WHERE sample_id = ? AND status = 'issued'");
    issued.Bind(1, id);
    while (issued.Step()) written.push_back({"form", issued.Text(0)});
    Statement void_form(h,
                        "UPDATE form SET status = 'voided', void_reason = ?, voided_at = ? "
                        "WHERE sample_id = ? AND status = 'issued'");
    void_form.Bind(1, "person replaced in the sample (" + reason + ")");
    void_form.Bind(2, UtcTimestampNow()).Bind(3, id).Run();
    Statement record(h,
                     "INSERT INTO sample_replacement (replaced_id, reserve_id, reason, "
                     "replaced_at) VALUES (?, ?, ?, ?)");
    record.Bind(1, id).Bind(2, replacement.reserve_id).Bind(3, reason);
    record.Bind(4, UtcTimestampNow()).Run();
    written.push_back({"sample_replacement", std::to_string(sqlite3_last_insert_rowid(h))});
    store_internal::AppendEvent(h, "replace",
                                id + " replaced by " + replacement.reserve_id + " (" + reason + ")",
                                written);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return replacement;
}

Result<std::vector<SampleMember>> ListSample(Database& db, const SampleFilter& filter) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<SampleMember>> {
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> attributes;
    Statement a(h, "SELECT member_id, name, value FROM sample_attribute ORDER BY member_id, ordinal");
    while (a.Step()) attributes[a.Text(0)].emplace_back(a.Text(1), a.Text(2));

    std::string sql = std::string("SELECT ") + kMemberColumns +
                      ", position, status, stratum, ticket, rank, "
                      "(SELECT replaced_id FROM sample_replacement WHERE reserve_id = m.id), "
                      "(SELECT reserve_id FROM sample_replacement WHERE replaced_id = m.id) "
                      "FROM sample_member m WHERE (?1 = '' OR unit = ?1)";
    if (!filter.include_reserves) sql += " AND status = 'sampled'";
    sql += " ORDER BY position";
    Statement s(h, sql);
    s.Bind(1, filter.unit);
    std::vector<SampleMember> members;
    while (s.Step()) {
      SampleMember m;
      m.record = ReadRecordColumns(s);
      if (auto found = attributes.find(m.record.id); found != attributes.end()) {
        m.record.attributes = found->second;
      }
      m.position = static_cast<int>(s.Int(9));
      m.status = StoredStatus(s.Text(10));
      m.stratum = s.Text(11), m.ticket = s.Text(12);
      m.rank = static_cast<int>(s.Int(13));
      m.replaces = s.Text(14), m.replaced_by = s.Text(15);
      members.push_back(std::move(m));
    }
    return members;
  });
}

}  // namespace phieu
