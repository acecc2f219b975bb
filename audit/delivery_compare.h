#pragma once
// The delivery check compared (`phieu audit compare`): of the forms that never came back and were
// drawn to ask their person (core/audit_draw.h DeliveryDraw), how many people were reached, how
// many received the form and how many never did, overall and per collector. A person who never
// received a form reported "not returned" is a finding against the collector who held it. Kept
// apart from the re-read's agreement figures: an unreturned form has no paper to compare.

#include <string>
#include <vector>

#include "audit/audit_reading.h"
#include "core/audit_draw.h"

namespace phieu {

// The delivery check over some of its forms (one collector's, or all).
struct DeliveryTally {
  std::string name;
  int drawn = 0;      // forms drawn for the delivery check
  int recorded = 0;   // with an outcome recorded
  int contacted = 0;  // the person was reached: received + not_received
  int received = 0;
  int not_received = 0;  // the person never received the form: a finding
  int not_reached = 0;
};

struct DeliveryFormCheck {
  AuditPick pick;
  bool recorded = false;
  ContactOutcome outcome = ContactOutcome::kNotContacted;
};

struct DeliveryComparison {
  double rate = 0;     // the draw's share of the unreturned forms (0: no delivery check)
  int candidates = 0;  // unreturned forms it drew from
  DeliveryTally all;
  std::vector<DeliveryTally> by_collector;  // name order; every collector with a form drawn
  std::vector<DeliveryFormCheck> forms;     // the draw's order
};

// `readings`: the auditors' latest reading of every form (those not in `draw.picks` are ignored).
DeliveryComparison CompareDelivery(const DeliveryDraw& draw,
                                   const std::vector<AuditReading>& readings);

// The collectors with a form whose person never received it, with how many: "ĐTV-1: 2, ĐTV-3: 1"
// (collector name order; "(không ghi)" for a form without a collector). "" when there is none.
std::string UndeliveredByCollectorText(const DeliveryComparison& delivery);

}  // namespace phieu
