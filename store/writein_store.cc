#include "store/writein_store.h"

#include <stdexcept>

#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"

namespace phieu {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

namespace {

WriteInState StateFromName(const std::string& name) {
  if (name == "text") return WriteInState::kText;
  if (name == "illegible") return WriteInState::kIllegible;
  if (name == "empty") return WriteInState::kEmpty;
  // The table's CHECK allows nothing else.
  throw std::logic_error("writein.state '" + name + "'");
}

}  // namespace

const char* WriteInStateName(WriteInState state) {
  switch (state) {
    case WriteInState::kText: return "text";
    case WriteInState::kIllegible: return "illegible";
    case WriteInState::kEmpty: return "empty";
  }
  return "text";
}

Result<std::vector<BoxInk>> ListBoxInk(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<BoxInk>> {
    std::vector<BoxInk> list;
    Statement s(h, "SELECT page_id, question, ink FROM text_box_ink ORDER BY page_id, question");
    while (s.Step()) list.push_back({s.Int(0), s.Text(1), s.Real(2)});
    return list;
  });
}

Result<std::vector<Transcription>> ListTranscriptions(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<Transcription>> {
    std::vector<Transcription> list;
    Statement s(h, "SELECT id, form_code, page, box, state, text, page_id, transcribed_by, "
                   "transcribed_at FROM writein ORDER BY id");
    while (s.Step()) {
      Transcription t;
      t.id = s.Int(0), t.form_code = s.Text(1), t.page = static_cast<int>(s.Int(2));
      t.box = s.Text(3), t.state = StateFromName(s.Text(4)), t.text = s.Text(5);
      t.page_id = s.Int(6), t.by = s.Text(7), t.at = s.Text(8);
      list.push_back(std::move(t));
    }
    return list;
  });
}

Result<Transcription> RecordTranscription(Database& db, Transcription t) {
  sqlite3* h = Access::Handle(db);
  t.at = UtcTimestampNow();
  if (t.state != WriteInState::kText) t.text.clear();
  const Status status = db.Transaction([&] {
    Statement s(h, "INSERT INTO writein (form_code, page, box, state, text, page_id, "
                   "transcribed_by, transcribed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.Bind(1, t.form_code).Bind(2, t.page).Bind(3, t.box).Bind(4, WriteInStateName(t.state));
    s.Bind(5, t.text).Bind(6, t.page_id).Bind(7, t.by).Bind(8, t.at).Run();
    t.id = sqlite3_last_insert_rowid(h);
    // The summary is public (log show, the audit bundle): it names the box, never the words.
    store_internal::AppendEvent(h, "writein",
                                t.form_code + "/" + t.box + " transcribed (" +
                                    WriteInStateName(t.state) + ") by " + t.by,
                                {{"writein", std::to_string(t.id)}});
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return t;
}

namespace {
constexpr const char* kThresholdKey = "writein.queue_from_mm2";
}  // namespace

Result<std::optional<double>> LoadWriteInThreshold(Database& db) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::optional<double>> {
    Statement s(h, "SELECT value FROM setting WHERE key = ?");
    s.Bind(1, kThresholdKey);
    if (!s.Step()) return std::optional<double>();
    return std::optional<double>(std::stod(s.Text(0)));
  });
}

Status SaveWriteInThreshold(Database& db, double mm2, const std::string& summary) {
  sqlite3* h = Access::Handle(db);
  return db.Transaction([&] {
    Statement s(h, "INSERT OR REPLACE INTO setting VALUES (?, ?)");
    s.Bind(1, kThresholdKey).Bind(2, std::to_string(mm2)).Run();
    store_internal::AppendEventForChanged(h, "setting", summary, {{"setting", kThresholdKey}});
    return Status::Ok();
  });
}

}  // namespace phieu
