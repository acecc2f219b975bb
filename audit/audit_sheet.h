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
  bool unreturned = false;  // drawn for the delivery check: a contact sheet (audit/delivery_sheet.h)
};

// One sheet (one or more pages, numbered "Trang i/N" within the form's sheet) per form: the form
// code and contact details, the contact outcome boxes (confirmed / not received / filled by
// someone else / not reached), then every read question of `survey` in printed order with its
// options as the form prints them (label, or a scale's number), each with the option code in
// brackets and a box to tick, plus a box "Không đọc được"; a grid is a table with one tick column
// per option. Free-text questions are left out. The sheet ends with the sign-off blocks of the
// MTTQ and Veterans' Association representatives (name, signature, date). A form that never came
// back (`unreturned`) gets the delivery check's contact sheet instead: did the person receive the
// form, when, from whom, did they fill it in (audit/delivery_sheet.h).
// Fails when `forms` is empty.
Result<std::string> RenderAuditSheets(const Survey& survey,
                                      const std::vector<AuditSheetForm>& forms);

}  // namespace phieu
