// phieu forms print | reprint | delivery-list | list | layout: personalised forms as PDF.

#include <sstream>

#include "cli/commands.h"
#include "cli/progress.h"
#include "core/crypto.h"
#include "core/csv.h"
#include "core/file.h"
#include "core/form_code.h"
#include "core/text.h"
#include "forms/delivery_list.h"
#include "forms/form_batch.h"
#include "store/database.h"
#include "store/form_store.h"
#include "store/output_guard.h"

namespace phieu {
namespace {

// What every forms command needs: the database, its survey laid out as printed, its secret.
struct FormsContext {
  std::unique_ptr<Database> db;
  StoredSurvey survey;
  FormTemplate tmpl;
  std::string secret;

  StoredTemplate Stored() const {
    return {tmpl.id, survey.content_hash, survey.definition_yaml, tmpl.layout_json,
            static_cast<int>(tmpl.layout.pages.size())};
  }
};

Result<FormsContext> OpenForms(const std::string& db_flag) {
  Result<std::unique_ptr<Database>> db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  Result<StoredSurvey> survey = (*db)->Survey();
  if (!survey.ok()) return survey.status();
  Result<FormTemplate> tmpl =
      BuildFormTemplate(survey->definition_yaml, "survey '" + survey->name + "'");
  if (!tmpl.ok()) return tmpl.status();
  Result<std::string> secret = (*db)->Meta("form_secret");
  if (!secret.ok()) return secret.status();
  return FormsContext{std::move(db).value(), std::move(survey).value(), std::move(tmpl).value(),
                      std::move(secret).value()};
}

std::string Kilobytes(std::size_t bytes) { return std::to_string((bytes + 512) / 1024) + " KB"; }

// Renders `forms` into `out` (watermarked when `draft`) on `threads` threads (0: every core), in
// bounded memory, and records the print run.
Status PrintForms(FormsContext& ctx, const std::vector<FormRecord>& forms, const std::string& out,
                  bool draft, std::ostream& report, int threads = 0) {
  std::vector<std::string> codes;
  for (const FormRecord& f : forms) {
    if (f.template_id != ctx.tmpl.id) {
      return Status::Error("form " + f.code + " was issued with template " + f.template_id +
                           ", but the survey now prints as template " + ctx.tmpl.id +
                           "; issue it again with 'phieu forms reprint " + f.code +
                           " --reason "
                           "layout-changed'");
    }
    codes.push_back(f.code);
  }
  Progress progress("Rendering forms");
  Result<std::unique_ptr<AtomicFileWriter>> file = AtomicFileWriter::Create(out);
  if (!file.ok()) return file.status();
  Sha256Stream hash;
  PrintOptions options;
  options.draft = draft, options.threads = threads;
  Result<PrintedBatch> batch = PrintFormBatch(
      ctx.tmpl, ctx.secret, codes,
      [&](std::string_view bytes) {
        hash.Update(bytes);
        return (*file)->Append(bytes);
      },
      codes.size() >= 50
          ? std::function<void(int, int)>([&](int d, int t) { progress.Update(d, t); })
          : std::function<void(int, int)>(),
      options);
  if (!batch.ok()) return batch.status();
  PHIEU_RETURN_IF_ERROR((*file)->Commit());
  std::vector<PrintedForm> printed;
  for (std::size_t i = 0; i < forms.size(); ++i)
    printed.push_back({forms[i].code, batch->first_pages[i]});
  PHIEU_RETURN_IF_ERROR(RecordPrintRun(*ctx.db, out, hash.FinishHex(), batch->pages, printed));
  report << "Printed " << forms.size() << " form(s), " << batch->pages << " pages ("
         << ctx.tmpl.layout.pages.size() << " per form, each starting on a new sheet), "
         << Kilobytes(batch->bytes) << ", to " << out << "\n"
         << "Template " << ctx.tmpl.id << " (" << ctx.survey.name << " " << ctx.survey.version
         << ")\n";
  return Status::Ok();
}

}  // namespace

Status RunFormsPrint(const FormsPrintArgs& args, std::ostream& out) {
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(args.out, "--out", ResolveDatabasePath(args.db)));
  Result<FormsContext> ctx = OpenForms(args.db);
  if (!ctx.ok()) return ctx.status();
  PHIEU_RETURN_IF_ERROR(CheckPrintable(ctx->tmpl.survey, args.draft));
  Result<std::vector<FormRecord>> forms =
      IssueForms(*ctx->db, ctx->Stored(), {args.unit, args.collector, args.reserves}, NewFormCode);
  if (!forms.ok()) return forms.status();
  if (forms->empty()) {
    return Status::Error(
        "no sampled person matches" +
        std::string(args.unit.empty() ? "" : " unit '" + args.unit + "'") +
        std::string(args.collector.empty() ? "" : " collector '" + args.collector + "'") +
        "; see 'phieu sample list'");
  }
  return PrintForms(*ctx, *forms, args.out, args.draft, out, args.threads);
}

Status RunFormsReprint(const std::string& db_flag, const std::string& code,
                       const std::string& reason, const std::string& out_flag, bool draft,
                       std::ostream& out) {
  const std::optional<std::string> canonical = NormalizeFormCode(code);
  if (!canonical) {
    return Status::Error("'" + code +
                         "' is not a form code (its check character is wrong, or it "
                         "is not written like K7Q-M4R-X2P)");
  }
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(out_flag, "--out", ResolveDatabasePath(db_flag)));
  Result<FormsContext> ctx = OpenForms(db_flag);
  if (!ctx.ok()) return ctx.status();
  PHIEU_RETURN_IF_ERROR(CheckPrintable(ctx->tmpl.survey, draft));
  // A reprint killed after it voided the code, before its replacement was printed, is finished
  // by running it again: the replacement is printed then.
  Result<std::vector<FormRecord>> forms = ListForms(*ctx->db, {});
  if (!forms.ok()) return forms.status();
  for (const FormRecord& f : *forms) {
    if (f.replaces != *canonical || f.status != FormStatus::kIssued) continue;
    if (f.first_page > 0) {
      return Status::Error("form '" + *canonical + "' is already voided; its replacement " +
                           f.code + " was printed to " + f.printed_file);
    }
    out << "Voided " << *canonical << " (" << reason << ") before; its replacement " << f.code
        << " for " << f.sample_id << " was not printed yet\n";
    return PrintForms(*ctx, {f}, out_flag.empty() ? "reprint-" + f.code + ".pdf" : out_flag, draft,
                      out);
  }
  Result<FormRecord> fresh = ReissueForm(*ctx->db, *canonical, reason, ctx->Stored(), NewFormCode);
  if (!fresh.ok()) return fresh.status();
  out << "Voided " << *canonical << " (" << reason << "); new code " << fresh->code << " for "
      << fresh->sample_id << "\n";
  const std::string file = out_flag.empty() ? "reprint-" + fresh->code + ".pdf" : out_flag;
  return PrintForms(*ctx, {*fresh}, file, draft, out);
}

Status RunFormsDeliveryList(const std::string& db_flag, const std::string& collector,
                            const std::string& out_file, bool csv, std::ostream& out) {
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(out_file, "--out", ResolveDatabasePath(db_flag)));
  Result<std::unique_ptr<Database>> db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  Result<std::vector<FormRecord>> forms = ListForms(**db, {"", collector, false});
  if (!forms.ok()) return forms.status();
  std::vector<DeliveryRow> rows;
  for (const FormRecord& f : *forms) {
    if (f.status == FormStatus::kIssued) {
      rows.push_back({f.collector, f.code, f.name, f.address, f.unit, f.reserve, f.phone});
    }
  }
  if (rows.empty())
    return Status::Error("no issued forms" +
                         (collector.empty() ? "" : " for collector '" + collector + "'") +
                         "; print the forms first ('phieu forms print')");
  if (csv) {
    std::ostringstream text;
    text << kUtf8Bom;
    // The PDF's columns, for a collector's office that keeps the list in a spreadsheet:
    // not_delivered_reason takes a code of the PDF's legend (NotDeliveredReasons).
    WriteCsvRecord(text, {"collector", "form_code", "name", "address", "phone", "unit", "role",
                          "delivered_on", "collected_on", "signature", "not_delivered_reason"});
    for (const DeliveryRow& r : rows) {
      WriteCsvRecord(text, {r.collector, r.form_code, r.name, r.address, r.phone, r.unit,
                            r.reserve ? "reserve" : "sampled", "", "", "", ""});
    }
    PHIEU_RETURN_IF_ERROR(WriteFileAtomically(out_file, text.str()));
  } else {
    Result<StoredSurvey> survey = (*db)->Survey();
    if (!survey.ok()) return survey.status();
    Result<std::string> pdf =
        RenderDeliveryList(rows, "Khảo sát " + survey->name + " " + survey->version);
    if (!pdf.ok()) return pdf.status();
    PHIEU_RETURN_IF_ERROR(WriteFileAtomically(out_file, *pdf));
  }
  out << "Wrote the delivery list of " << rows.size() << " form(s) to " << out_file
      << " (it holds personal data: keep it safe)\n";
  return Status::Ok();
}

Status RunFormsList(const std::string& db_flag, bool csv, std::ostream& out) {
  Result<std::unique_ptr<Database>> db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  Result<std::vector<FormRecord>> forms = ListForms(**db, {});
  if (!forms.ok()) return forms.status();
  if (csv) {
    WriteCsvRecord(out, {"code", "sample", "unit", "collector", "pages", "status", "replaces",
                         "void_reason", "printed_file", "first_page"});
    for (const FormRecord& f : *forms) {
      WriteCsvRecord(out, {f.code, f.sample_id, f.unit, f.collector, std::to_string(f.pages),
                           std::string(FormStatusName(f.status)), f.replaces, f.void_reason,
                           f.printed_file, f.first_page ? std::to_string(f.first_page) : ""});
    }
    return Status::Ok();
  }
  std::size_t unit_w = 6;
  for (const FormRecord& f : *forms) unit_w = std::max(unit_w, DisplayWidth(f.unit) + 2);
  out << PadRight("CODE", 13) << PadRight("SAMPLE", 12) << PadRight("UNIT", unit_w)
      << PadRight("COLLECTOR", 11) << PadRight("PAGES", 7) << PadRight("STATUS", 9) << "PRINTED\n";
  int issued = 0;
  for (const FormRecord& f : *forms) {
    issued += f.status == FormStatus::kIssued;
    std::string printed =
        f.first_page ? f.printed_file + " p. " + std::to_string(f.first_page) : "-";
    std::string status(FormStatusName(f.status));
    out << PadRight(f.code, 13) << PadRight(f.sample_id, 12) << PadRight(f.unit, unit_w)
        << PadRight(f.collector, 11) << PadRight(std::to_string(f.pages), 7) << PadRight(status, 9)
        << printed << (f.void_reason.empty() ? "" : " (voided: " + f.void_reason + ")") << "\n";
  }
  out << forms->size() << " form(s), " << issued << " issued\n";
  return Status::Ok();
}

Status RunFormsLayout(const std::string& db_flag, const std::string& json_file, std::ostream& out) {
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(json_file, "--json", ResolveDatabasePath(db_flag)));
  Result<FormsContext> ctx = OpenForms(db_flag);
  if (!ctx.ok()) return ctx.status();
  PHIEU_RETURN_IF_ERROR(WriteFileAtomically(json_file, ctx->tmpl.layout_json));
  std::size_t bubbles = 0;
  for (const auto& page : ctx->tmpl.layout.pages) bubbles += page.bubbles.size();
  out << "Wrote the layout of template " << ctx->tmpl.id << " (" << ctx->tmpl.layout.pages.size()
      << " pages, " << bubbles << " bubbles) to " << json_file << "\n";
  return Status::Ok();
}

}  // namespace phieu
