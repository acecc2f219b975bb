#include "audit/audit_state.h"

#include <algorithm>
#include <map>

namespace phieu {

std::vector<AnswerItem> ReadableItems(const Survey& survey) {
  std::vector<AnswerItem> items = AnswerItems(survey);
  std::erase_if(items, [](const AnswerItem& item) { return item.options.empty(); });
  return items;
}

AuditFrame AuditFrameOf(const VerifyResult& result) {
  AuditFrame frame;
  for (const FormResult& f : result.forms) {
    if (!f.in_sample || !f.channel.empty()) continue;
    if (f.verdict == Verdict::kAccepted) frame.accepted.push_back({f.code, f.unit, f.collector});
    if (f.verdict == Verdict::kNotReturned) {
      frame.unreturned.push_back({f.code, f.unit, f.collector});
    }
  }
  return frame;
}

Result<std::optional<AuditState>> LoadAuditState(Database& db, const Survey& survey,
                                                 const Evaluation& e, double min_agreement,
                                                 const std::vector<std::string>& units) {
  auto draw = LoadAuditDraw(db);
  if (!draw.ok()) return draw.status();
  if (!draw->has_value()) return std::optional<AuditState>();
  auto records = LoadLatestAuditRecords(db);
  if (!records.ok()) return records.status();
  std::vector<AuditReading> readings;
  for (const AuditRecord& r : *records) {
    readings.push_back({r.form_code,
                        ContactOutcomeFromCode(r.outcome).value_or(ContactOutcome::kNotContacted),
                        r.cells});
  }
  // The page an item was read from: the counted page of its page number in the form's template.
  std::map<std::string, const TemplateItems*> template_of;
  for (const FormRecord& f : e.input.forms) {
    const auto t = e.input.templates.find(f.template_id);
    if (t != e.input.templates.end()) template_of[f.code] = &t->second;
  }
  const PageOfItem page_of = [&](const std::string& code, const std::string& item) -> std::int64_t {
    const FormResult* form = e.result.Find(code);
    const auto t = template_of.find(code);
    if (form == nullptr || t == template_of.end()) return 0;
    const auto page = t->second->item_page.find(item);
    if (page == t->second->item_page.end()) return 0;
    const int n = page->second;
    return n >= 1 && n <= static_cast<int>(form->pages.size()) ? form->pages[n - 1] : 0;
  };
  AuditState state{std::move(**draw), {}};
  if (!units.empty()) {
    const auto outside = [&](const AuditPick& p) {
      return std::find(units.begin(), units.end(), p.unit) == units.end();
    };
    std::erase_if(state.draw.draw.picks, outside);
    std::erase_if(state.draw.draw.delivery.picks, outside);
  }
  state.comparison = CompareAudit(state.draw.draw, e.result, ReadableItems(survey), readings,
                                  min_agreement, page_of);
  return std::optional<AuditState>(std::move(state));
}

}  // namespace phieu
