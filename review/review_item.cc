#include "review/review_item.h"

#include <algorithm>

#include "core/form_code.h"
#include "core/mark_decision.h"
#include "intake/archived_page.h"
#include "scanner/region_crop.h"

namespace phieu {
namespace {

constexpr double kPxPerPt = 3.0;       // the crop's scale (scanner/region_crop.h's default)
// The grid header: the band above its first row's bubbles, from this far above them ...
constexpr double kGridHeaderTopPt = 44;
// ... to this far above (the first row's text starts a little above its bubbles).
constexpr double kGridHeaderBottomPt = 8;

const AnswerItem* FindItem(const TemplateItems* tmpl, const std::string& code) {
  if (tmpl == nullptr) return nullptr;
  for (const AnswerItem& i : tmpl->items) {
    if (i.code == code) return &i;
  }
  return nullptr;
}

// The grid header band above the first row of `item`'s grid on this page, in template points
// (nullopt when the item is not a grid row).
std::optional<Rect> GridHeaderBand(const ArchivedPage& a, const AnswerItem& item,
                                   const TemplateItems& tmpl, const Rect& row) {
  if (item.kind != QuestionKind::kGrid) return std::nullopt;
  double first_top = 1e9;
  for (const LayoutBubble& b : a.layout.bubbles) {
    const AnswerItem* other = FindItem(&tmpl, b.question);
    if (other != nullptr && other->question == item.question) first_top = std::min(first_top, b.box.y);
  }
  if (first_top > 1e8) return std::nullopt;
  return Rect{row.x, first_top - kGridHeaderTopPt, row.w, kGridHeaderTopPt - kGridHeaderBottomPt};
}

ScanView MarkScan(const ArchivedPage& a, const AnswerItem* item, const TemplateItems* tmpl,
                  const std::string& code, const std::vector<std::string>& uncertain,
                  const MarkThresholds& thresholds) {
  ScanView v;
  v.page_id = a.page.id, v.original_path = a.page.original_path, v.page_index = a.page.page_index;
  v.batch = a.page.batch_name, v.received_on = a.page.received_on;
  const bool has_bubbles = std::any_of(a.layout.bubbles.begin(), a.layout.bubbles.end(),
                                      [&](const LayoutBubble& b) { return b.question == code; });
  // The same region as `phieu review show` cuts.
  const Rect row = ItemRowRegion(a, code);
  GreyImage crop = ItemRowCrop(a, code);
  std::optional<Rect> header;
  if (item != nullptr && tmpl != nullptr && has_bubbles) header = GridHeaderBand(a, *item, *tmpl, row);
  if (header) {
    // Near the grid's first row the band meets the row's own crop: it stops where that starts.
    header->h = std::min(header->bottom(), row.y) - header->y;
    if (header->h < 4) header.reset();
  }
  if (header) {
    const int gap = 6;
    GreyImage band = CropTemplateRegion(a.image, a.transform, *header, {}, kPxPerPt);
    v.header_px = band.height + gap;
    v.image = StackImages({band, crop}, gap);
  } else {
    v.image = std::move(crop);
  }
  const PageLevels levels = PageLevelsOf(a.page.bubbles);
  for (const LayoutBubble& b : a.layout.bubbles) {
    if (b.question != code) continue;
    BubbleView bubble;
    bubble.option = b.option;
    if (item != nullptr) {
      for (const Option& o : item->options) {
        if (o.code == b.option) bubble.label = o.label;
      }
    }
    bubble.box_px = {(b.box.x - row.x) * kPxPerPt, (b.box.y - row.y) * kPxPerPt + v.header_px,
                     b.box.w * kPxPerPt, b.box.h * kPxPerPt};
    for (const BubbleScore& s : a.page.bubbles) {
      if (s.item == code && s.option == b.option) {
        bubble.evidence = DescribeMark(s, levels, thresholds);
      }
    }
    bubble.uncertain =
        std::find(uncertain.begin(), uncertain.end(), b.option) != uncertain.end();
    v.bubbles.push_back(std::move(bubble));
  }
  return v;
}

// The options the machine is unsure of on `page` (decided again from its stored scores).
std::vector<std::string> UncertainOptions(const IdentifiedPage& page, const AnswerItem* item,
                                          const MarkThresholds& thresholds) {
  if (item == nullptr) return {};
  const std::vector<ItemReading> readings = DecideItems({*item}, page.bubbles, thresholds);
  return readings.empty() ? std::vector<std::string>{} : readings.front().uncertain;
}

}  // namespace

const TemplateItems* FormTemplate(const Evaluation& e, const std::string& code) {
  for (const FormRecord& f : e.input.forms) {
    if (f.code != code) continue;
    const auto t = e.input.templates.find(f.template_id);
    return t == e.input.templates.end() ? nullptr : &t->second;
  }
  return nullptr;
}

const AnswerItem* FormItem(const Evaluation& e, const std::string& code, const std::string& item) {
  return FindItem(FormTemplate(e, code), item);
}

ReviewItemId ParseReviewItemId(const std::string& text) {
  const std::size_t slash = text.find('/');
  const std::string code = text.substr(0, slash);
  ReviewItemId id{NormalizeFormCode(code).value_or(code), ""};
  if (slash != std::string::npos) id.item = text.substr(slash + 1);
  return id;
}

Result<ReviewItemView> ViewReviewItem(Database& db, const Evaluation& e,
                                      const std::string& id_text) {
  ReviewItemView view;
  view.id = ParseReviewItemId(id_text);
  const FormResult* f = e.result.Find(view.id.code);
  if (f == nullptr) return Status::Error("no form '" + view.id.code + "' was issued or scanned");
  if (f->verdict == Verdict::kNotReturned) {
    return Status::Error("form " + view.id.code + " has not come back: nothing to review");
  }
  view.verdict = std::string(VerdictName(f->verdict));
  view.reasons = ReasonCodes(f->reasons);
  view.notes = f->notes;
  for (const ReviewItem& r : e.result.review) {
    if (r.id == view.id.Text()) view.waiting = r;
  }
  if (view.id.item.empty()) {
    const std::vector<std::int64_t>& pages = view.waiting ? view.waiting->pages : f->seen;
    for (std::int64_t page_id : pages) {
      auto a = LoadArchivedPage(db, page_id);
      if (!a.ok()) return a.status();
      ScanView v;
      v.page_id = a->page.id, v.original_path = a->page.original_path;
      v.page_index = a->page.page_index, v.batch = a->page.batch_name;
      v.received_on = a->page.received_on;
      v.image = WholePageCrop(*a);
      view.scans.push_back(std::move(v));
    }
    if (view.scans.empty()) {
      return Status::Error("no scanned page of form " + f->code + " shows that");
    }
    return view;
  }
  const Answer* answer = nullptr;
  for (const Answer& a : f->answers) {
    if (a.item == view.id.item) answer = &a;
  }
  if (answer == nullptr) {
    return Status::Error("form " + f->code + " has no item '" + view.id.item + "'");
  }
  if (answer->state == AnswerState::kMissing) {
    return Status::Error("the page holding " + view.id.item + " of form " + f->code +
                         " did not come back");
  }
  const TemplateItems* tmpl = FormTemplate(e, f->code);
  const AnswerItem* item = FindItem(tmpl, view.id.item);
  if (item != nullptr) {
    view.question_text = item->text, view.kind = item->kind, view.options = item->options;
  }
  view.machine = answer->machine;
  view.decided_by = answer->decided_by;
  for (const Decision& d : e.input.decisions) {
    if (d.form_code == f->code && d.item == view.id.item) view.decided = d.value;
  }
  std::vector<std::int64_t> pages;
  if (view.waiting) pages = view.waiting->pages;
  for (std::int64_t page_id : f->pages) {
    if (!pages.empty()) break;
    for (const IdentifiedPage& p : e.input.pages) {
      if (p.id != page_id) continue;
      for (const BubbleScore& s : p.bubbles) {
        if (s.item == view.id.item) {
          pages.push_back(page_id);
          break;
        }
      }
    }
  }
  for (std::int64_t page_id : pages) {
    auto a = LoadArchivedPage(db, page_id);
    if (!a.ok()) return a.status();
    const std::vector<std::string> uncertain =
        UncertainOptions(a->page, item, e.input.thresholds);
    view.scans.push_back(
        MarkScan(*a, item, tmpl, view.id.item, uncertain, e.input.thresholds));
  }
  if (view.scans.empty()) {
    return Status::Error("no scanned page of form " + f->code + " shows that");
  }
  return view;
}

Result<GreyImage> ViewReviewPage(Database& db, std::int64_t page_id, const std::string& item) {
  auto a = LoadArchivedPage(db, page_id);
  if (!a.ok()) return a.status();
  std::vector<Rect> outlines;
  for (const LayoutBubble& b : a->layout.bubbles) {
    if (!item.empty() && b.question == item) outlines.push_back(b.box);
  }
  return WholePageCrop(*a, outlines);
}

}  // namespace phieu
