#include "audit/audit_compare.h"

#include <algorithm>

#include "core/text.h"
#include "core/vietnamese_format.h"
#include "verify/answer_export.h"

namespace phieu {
namespace {

Agreement& AgreementOf(std::vector<Agreement>& groups, const std::string& name) {
  for (Agreement& g : groups) {
    if (g.name == name) return g;
  }
  groups.push_back({name});
  return groups.back();
}

}  // namespace

AuditComparison CompareAudit(const AuditDraw& draw, const VerifyResult& machine,
                             const std::vector<AnswerItem>& items,
                             const std::vector<AuditReading>& readings, double min_agreement,
                             const PageOfItem& page_of) {
  AuditComparison c;
  c.min_agreement = min_agreement;
  c.selected = static_cast<int>(draw.picks.size());
  c.all.name = "all";
  std::map<std::string, const AuditReading*> by_form;
  for (const AuditReading& r : readings) by_form[r.form_code] = &r;
  std::vector<Agreement> by_item;
  for (const AnswerItem& item : items) by_item.push_back({item.code});

  for (const AuditPick& pick : draw.picks) {
    AuditFormComparison form{pick};
    const auto reading = by_form.find(pick.form_code);
    const FormResult* result = machine.Find(pick.form_code);
    if (reading != by_form.end() && result != nullptr) {
      const AuditReading& r = *reading->second;
      form.recorded = true;
      form.outcome = r.outcome;
      ++c.recorded;
      ++c.outcomes[r.outcome];
      for (const Answer& answer : result->answers) {
        const auto cell = r.cells.find(answer.item);
        if (cell == r.cells.end()) continue;
        const std::string mine = AnswerCell(answer);
        if (cell->second == "?" || mine == "?") continue;  // someone cannot tell: not compared
        const bool agree = cell->second == mine;
        ++AgreementOf(by_item, answer.item).forms;  // an item is compared once per form
        ++form.compared;
        form.agreeing += agree;
        for (Agreement* g : {&AgreementOf(by_item, answer.item), &AgreementOf(c.by_unit, pick.unit),
                             &AgreementOf(c.by_collector, pick.collector), &c.all}) {
          ++g->compared;
          g->agreeing += agree;
        }
        if (!agree) {
          c.discrepancies.push_back({pick.form_code, pick.unit, pick.collector, answer.item, mine,
                                     cell->second, answer.decided_by,
                                     page_of ? page_of(pick.form_code, answer.item) : 0});
        }
      }
      ++AgreementOf(c.by_unit, pick.unit).forms;
      ++AgreementOf(c.by_collector, pick.collector).forms;
      ++c.all.forms;
    }
    c.forms.push_back(form);
  }
  for (Agreement& g : by_item) {
    if (g.compared > 0) c.by_item.push_back(g);
  }
  auto by_name = [](const Agreement& a, const Agreement& b) { return a.name < b.name; };
  std::sort(c.by_unit.begin(), c.by_unit.end(), by_name);
  std::sort(c.by_collector.begin(), c.by_collector.end(), by_name);

  c.delivery = CompareDelivery(draw.delivery, readings);

  // The verdict.
  auto count = [&](ContactOutcome o) {
    const auto found = c.outcomes.find(o);
    return found == c.outcomes.end() ? 0 : found->second;
  };
  const int denied = count(ContactOutcome::kNotReceived) + count(ContactOutcome::kSomeoneElse);
  const bool all_read = c.recorded == c.selected;
  const bool agree_enough = c.all.compared > 0 && c.all.Rate() + 1e-9 >= min_agreement;
  const DeliveryTally& delivery = c.delivery.all;
  const bool delivery_done = delivery.recorded == delivery.drawn;
  const int undelivered = delivery.not_received;
  c.passed = all_read && agree_enough && denied == 0 && delivery_done && undelivered == 0;
  std::string line = "Phúc tra " + std::to_string(c.recorded) + "/" + std::to_string(c.selected) +
                     " phiếu: khớp " + std::to_string(c.all.agreeing) + "/" +
                     std::to_string(c.all.compared) + " câu (" + VietnamesePercent(c.all.Rate(), 1) +
                     ", ngưỡng " + VietnamesePercent(min_agreement, 1) + ")";
  if (denied > 0) line += "; " + std::to_string(denied) + " người được khảo sát phủ nhận phiếu";
  if (delivery.drawn > 0) {
    line += "; kiểm tra phát phiếu: liên hệ được " + VietnameseCount(delivery.contacted) + "/" +
            VietnameseCount(delivery.drawn) + " người chưa trả phiếu";
    if (undelivered > 0) {
      line += ", " + VietnameseCount(undelivered) + " người không nhận được phiếu (điều tra viên " +
              UndeliveredByCollectorText(c.delivery) + ")";
    }
  }
  // What is left to do, "" when nothing.
  std::vector<std::string> left;
  if (!all_read) left.push_back(std::to_string(c.selected - c.recorded) + " phiếu chưa phúc tra");
  if (!delivery_done) {
    left.push_back(VietnameseCount(delivery.drawn - delivery.recorded) +
                   " phiếu chưa thu về chưa được kiểm tra việc phát");
  }
  const std::string remaining = left.empty() ? "" : "còn " + Join(left, ", ");
  if (c.passed) {
    line += ". ĐẠT: kết quả đọc máy khớp với phiếu giấy";
    if (delivery.drawn > 0) line += "; không phát hiện phiếu nào không được phát";
    line += ".";
  } else if (undelivered > 0) {
    // A finding stands whatever is left to do: the check cannot pass any more.
    line += ". KHÔNG ĐẠT: " + VietnameseCount(undelivered) +
            " phiếu báo chưa thu về nhưng người được khảo sát không nhận được phiếu";
    if (all_read && (!agree_enough || denied > 0)) line += "; cần xem xét các điểm khác biệt";
    if (!remaining.empty()) line += "; " + remaining;
    line += ".";
  } else if (!remaining.empty()) {
    line += ". CHƯA XONG: " + remaining + ".";
  } else {
    line += ". KHÔNG ĐẠT: cần xem xét các điểm khác biệt.";
  }
  c.verdict = line;
  return c;
}

}  // namespace phieu
