#pragma once
// Printed forms in the database: templates (definition + layout as printed), form codes issued to
// sampled people, reprints that void a code, and where each form sits in each printed PDF.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace phieu {

struct StoredTemplate {
  std::string id;  // core/layout_json.h TemplateId()
  std::string survey_hash;
  std::string definition_yaml;
  std::string layout_json;
  int pages = 0;
};

// The template with `id`, or nullopt.
Result<std::optional<StoredTemplate>> LoadTemplate(Database& db, const std::string& id);

enum class FormStatus { kIssued, kVoided };

struct FormRecord {
  std::string code;
  std::string sample_id;
  std::string template_id;
  FormStatus status = FormStatus::kIssued;
  std::string issued_at;
  std::string replaces;     // the voided code this form replaces, if any
  std::string void_reason;  // why it was voided, if it was
  std::string unit, collector, name, address, phone;  // of the sampled person
  bool reserve = false;     // the person is an unused reserve (forms printed with --reserves)
  bool member_replaced = false;  // the person was replaced in the sample (their form is voided)
  int sample_position = 0;
  int pages = 0;            // of its template
  // Where it was last printed: the PDF and the 1-based page it starts on (0 = never printed).
  std::string printed_file;
  int first_page = 0;
};

struct FormSelection {
  std::string unit;       // "" = every unit
  std::string collector;  // "" = every collector
  bool reserves = false;  // unused reserves too
};

// Makes sure every selected person (sampled, and unused reserves if asked) has an issued form:
// those without one get a new code from `new_code` under `tmpl` (stored if new). Returns their
// issued forms in sample order. One transaction: a killed run issues nothing or everything, and a
// second run reuses the codes, so the same forms print again identically.
Result<std::vector<FormRecord>> IssueForms(Database& db, const StoredTemplate& tmpl,
                                           const FormSelection& selection,
                                           const std::function<std::string()>& new_code);

// Voids form `code` (recording `reason`) and issues its person a new code under `tmpl`. Fails
// when the code is unknown or already voided.
Result<FormRecord> ReissueForm(Database& db, const std::string& code, const std::string& reason,
                               const StoredTemplate& tmpl,
                               const std::function<std::string()>& new_code);

struct PrintedForm {
  std::string code;
  int first_page = 0;
};

// Records that `file` (with `sha256`, `pages` pages) holds `forms`.
Status RecordPrintRun(Database& db, const std::string& file, const std::string& sha256, int pages,
                      const std::vector<PrintedForm>& forms);

// Every form ever issued (voided ones too), in sample order then issue order.
Result<std::vector<FormRecord>> ListForms(Database& db, const FormSelection& selection);

std::string_view FormStatusName(FormStatus status);  // "issued" | "voided"

}  // namespace phieu
