#include "audit/delivery_compare.h"

#include <algorithm>
#include <map>

#include "core/vietnamese_format.h"

namespace phieu {
namespace {

DeliveryTally& TallyOf(std::vector<DeliveryTally>& tallies, const std::string& name) {
  for (DeliveryTally& t : tallies) {
    if (t.name == name) return t;
  }
  tallies.push_back({name});
  return tallies.back();
}

void Count(DeliveryTally& t, const DeliveryFormCheck& form) {
  ++t.drawn;
  if (!form.recorded) return;
  ++t.recorded;
  switch (form.outcome) {
    case ContactOutcome::kReceived: ++t.received, ++t.contacted; break;
    case ContactOutcome::kNotReceived: ++t.not_received, ++t.contacted; break;
    case ContactOutcome::kNotReached: ++t.not_reached; break;
    default: break;  // audit/audit_reading.h admits no other outcome for these forms
  }
}

}  // namespace

DeliveryComparison CompareDelivery(const DeliveryDraw& draw,
                                   const std::vector<AuditReading>& readings) {
  DeliveryComparison c;
  c.rate = draw.rate;
  c.candidates = draw.candidates;
  c.all.name = "all";
  std::map<std::string, const AuditReading*> by_form;
  for (const AuditReading& r : readings) by_form[r.form_code] = &r;
  for (const AuditPick& pick : draw.picks) {
    DeliveryFormCheck form{pick};
    const auto reading = by_form.find(pick.form_code);
    if (reading != by_form.end()) {
      form.recorded = true;
      form.outcome = reading->second->outcome;
    }
    Count(c.all, form);
    Count(TallyOf(c.by_collector, pick.collector), form);
    c.forms.push_back(form);
  }
  std::sort(c.by_collector.begin(), c.by_collector.end(),
            [](const DeliveryTally& a, const DeliveryTally& b) { return a.name < b.name; });
  return c;
}

std::string UndeliveredByCollectorText(const DeliveryComparison& delivery) {
  std::string text;
  for (const DeliveryTally& t : delivery.by_collector) {
    if (t.not_received == 0) continue;
    text += (text.empty() ? "" : ", ") + (t.name.empty() ? "(không ghi)" : t.name) + ": " +
            VietnameseCount(t.not_received);
  }
  return text;
}

}  // namespace phieu
