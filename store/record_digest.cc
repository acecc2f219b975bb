#include "store/record_digest.h"

#include <stdexcept>

#include "core/crypto.h"
#include "store/sqlite.h"

namespace phieu::store_internal {
namespace {

// A kind of record: the query listing its keys, and the queries (?1 = key) whose rows make it up.
struct RecordKind {
  std::string_view name;
  std::string_view keys;
  std::vector<std::string_view> rows;
  // Queries of tables added by a later schema: they count only when they find rows, so the
  // digest of a record written before the table existed stays what the log holds.
  std::vector<std::string_view> later_rows = {};
};

const std::vector<RecordKind>& Kinds() {
  static const std::vector<RecordKind> kinds = {
      {"survey", "SELECT id FROM survey", {"SELECT * FROM survey WHERE id = ?1"}},
      // Facts about the database, the form secret among them (only its digest is logged).
      {"meta", "SELECT key FROM meta", {"SELECT * FROM meta WHERE key = ?1"}},
      {"sample_import",
       "SELECT id FROM sample_import",
       {"SELECT * FROM sample_import WHERE id = ?1"}},
      {"sample_draw",
       "SELECT id FROM sample_draw",
       {"SELECT * FROM sample_draw WHERE id = ?1",
        "SELECT * FROM sample_stratum WHERE draw_id = ?1 ORDER BY stratum"}},
      {"sample_member",
       "SELECT id FROM sample_member",
       {"SELECT * FROM sample_member WHERE id = ?1",
        "SELECT * FROM sample_attribute WHERE member_id = ?1 ORDER BY ordinal"}},
      // The part of a person's record an audit bundle keeps when it withholds their name,
      // address, phone and extra columns' values (store/bundle_copy.h): logged with every
      // sample_member, so a change to it shows even in a redacted copy.
      {"sample_member_public",
       "SELECT id FROM sample_member",
       {"SELECT id, position, unit, procedure, agency, completed_on, collector, import_id, "
        "draw_id, stratum, ticket, rank, drawn_as, status FROM sample_member WHERE id = ?1",
        "SELECT ordinal, name FROM sample_attribute WHERE member_id = ?1 ORDER BY ordinal"}},
      {"sample_replacement",
       "SELECT id FROM sample_replacement",
       {"SELECT * FROM sample_replacement WHERE id = ?1"}},
      {"template", "SELECT id FROM template", {"SELECT * FROM template WHERE id = ?1"}},
      {"form", "SELECT code FROM form", {"SELECT * FROM form WHERE code = ?1"}},
      {"print_run",
       "SELECT id FROM print_run",
       {"SELECT * FROM print_run WHERE id = ?1",
        "SELECT * FROM print_item WHERE print_id = ?1 ORDER BY form_code"}},
      // A page with its scores, the file it came from and the batch that brought it (the
      // collector and the date received decide verdicts). scan_file.complete is bookkeeping.
      {"scan_page",
       "SELECT id FROM scan_page",
       {"SELECT * FROM scan_page WHERE id = ?1",
        "SELECT * FROM bubble_score WHERE page_id = ?1 ORDER BY item, option",
        "SELECT * FROM text_box_ink WHERE page_id = ?1 ORDER BY question",
        "SELECT f.sha256, f.original_path, f.archive_path, f.bytes, f.pages, f.batch_id, "
        "f.scanned_at, b.name, b.operator, b.collector, b.received_on, b.started_at "
        "FROM scan_page p JOIN scan_file f ON f.sha256 = p.file_sha256 "
        "JOIN scan_batch b ON b.id = f.batch_id WHERE p.id = ?1"},
       {"SELECT * FROM bubble_evidence WHERE page_id = ?1 ORDER BY item, option",
        "SELECT * FROM bubble_shape WHERE page_id = ?1 ORDER BY item, option"}},
      {"setting", "SELECT key FROM setting", {"SELECT * FROM setting WHERE key = ?1"}},
      {"decision", "SELECT id FROM decision", {"SELECT * FROM decision WHERE id = ?1"}},
      // A person's transcription of a write-in box (schema.sql v11).
      {"writein", "SELECT id FROM writein", {"SELECT * FROM writein WHERE id = ?1"}},
      {"verify_run", "SELECT id FROM verify_run", {"SELECT * FROM verify_run WHERE id = ?1"}},
      {"verdict", "SELECT subject FROM verdict", {"SELECT * FROM verdict WHERE subject = ?1"}},
      {"audit_draw",
       "SELECT id FROM audit_draw",
       {"SELECT * FROM audit_draw WHERE id = ?1",
        "SELECT * FROM audit_stratum WHERE draw_id = ?1 ORDER BY name",
        "SELECT * FROM audit_pick WHERE draw_id = ?1 ORDER BY form_code"},
       {"SELECT * FROM audit_delivery WHERE draw_id = ?1",
        "SELECT * FROM audit_delivery_stratum WHERE draw_id = ?1 ORDER BY name",
        "SELECT * FROM audit_delivery_pick WHERE draw_id = ?1 ORDER BY form_code"}},
      {"audit_record",
       "SELECT id FROM audit_record",
       {"SELECT * FROM audit_record WHERE id = ?1",
        "SELECT * FROM audit_cell WHERE record_id = ?1 ORDER BY item"}},
      {"survey_period",
       "SELECT id FROM survey_period",
       {"SELECT * FROM survey_period WHERE id = ?1"}},
      // A channel file's import: every response and answer it brought.
      {"channel_import",
       "SELECT id FROM channel_import",
       {"SELECT * FROM channel_import WHERE id = ?1",
        "SELECT * FROM channel_response WHERE import_id = ?1 ORDER BY id",
        "SELECT a.* FROM channel_answer a JOIN channel_response r ON r.id = a.response_id "
        "WHERE r.import_id = ?1 ORDER BY a.response_id, a.item"}},
  };
  return kinds;
}

const RecordKind& FindKind(std::string_view name) {
  for (const RecordKind& kind : Kinds()) {
    if (kind.name == name) return kind;
  }
  throw std::logic_error("no record kind '" + std::string(name) + "'");
}

}  // namespace

const std::vector<std::string_view>& RecordKinds() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> list;
    for (const RecordKind& kind : Kinds()) list.push_back(kind.name);
    return list;
  }();
  return names;
}

struct RecordDigester::Impl {
  sqlite3* db;
  std::map<std::string_view, std::unique_ptr<Statement>> statements;  // by SQL text

  Statement& Prepared(std::string_view sql) {
    auto& slot = statements[sql];
    if (!slot) slot = std::make_unique<Statement>(db, sql);
    slot->Reset();
    return *slot;
  }
};

RecordDigester::RecordDigester(sqlite3* db) : impl_(std::make_unique<Impl>()) { impl_->db = db; }
RecordDigester::~RecordDigester() = default;

std::string RecordDigester::Digest(const RecordRef& ref) {
  const RecordKind& kind = FindKind(ref.record);
  std::string text = ref.record + "\n" + ref.key + "\n";
  bool any = false;
  for (std::size_t q = 0; q < kind.rows.size(); ++q) {
    Statement& s = impl_->Prepared(kind.rows[q]);
    s.Bind(1, ref.key);
    while (s.Step()) {
      if (q == 0) any = true;  // the record exists when its first query finds its row
      for (int c = 0; c < s.Columns(); ++c) {
        text += s.ColumnName(c) + "=" + s.Typed(c) + "\x1f";
      }
      text += "\x1e";
    }
    text += "\x1d";
  }
  for (std::string_view sql : kind.later_rows) {
    Statement& s = impl_->Prepared(sql);
    s.Bind(1, ref.key);
    std::string rows;
    while (s.Step()) {
      for (int c = 0; c < s.Columns(); ++c) rows += s.ColumnName(c) + "=" + s.Typed(c) + "\x1f";
      rows += "\x1e";
    }
    if (!rows.empty()) text += rows + "\x1d";
  }
  return any ? Sha256Hex(text) : std::string();
}

std::vector<std::string> RecordDigester::Keys(std::string_view kind) {
  Statement& s = impl_->Prepared(FindKind(kind).keys);
  std::vector<std::string> keys;
  while (s.Step()) keys.push_back(s.Text(0));
  return keys;
}

}  // namespace phieu::store_internal
