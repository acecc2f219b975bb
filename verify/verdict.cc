#include "verify/verdict.h"

#include <algorithm>
#include <set>

#include "core/text.h"

namespace phieu {
namespace {

bool SameReading(const ItemReading& a, const ItemReading& b) {
  return a.state == b.state && a.options == b.options && a.uncertain == b.uncertain;
}

// The latest decision on each (form, item).
std::map<std::pair<std::string, std::string>, const Decision*> LatestDecisions(
    const std::vector<Decision>& decisions) {
  std::map<std::pair<std::string, std::string>, const Decision*> latest;
  for (const Decision& d : decisions) latest[{d.form_code, d.item}] = &d;  // oldest first
  return latest;
}

void AddReason(FormResult& form, Reason reason) {
  if (std::find(form.reasons.begin(), form.reasons.end(), reason) == form.reasons.end()) {
    form.reasons.push_back(reason);
  }
}

// The first few of `items`, then how many more.
std::string ListSome(const std::vector<std::string>& items, std::size_t most = 3) {
  std::vector<std::string> shown(items.begin(), items.begin() + std::min(most, items.size()));
  std::string text = Join(shown, ", ");
  if (items.size() > most) text += " and " + std::to_string(items.size() - most) + " more";
  return text;
}

std::string PageLabel(const IdentifiedPage& p) {
  return p.original_path + (p.page_index > 0 ? " page " + std::to_string(p.page_index + 1) : "");
}

// Why a page carrying an issued code cannot count (nullopt: it can).
std::optional<Reason> PageProblem(const IdentifiedPage& page, const FormRecord& form,
                                  const DateWindow& window) {
  if (page.identified_by == PageIdentification::kQr && !page.tag_valid) return Reason::kBadTag;
  if (page.template_id != form.template_id) return Reason::kWrongTemplate;
  if (!window.Contains(page.received_on)) return Reason::kOutsideWindow;
  return std::nullopt;
}

class FormVerifier {
 public:
  FormVerifier(const VerifyInput& input,
               const std::map<std::pair<std::string, std::string>, const Decision*>& decisions)
      : input_(input), decisions_(decisions) {}

  FormResult Run(const FormRecord& form, const std::vector<const IdentifiedPage*>& pages,
                 std::vector<ReviewItem>& review) {
    FormResult r;
    r.code = form.code;
    r.sample_id = form.sample_id;
    r.unit = form.unit;
    r.collector = form.collector;
    r.in_sample = form.status == FormStatus::kIssued && !form.reserve;
    for (const IdentifiedPage* p : pages) r.seen.push_back(p->id);
    if (pages.empty()) {
      r.verdict = Verdict::kNotReturned;
      return r;
    }
    const auto tmpl = input_.templates.find(form.template_id);
    if (tmpl == input_.templates.end()) {  // cannot happen: forms reference stored templates
      AddReason(r, Reason::kWrongTemplate);
      r.verdict = Verdict::kRejected;
      return r;
    }

    // Pages that can count, by form page number; the others are noted, one note a reason.
    std::map<int, std::vector<const IdentifiedPage*>> good;
    std::map<Reason, std::vector<std::string>> left_out;  // reason -> pages
    std::set<std::string> late_dates;
    for (const IdentifiedPage* p : pages) {
      if (const auto problem = PageProblem(*p, form, input_.window)) {
        left_out[*problem].push_back(PageLabel(*p));
        if (*problem == Reason::kOutsideWindow) late_dates.insert(p->received_on);
      } else if (p->page < 1 || p->page > tmpl->second.pages) {
        left_out[Reason::kWrongTemplate].push_back(PageLabel(*p) + " (page " +
                                                   std::to_string(p->page) + ")");
      } else {
        good[p->page].push_back(p);
        if (p->identified_by == PageIdentification::kOcr) {
          r.notes.push_back(PageLabel(*p) + ": identified by its printed code (QR unreadable)");
        }
      }
    }
    for (const auto& [reason, labels] : left_out) {
      r.notes.push_back(std::to_string(labels.size()) + " page" + (labels.size() > 1 ? "s" : "") +
                        " not counted, " + std::string(ReasonText(reason)) +
                        (reason == Reason::kOutsideWindow
                             ? " " + input_.window.Text() + " (received " +
                                   Join({late_dates.begin(), late_dates.end()}, ", ") + ")"
                             : "") +
                        ": " + ListSome(labels));
    }
    if (form.status == FormStatus::kVoided) {
      AddReason(r, form.member_replaced ? Reason::kReplacedMember : Reason::kVoided);
      r.notes.push_back("voided: " + form.void_reason);
    } else if (form.reserve) {
      AddReason(r, Reason::kUnusedReserve);
    }
    if (good.empty()) {
      for (const auto& [reason, labels] : left_out) AddReason(r, reason);
      r.verdict = Verdict::kRejected;
      return r;
    }
    if (const IdentifiedPage* first = good.begin()->second.front(); !first->collector.empty()) {
      r.collector = first->collector;
    }

    const ItemPages where = ReadPages(r, tmpl->second, good);
    ApplyFormDecision(r);
    Decide(r);
    CollectReview(r, where, review);
    return r;
  }

 private:
  // Where each item was read, and the pages to look at for the items the scans disagree on.
  struct ItemPages {
    std::map<std::string, std::int64_t> read_from;               // item -> the page counted
    std::map<std::string, std::vector<std::int64_t>> disagree;  // item -> every scan of it
  };

  // Decides every item from the first good scan of its page; scans of the same page that read
  // differently put those items (and the form) in front of a person.
  ItemPages ReadPages(FormResult& r, const TemplateItems& tmpl,
                      const std::map<int, std::vector<const IdentifiedPage*>>& good) {
    std::map<std::string, ItemReading> readings;
    ItemPages where;
    auto& disagree = where.disagree;
    for (const auto& [page, scans] : good) {
      r.pages.push_back(scans.front()->id);
      for (const std::string& box : scans.front()->inked_text_boxes) {
        if (!box.ends_with(".other")) r.has_text = true;
      }
      std::vector<std::map<std::string, ItemReading>> all;
      for (const IdentifiedPage* scan : scans) {
        auto& by_item = all.emplace_back();
        for (ItemReading& reading : DecideItems(tmpl.items, scan->bubbles, input_.thresholds)) {
          by_item[reading.item] = std::move(reading);
        }
      }
      readings.insert(all.front().begin(), all.front().end());
      for (const auto& [item, reading] : all.front()) where.read_from[item] = scans.front()->id;
      if (scans.size() < 2) continue;
      std::vector<std::string> files;
      for (const IdentifiedPage* scan : scans) files.push_back(PageLabel(*scan));
      std::vector<std::string> differing;
      for (const auto& [item, first] : all.front()) {
        for (std::size_t s = 1; s < all.size(); ++s) {
          const auto other = all[s].find(item);
          if (other != all[s].end() && SameReading(first, other->second)) continue;
          differing.push_back(item);
          for (const IdentifiedPage* scan : scans) disagree[item].push_back(scan->id);
          break;
        }
      }
      if (differing.empty()) {
        r.notes.push_back("page " + std::to_string(page) + " scanned " +
                          std::to_string(scans.size()) + " times with identical readings (" +
                          Join(files, ", ") + "); counted once");
      } else {
        AddReason(r, Reason::kDuplicateConflict);
        r.notes.push_back("page " + std::to_string(page) + " scanned " +
                          std::to_string(scans.size()) + " times and the scans disagree on " +
                          Join(differing, ", ") + " (" + Join(files, ", ") +
                          "): a photocopy or an altered form?");
      }
    }
    std::vector<std::string> missing;
    for (int page = 1; page <= tmpl.pages; ++page) {
      if (!good.contains(page)) missing.push_back(std::to_string(page));
    }
    if (!missing.empty()) {
      AddReason(r, Reason::kIncomplete);
      r.notes.push_back("page" + std::string(missing.size() > 1 ? "s " : " ") +
                        Join(missing, ", ") + " of " + std::to_string(tmpl.pages) +
                        " missing; a person may accept the rest: phieu review decide " + r.code +
                        " accept --by NAME");
    }

    for (const AnswerItem& item : tmpl.items) {
      Answer a;
      a.item = item.code;
      const auto reading = readings.find(item.code);
      if (reading == readings.end()) {
        a.state = AnswerState::kMissing;
      } else {
        a.machine = ReadingText(reading->second);
        a.options = reading->second.options;
        switch (reading->second.state) {
          case ItemState::kBlank: a.state = AnswerState::kBlank; break;
          case ItemState::kAnswered: a.state = AnswerState::kAnswered; break;
          case ItemState::kMultiple: a.state = AnswerState::kMultiple; break;
          case ItemState::kReview:
            a.state = AnswerState::kReview;
            a.review_why = "a mark the scanner is unsure of";
            break;
        }
        if (disagree.contains(item.code)) {
          a.state = AnswerState::kReview;
          a.review_why = "the scans of this page disagree";
        }
      }
      if (const auto d = decisions_.find({r.code, item.code}); d != decisions_.end()) {
        ApplyItemDecision(*d->second, a);
      }
      r.answers.push_back(std::move(a));
    }
    return where;
  }

  static void ApplyItemDecision(const Decision& d, Answer& a) {
    a.decided_by = d.decided_by;
    a.review_why.clear();
    if (d.value == "blank") {
      a.state = AnswerState::kBlank;
      a.options.clear();
    } else if (d.value == "invalid") {
      a.state = AnswerState::kInvalid;
      a.options.clear();
    } else {
      a.state = AnswerState::kAnswered;
      a.options = Split(d.value, ';');
    }
  }

  void ApplyFormDecision(FormResult& r) {
    const auto d = decisions_.find({r.code, ""});
    if (d == decisions_.end()) return;
    const Decision& decision = *d->second;
    if (decision.value == "reject") {
      AddReason(r, Reason::kRejectedByPerson);
      r.notes.push_back("rejected by " + decision.decided_by + " on " + decision.decided_at +
                        (decision.note.empty() ? "" : ": " + decision.note));
      return;
    }
    if (decision.value != "accept") return;  // recorded values are checked: cannot happen
    // "accept" overrides only what a person can judge: missing pages, disagreeing scans.
    std::erase_if(r.reasons, [](Reason reason) {
      return reason == Reason::kIncomplete || reason == Reason::kDuplicateConflict;
    });
    r.notes.push_back("accepted by " + decision.decided_by + " on " + decision.decided_at +
                      (decision.note.empty() ? "" : ": " + decision.note));
  }

  void Decide(FormResult& r) {
    bool any_answer = r.has_text, pending = false;
    for (const Answer& a : r.answers) {
      if (a.state != AnswerState::kBlank && a.state != AnswerState::kMissing) any_answer = true;
      if (a.state == AnswerState::kReview) pending = true;
    }
    if (!any_answer) AddReason(r, Reason::kBlank);
    if (pending) AddReason(r, Reason::kMarksToReview);
    const bool rejected = std::any_of(r.reasons.begin(), r.reasons.end(), ReasonRejects);
    r.verdict = rejected            ? Verdict::kRejected
                : r.reasons.empty() ? Verdict::kAccepted
                                    : Verdict::kNeedsReview;
  }

  void CollectReview(const FormResult& r, const ItemPages& where, std::vector<ReviewItem>& review) {
    if (r.verdict == Verdict::kRejected) return;
    const auto& disagree = where.disagree;
    const bool conflict = std::find(r.reasons.begin(), r.reasons.end(),
                                    Reason::kDuplicateConflict) != r.reasons.end();
    if (conflict) {
      std::vector<std::int64_t> pages;
      for (const auto& [item, ids] : disagree) {
        for (std::int64_t id : ids) {
          if (std::find(pages.begin(), pages.end(), id) == pages.end()) pages.push_back(id);
        }
      }
      review.push_back({r.code, r.code, "", ReviewReason::kFormScansDisagree,
                        "scans of the same form disagree: accept or reject the form, then decide "
                        "each item",
                        "", pages});
    }
    for (const Answer& a : r.answers) {
      if (a.state != AnswerState::kReview) continue;
      std::vector<std::int64_t> pages;
      if (const auto it = disagree.find(a.item); it != disagree.end()) pages = it->second;
      else if (const auto read = where.read_from.find(a.item); read != where.read_from.end())
        pages = {read->second};
      const ReviewReason reason = where.disagree.contains(a.item) ? ReviewReason::kScansDisagree
                                                                  : ReviewReason::kUnsureMark;
      review.push_back({r.code + "/" + a.item, r.code, a.item, reason, a.review_why, a.machine,
                        pages});
    }
  }

  const VerifyInput& input_;
  const std::map<std::pair<std::string, std::string>, const Decision*>& decisions_;
};

}  // namespace

std::string ReadingText(const ItemReading& reading) {
  std::string text;
  switch (reading.state) {
    case ItemState::kBlank: text = "blank"; break;
    case ItemState::kAnswered: text = Join(reading.options, ";"); break;
    case ItemState::kMultiple: text = "multiple " + Join(reading.options, ";"); break;
    case ItemState::kReview:
      text = "unsure " + Join(reading.uncertain, ";");
      if (!reading.options.empty()) text += ", marked " + Join(reading.options, ";");
      break;
  }
  return text;
}

const FormResult* VerifyResult::Find(std::string_view code) const {
  for (const FormResult& f : forms) {
    if (f.code == code) return &f;
  }
  return nullptr;
}

VerifyResult Verify(const VerifyInput& input) {
  std::map<std::string, std::vector<const IdentifiedPage*>> pages_by_code;
  for (const IdentifiedPage& p : input.pages) pages_by_code[p.form_code].push_back(&p);
  const auto decisions = LatestDecisions(input.decisions);
  FormVerifier verifier(input, decisions);
  VerifyResult result;
  std::set<std::string> issued;
  for (const FormRecord& form : input.forms) {
    issued.insert(form.code);
    const auto pages = pages_by_code.find(form.code);
    result.forms.push_back(verifier.Run(
        form, pages == pages_by_code.end() ? std::vector<const IdentifiedPage*>{} : pages->second,
        result.review));
  }
  for (const auto& [code, pages] : pages_by_code) {
    if (issued.contains(code)) continue;
    FormResult r;
    r.code = code;
    r.verdict = Verdict::kRejected;
    r.reasons = {Reason::kUnknownCode};
    for (const IdentifiedPage* p : pages) {
      r.seen.push_back(p->id);
      if (r.collector.empty()) r.collector = p->collector;
      if (p->identified_by == PageIdentification::kQr && !p->tag_valid) AddReason(r, Reason::kBadTag);
      r.notes.push_back(PageLabel(*p) + ": page " + std::to_string(p->page) +
                        (p->tag_valid ? " (its integrity tag is valid: made with this database's "
                                        "secret, but never issued)"
                                      : ""));
    }
    result.forms.push_back(std::move(r));
  }
  return result;
}

}  // namespace phieu
