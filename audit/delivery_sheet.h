#pragma once
// Private to audit/: the contact sheet of a form drawn for the delivery check (it was issued and
// never came back). Part of `phieu audit sheet`'s document (audit/audit_sheet.h), one per form.

#include "audit/audit_sheet.h"
#include "core/survey.h"
#include "forms/page_flow.h"

namespace phieu {

// Adds, on new pages numbered on their own, the sheet on which an auditor records what the person
// says: the form code, who the form was issued to (name, address, phone, sample id, unit) and the
// collector who held it; whether the person received it (Đã nhận / Không nhận được / Không liên
// lạc được); if received: when, from whom, whether they filled it in and gave it back; how they
// were contacted; notes; the auditor's and the supervisors' signatures. All text in Vietnamese;
// nothing about the person's answers is asked.
void AddDeliverySheet(PageFlow& flow, const Survey& survey, const AuditSheetForm& form);

}  // namespace phieu
