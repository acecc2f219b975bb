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

  // The verdict.
  auto count = [&](ContactOutcome o) {
    const auto found = c.outcomes.find(o);
    return found == c.outcomes.end() ? 0 : found->second;
  };
  const int denied = count(ContactOutcome::kNotReceived) + count(ContactOutcome::kSomeoneElse);
  const bool all_read = c.recorded == c.selected;
  const bool agree_enough = c.all.compared > 0 && c.all.Rate() + 1e-9 >= min_agreement;
  c.passed = all_read && agree_enough && denied == 0;
  std::string line = "Phúc tra " + std::to_string(c.recorded) + "/" + std::to_string(c.selected) +
                     " phiếu: khớp " + std::to_string(c.all.agreeing) + "/" +
                     std::to_string(c.all.compared) + " câu (" + VietnamesePercent(c.all.Rate(), 1) +
                     ", ngưỡng " + VietnamesePercent(min_agreement, 1) + ")";
  if (denied > 0) line += "; " + std::to_string(denied) + " người được khảo sát phủ nhận phiếu";
  if (c.passed) {
    line += ". ĐẠT: kết quả đọc máy khớp với phiếu giấy.";
  } else if (!all_read) {
    line += ". CHƯA XONG: còn " + std::to_string(c.selected - c.recorded) + " phiếu chưa phúc tra.";
  } else {
    line += ". KHÔNG ĐẠT: cần xem xét các điểm khác biệt.";
  }
  c.verdict = line;
  return c;
}

}  // namespace phieu
