#pragma once
// The blind re-reading sheets (`phieu audit sheet`): for each selected form, a sheet on which an
// auditor writes what they read on the paper (or hear from the respondent) and the contact
// outcome. The machine's readings are never printed on it.

#include <string>
#include <vector>

#include "core/status.h"
#include "core/survey.h"

namespace phieu {

// The form and who to contact (the sheet holds personal data: it says so in its footer).
struct AuditSheetForm {
  std::string form_code, unit, collector;
  std::string sample_id, name, address, phone;
};

// One sheet (one or more pages) per form: the form code and contact details, the contact outcome
// boxes (confirmed / not received / filled by someone else / not reached), then every answer item
// of `survey` in printed order with its code, its text (cut to one line), its option codes and an
// empty box where the auditor writes the code they read. Free-text questions are left out.
// Fails when `forms` is empty.
Result<std::string> RenderAuditSheets(const Survey& survey,
                                      const std::vector<AuditSheetForm>& forms);

}  // namespace phieu
