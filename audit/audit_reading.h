#pragma once
// What the auditors read on the paper, or heard from the respondent (`phieu audit record`).
//
// The CSV is the format of `phieu export answers` (verify/answer_export.h): columns form, then
// one column per answer item code, cells as there (option code; codes joined by ';'; empty =
// blank; '*' = several marks on a single-answer item or an invalid answer; '?' = the auditor
// cannot tell: not compared). The columns sample, unit, collector, status of that export are
// allowed and ignored. One more column, `outcome`, holds the contact outcome:
//   confirmed     the respondent confirmed they filled the form in
//   not-received  the respondent never received the form
//   someone-else  the form was filled in by someone else
//   not-reached   the respondent could not be reached
//   (empty)       the paper was re-read, nobody was contacted
// A form drawn for the delivery check (it never came back: core/audit_draw.h DeliveryDraw) has no
// paper to re-read: its answer cells stay empty and its outcome is one of
//   received      the person received the form
//   not-received  the person never received the form (a finding against its collector)
//   not-reached   the person could not be reached
// `phieu audit sheet --csv` writes this file with the selected forms and empty cells.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/survey.h"

namespace phieu {

enum class ContactOutcome {
  kNotContacted,
  kConfirmed,
  kNotReceived,
  kSomeoneElse,
  kNotReached,
  kReceived,  // the delivery check only
};

std::string_view ContactOutcomeCode(ContactOutcome outcome);  // "", "confirmed", ...
std::string_view ContactOutcomeText(ContactOutcome outcome);  // Vietnamese, for the PDF
// The outcome of a code ("" = not contacted); nullopt for an unknown code.
std::optional<ContactOutcome> ContactOutcomeFromCode(std::string_view code);

// One form as the auditor recorded it.
struct AuditReading {
  std::string form_code;     // normalised (upper case, with dashes)
  ContactOutcome outcome = ContactOutcome::kNotContacted;
  std::map<std::string, std::string> cells;  // item code -> cell (only the items given)
  int line = 0;              // line of the CSV
};

// Reads the auditors' CSV. Every problem is reported with its line and column: an unknown column,
// a form code that is not in the draw (`selected` to re-read, `unreturned` for the delivery
// check), the same form twice, an option code the item does not have, several codes on a
// single-answer item, an unknown outcome or one that does not fit the form's check, an answer
// given for a form that never came back. Nothing is returned unless the whole file is right.
Result<std::vector<AuditReading>> ParseAuditReadings(std::string_view csv, const std::string& file,
                                                     const std::vector<AnswerItem>& items,
                                                     const std::vector<std::string>& selected,
                                                     const std::vector<std::string>& unreturned = {});

// The CSV to fill in: the header (form, unit, collector, outcome, item codes in printed order)
// and one row per selected form with its unit and collector and every other cell empty.
std::string AuditReadingTemplateCsv(const std::vector<std::string>& item_codes,
                                    const std::vector<std::vector<std::string>>& forms);

}  // namespace phieu
