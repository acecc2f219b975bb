#pragma once
// The auditors' re-check compared with the machine (`phieu audit compare`): agreement per item,
// per form, per unit and per collector; every discrepancy with both values; contact outcomes; a
// verdict. A pure function of the draw, the machine's answers (verify/verdict.h) and the
// auditors' readings.

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/audit_draw.h"
#include "audit/audit_reading.h"
#include "audit/delivery_compare.h"
#include "verify/verdict.h"

namespace phieu {

// One item where the auditor read something else than the machine counted.
struct AuditDiscrepancy {
  std::string form_code, unit, collector, item;
  std::string machine, auditor;  // cells as in the answers export ("" = blank)
  std::string decided_by;        // "" = the machine's reading, else the reviewer who decided it
  std::int64_t page_id = 0;      // the scanned page the item was read from (0 = none)
};

// Agreement over some forms (a unit, a collector, an item, all of them).
struct Agreement {
  std::string name;
  int forms = 0;      // forms re-read
  int compared = 0;   // items compared ('?' on either side is not compared)
  int agreeing = 0;
  double Rate() const { return compared == 0 ? 0 : 100.0 * agreeing / compared; }
};

struct AuditFormComparison {
  AuditPick pick;
  bool recorded = false;   // the auditors sent a reading of this form
  ContactOutcome outcome = ContactOutcome::kNotContacted;
  int compared = 0, agreeing = 0;
};

struct AuditComparison {
  int selected = 0, recorded = 0;
  Agreement all;
  std::vector<AuditFormComparison> forms;   // the draw's order
  std::vector<Agreement> by_item;           // printed order, only items compared at least once
  std::vector<Agreement> by_unit, by_collector;  // name order
  std::map<ContactOutcome, int> outcomes;   // forms per contact outcome (recorded forms)
  std::vector<AuditDiscrepancy> discrepancies;  // the draw's order, then printed order
  DeliveryComparison delivery;              // the unreturned forms drawn: apart from all above
  double min_agreement = 99.0;              // percent, the verdict's threshold
  bool passed = false;
  std::string verdict;                      // one line, Vietnamese
};

using PageOfItem =
    std::function<std::int64_t(const std::string& form_code, const std::string& item)>;

// `machine`: the verification result (the accepted forms' answers); `readings`: what the auditors
// recorded (one per form); `page_of(form, item)`: the scanned page the machine read the item from
// (0 when unknown), kept with each discrepancy for its crop. The check passes when every selected
// form was re-read, the agreement over all items is at least `min_agreement` percent, no
// respondent said they never received the form or that someone else filled it in, and every form
// of the delivery check has an outcome and none is "not received". The forms of the delivery
// check count only in `delivery`, never in the re-read's figures. The verdict names the delivery
// check's finding (people who never received the form, per collector) and fails on it even
// while forms remain to be checked.
AuditComparison CompareAudit(const AuditDraw& draw, const VerifyResult& machine,
                             const std::vector<AnswerItem>& items,
                             const std::vector<AuditReading>& readings, double min_agreement,
                             const PageOfItem& page_of);

}  // namespace phieu
