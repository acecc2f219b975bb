#include "store/form_store.h"

#include "core/text.h"
#include "store/event_append.h"
#include "store/sqlite.h"

namespace phieu {
namespace {

using store_internal::Access;
using store_internal::Guard;
using store_internal::Statement;

// Stores the template unless it is there; returns true when it was new.
bool SaveTemplateIfNew(sqlite3* h, const StoredTemplate& t) {
  Statement s(h,
              "INSERT OR IGNORE INTO template (id, survey_hash, definition_yaml, layout_json, "
              "pages, created_at) VALUES (?, ?, ?, ?, ?, ?)");
  s.Bind(1, t.id).Bind(2, t.survey_hash).Bind(3, t.definition_yaml).Bind(4, t.layout_json);
  s.Bind(5, t.pages).Bind(6, UtcTimestampNow()).Run();
  return sqlite3_changes(h) > 0;
}

// A code not used before (codes are random: a clash is possible, only very unlikely).
std::string UnusedCode(sqlite3* h, const std::function<std::string()>& new_code) {
  Statement exists(h, "SELECT 1 FROM form WHERE code = ?");
  while (true) {
    std::string code = new_code();
    exists.Bind(1, code);
    const bool taken = exists.Step();
    exists.Reset();
    if (!taken) return code;
  }
}

void InsertForm(sqlite3* h, const std::string& code, const std::string& sample_id,
                const std::string& template_id, const std::string& replaces) {
  Statement s(h,
              "INSERT INTO form (code, sample_id, template_id, status, issued_at, replaces) "
              "VALUES (?, ?, ?, 'issued', ?, ?)");
  s.Bind(1, code).Bind(2, sample_id).Bind(3, template_id).Bind(4, UtcTimestampNow());
  replaces.empty() ? s.BindNull(5) : s.Bind(5, replaces);
  s.Run();
}

// Forms joined with their person, template and latest print position.
constexpr const char* kFormQuery = R"sql(
  SELECT f.code, f.sample_id, f.template_id, f.status, f.issued_at, COALESCE(f.replaces, ''),
         f.void_reason, m.unit, m.collector, m.name, m.address, m.position, t.pages,
         COALESCE((SELECT r.file FROM print_item i JOIN print_run r ON r.id = i.print_id
                   WHERE i.form_code = f.code ORDER BY r.id DESC LIMIT 1), ''),
         COALESCE((SELECT i.first_page FROM print_item i WHERE i.form_code = f.code
                   ORDER BY i.print_id DESC LIMIT 1), 0),
         m.status = 'reserve', m.status = 'replaced', m.phone
  FROM form f JOIN sample_member m ON m.id = f.sample_id JOIN template t ON t.id = f.template_id
)sql";

FormRecord ReadForm(const Statement& s) {
  FormRecord f;
  f.code = s.Text(0), f.sample_id = s.Text(1), f.template_id = s.Text(2);
  f.status = s.Text(3) == "voided" ? FormStatus::kVoided : FormStatus::kIssued;
  f.issued_at = s.Text(4), f.replaces = s.Text(5), f.void_reason = s.Text(6);
  f.unit = s.Text(7), f.collector = s.Text(8), f.name = s.Text(9), f.address = s.Text(10);
  f.sample_position = static_cast<int>(s.Int(11));
  f.pages = static_cast<int>(s.Int(12));
  f.printed_file = s.Text(13);
  f.first_page = static_cast<int>(s.Int(14));
  f.reserve = s.Int(15) != 0;
  f.member_replaced = s.Int(16) != 0;
  f.phone = s.Text(17);
  return f;
}

std::vector<FormRecord> QueryForms(sqlite3* h, const std::string& where,
                                   const std::function<void(Statement&)>& bind) {
  Statement s(h, std::string(kFormQuery) + " WHERE " + where + " ORDER BY m.position, f.rowid");
  bind(s);
  std::vector<FormRecord> forms;
  while (s.Step()) forms.push_back(ReadForm(s));
  return forms;
}

constexpr const char* kSelection =
    "(?1 = '' OR m.unit = ?1) AND (?2 = '' OR m.collector = ?2)";

}  // namespace

std::string_view FormStatusName(FormStatus status) {
  return status == FormStatus::kVoided ? "voided" : "issued";
}

Result<std::optional<StoredTemplate>> LoadTemplate(Database& db, const std::string& id) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::optional<StoredTemplate>> {
    Statement s(h, "SELECT id, survey_hash, definition_yaml, layout_json, pages FROM template WHERE id = ?");
    s.Bind(1, id);
    if (!s.Step()) return std::optional<StoredTemplate>();
    return std::optional<StoredTemplate>(
        StoredTemplate{s.Text(0), s.Text(1), s.Text(2), s.Text(3), static_cast<int>(s.Int(4))});
  });
}

Result<std::vector<FormRecord>> IssueForms(Database& db, const StoredTemplate& tmpl,
                                           const FormSelection& selection,
                                           const std::function<std::string()>& new_code) {
  sqlite3* h = Access::Handle(db);
  std::vector<FormRecord> forms;
  const Status status = db.Transaction([&] {
    std::vector<store_internal::RecordRef> written;
    if (SaveTemplateIfNew(h, tmpl)) written.push_back({"template", tmpl.id});
    const std::string statuses = selection.reserves ? "('sampled', 'reserve')" : "('sampled')";
    Statement people(h, std::string("SELECT m.id FROM sample_member m WHERE ") + kSelection +
                            " AND m.status IN " + statuses +
                            " AND NOT EXISTS (SELECT 1 FROM form f WHERE f.sample_id = m.id AND "
                            "f.status = 'issued') ORDER BY m.position");
    people.Bind(1, selection.unit).Bind(2, selection.collector);
    std::vector<std::string> without_form;
    while (people.Step()) without_form.push_back(people.Text(0));
    for (const std::string& id : without_form) {
      const std::string code = UnusedCode(h, new_code);
      InsertForm(h, code, id, tmpl.id, "");
      written.push_back({"form", code});
    }
    if (!written.empty()) {
      store_internal::AppendEvent(h, "issue",
                                  std::to_string(without_form.size()) +
                                      " form codes issued under template " + tmpl.id,
                                  written);
    }
    forms = QueryForms(h, std::string(kSelection) + " AND f.status = 'issued' AND m.status IN " + statuses,
                       [&](Statement& s) { s.Bind(1, selection.unit).Bind(2, selection.collector); });
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return forms;
}

Result<FormRecord> ReissueForm(Database& db, const std::string& code, const std::string& reason,
                               const StoredTemplate& tmpl,
                               const std::function<std::string()>& new_code) {
  sqlite3* h = Access::Handle(db);
  FormRecord issued;
  const Status status = db.Transaction([&]() -> Status {
    Statement old(h, "SELECT sample_id, status FROM form WHERE code = ?");
    old.Bind(1, code);
    if (!old.Step()) return Status::Error("no form with code '" + code + "' was issued");
    if (old.Text(1) == "voided") return Status::Error("form '" + code + "' is already voided");
    const std::string sample_id = old.Text(0);
    Statement void_it(h, "UPDATE form SET status = 'voided', void_reason = ?, voided_at = ? WHERE code = ?");
    void_it.Bind(1, reason).Bind(2, UtcTimestampNow()).Bind(3, code).Run();
    std::vector<store_internal::RecordRef> written{{"form", code}};
    if (SaveTemplateIfNew(h, tmpl)) written.push_back({"template", tmpl.id});
    const std::string fresh = UnusedCode(h, new_code);
    InsertForm(h, fresh, sample_id, tmpl.id, code);
    written.push_back({"form", fresh});
    store_internal::AppendEvent(h, "reprint", code + " voided (" + reason + "), " + fresh + " issued",
                                written);
    issued = QueryForms(h, "f.code = ?1", [&](Statement& s) { s.Bind(1, fresh); }).front();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return issued;
}

Status RecordPrintRun(Database& db, const std::string& file, const std::string& sha256, int pages,
                      const std::vector<PrintedForm>& forms) {
  sqlite3* h = Access::Handle(db);
  return db.Transaction([&] {
    Statement run(h, "INSERT INTO print_run (file, sha256, forms, pages, printed_at) VALUES (?,?,?,?,?)");
    run.Bind(1, file).Bind(2, sha256).Bind(3, static_cast<int>(forms.size())).Bind(4, pages);
    run.Bind(5, UtcTimestampNow()).Run();
    const std::int64_t id = sqlite3_last_insert_rowid(h);
    Statement item(h, "INSERT INTO print_item VALUES (?, ?, ?)");
    for (const PrintedForm& f : forms) {
      item.Bind(1, id).Bind(2, f.code).Bind(3, f.first_page).Run();
      item.Reset();
    }
    store_internal::AppendEvent(h, "print",
                                file + ": " + std::to_string(forms.size()) + " forms, " +
                                    std::to_string(pages) + " pages",
                                {{"print_run", std::to_string(id)}});
    return Status::Ok();
  });
}

Result<std::vector<FormRecord>> ListForms(Database& db, const FormSelection& selection) {
  sqlite3* h = Access::Handle(db);
  return Guard([&]() -> Result<std::vector<FormRecord>> {
    return QueryForms(h, kSelection,
                      [&](Statement& s) { s.Bind(1, selection.unit).Bind(2, selection.collector); });
  });
}

}  // namespace phieu
