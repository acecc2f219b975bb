#include "review/writein.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <utility>

#include "core/layout_json.h"
#include "core/survey_yaml.h"
#include "core/text.h"
#include "intake/archived_page.h"
#include "review/review_item.h"
#include "scanner/region_crop.h"
#include "store/form_store.h"

namespace phieu {
namespace {

constexpr double kPxPerPt = 3.0;   // the crop's scale, as the marks' crops
constexpr double kAroundPt = 6;    // paper shown around the box
constexpr double kQuestionAbovePt = 16;  // above a question's own box: the line of its text
constexpr int kMaxCharacters = 2000;
constexpr double kMm2PerPt2 = (25.4 / 72) * (25.4 / 72);
constexpr double kBorderPt = 2;    // the measure stays this far inside the printed border

// The area (mm²) the scanner measured inside `box`: its inside less the border margin.
double InsideMm2(const Rect& box) {
  return std::max(0.0, box.w - 2 * kBorderPt) * std::max(0.0, box.h - 2 * kBorderPt) * kMm2PerPt2;
}

// A template's layout and survey, loaded once per listing.
struct TemplateInfo {
  Layout layout;
  Survey survey;
};

class Templates {
 public:
  explicit Templates(Database& db) : db_(db) {}

  Result<const TemplateInfo*> Get(const std::string& id) {
    if (auto it = cache_.find(id); it != cache_.end()) return &it->second;
    auto stored = LoadTemplate(db_, id);
    if (!stored.ok()) return stored.status();
    if (!stored->has_value()) return Status::Error("template " + id + " is not in the database");
    auto layout = LayoutFromJson((*stored)->layout_json, "template " + id);
    if (!layout.ok()) return layout.status();
    auto survey = ParseSurveyYaml((*stored)->definition_yaml, "template " + id);
    if (!survey.ok()) return survey.status();
    TemplateInfo& info = cache_[id];
    info.layout = std::move(layout->layout);
    info.survey = std::move(survey).value();
    return &info;
  }

 private:
  Database& db_;
  std::map<std::string, TemplateInfo> cache_;
};

// "Q2.8.other" -> {"Q2", "8"}; "Q11" -> {"Q11", ""}.
std::pair<std::string, std::string> BoxQuestion(const std::string& box) {
  constexpr std::string_view kOther = ".other";
  if (!box.ends_with(kOther)) return {box, ""};
  const std::string rest = box.substr(0, box.size() - kOther.size());
  const std::size_t dot = rest.rfind('.');
  if (dot == std::string::npos) return {rest, ""};
  return {rest.substr(0, dot), rest.substr(dot + 1)};
}

std::string BoxLabel(const Survey& survey, const std::string& box) {
  const auto [question, option] = BoxQuestion(box);
  for (const Section& s : survey.sections) {
    for (const Question& q : s.questions) {
      if (q.code != question) continue;
      if (option.empty()) return q.text;
      for (const Option& o : q.options) {
        if (o.code == option) return q.text + " — " + o.label;
      }
      return q.text;
    }
  }
  return box;
}

const IdentifiedPage* FindPage(const Evaluation& e, std::int64_t id) {
  for (const IdentifiedPage& p : e.input.pages) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

std::string TemplateOf(const Evaluation& e, const std::string& code) {
  for (const FormRecord& f : e.input.forms) {
    if (f.code == code) return f.template_id;
  }
  return "";
}

// The region of `box` to show, in template points: the box with paper around it, and for a
// "Khác" box its option's bubble and label too.
Rect ShownRegion(const LayoutPage& page, const LayoutTextBox& box) {
  Rect r = box.box;
  const auto [question, option] = BoxQuestion(box.question);
  if (!option.empty()) {
    for (const LayoutBubble& b : page.bubbles) {
      if (b.question != question || b.option != option) continue;
      const double top = std::min(r.y, b.box.y), bottom = std::max(r.bottom(), b.box.bottom());
      r = {b.box.x, top, r.right() - b.box.x, bottom - top};
    }
  }
  // A question's own box: its printed question just above it too.
  const double above = option.empty() ? kQuestionAbovePt : kAroundPt;
  return {r.x - kAroundPt, r.y - above, r.w + 2 * kAroundPt, r.h + kAroundPt + above};
}

// Counts the code points of valid UTF-8 `text`.
int CodePoints(std::string_view text) {
  int n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

Result<WriteInOptions> LoadWriteInOptions(Database& db) {
  WriteInOptions options;
  auto stored = LoadWriteInThreshold(db);
  if (!stored.ok()) return stored.status();
  if (stored->has_value()) options.queue_from_mm2 = **stored;
  return options;
}

Status SetWriteInThreshold(Database& db, double mm2, const std::string& by) {
  if (Trim(by).empty()) return Status::Error("--by NAME is needed: who sets it");
  if (!(mm2 > 0 && mm2 <= 1000)) {
    return Status::Error("the threshold is an inked area in mm², above 0 and at most 1000");
  }
  char text[32];
  std::snprintf(text, sizeof text, "%g", mm2);
  return SaveWriteInThreshold(db, mm2,
                              std::string("write-ins are queued from ") + text +
                                  " mm2 of ink (set by " + std::string(Trim(by)) + ")");
}

Result<std::vector<WriteIn>> ListWriteIns(Database& db, const Evaluation& e,
                                          const WriteInOptions& options, bool all,
                                          const std::string& form) {
  auto ink = ListBoxInk(db);
  if (!ink.ok()) return ink.status();
  auto records = ListTranscriptions(db);
  if (!records.ok()) return records.status();
  std::map<std::int64_t, std::map<std::string, double>> ink_of;  // page id -> box -> ink
  for (const BoxInk& b : *ink) ink_of[b.page_id][b.box] = b.ink;
  std::map<std::string, Transcription> latest;  // "CODE/BOX" -> the last record
  for (Transcription& t : *records) latest[t.form_code + "/" + t.box] = std::move(t);

  Templates templates(db);
  std::vector<WriteIn> list;
  for (const FormResult& f : e.result.forms) {
    if (f.verdict == Verdict::kNotReturned || f.verdict == Verdict::kRejected) continue;
    if (!form.empty() && f.code != form) continue;
    const std::string template_id = TemplateOf(e, f.code);
    if (template_id.empty()) continue;
    auto info = templates.Get(template_id);
    if (!info.ok()) return info.status();
    for (std::int64_t page_id : f.pages) {
      const IdentifiedPage* page = FindPage(e, page_id);
      const auto measured = ink_of.find(page_id);
      if (page == nullptr || measured == ink_of.end()) continue;
      const std::vector<LayoutPage>& pages = (*info)->layout.pages;
      if (page->page < 1 || page->page > static_cast<int>(pages.size())) continue;
      for (const LayoutTextBox& box : pages[page->page - 1].text_boxes) {
        const auto found = measured->second.find(box.question);
        if (found == measured->second.end()) continue;
        const double mm2 = found->second * InsideMm2(box.box);
        const bool queued = mm2 >= options.queue_from_mm2;
        if (!all && !queued) continue;
        WriteIn w;
        w.form = f.code, w.box = box.question, w.id = f.code + "/" + box.question;
        w.unit = f.unit, w.page = page->page, w.page_id = page_id, w.ink = found->second;
        w.ink_mm2 = mm2, w.queued = queued;
        w.label = BoxLabel((*info)->survey, box.question);
        if (const auto t = latest.find(w.id); t != latest.end()) w.latest = t->second;
        list.push_back(std::move(w));
      }
    }
  }
  return list;
}

Result<TextColumns> WriteInColumns(Database& db, const Evaluation& e,
                                   const WriteInOptions& options) {
  // Every box of the templates in use, in printed order, each once.
  Templates templates(db);
  std::vector<std::string> boxes;
  std::set<std::string> template_ids;
  for (const FormRecord& f : e.input.forms) template_ids.insert(f.template_id);
  for (const std::string& id : template_ids) {
    auto info = templates.Get(id);
    if (!info.ok()) return info.status();
    for (const LayoutPage& page : (*info)->layout.pages) {
      for (const LayoutTextBox& box : page.text_boxes) {
        if (std::find(boxes.begin(), boxes.end(), box.question) == boxes.end()) {
          boxes.push_back(box.question);
        }
      }
    }
  }
  TextColumns columns;
  for (const std::string& box : boxes) {
    for (const char* part : {":text", ":by", ":at"}) columns.headers.push_back(box + part);
  }
  auto all = ListWriteIns(db, e, options, /*all=*/true);
  if (!all.ok()) return all.status();
  for (const WriteIn& w : *all) {
    const auto box = std::find(boxes.begin(), boxes.end(), w.box);
    if (box == boxes.end()) continue;  // cannot be: every template in use was listed
    std::vector<std::string>& cells = columns.cells[w.form];
    cells.resize(columns.headers.size());
    const std::size_t at = 3 * static_cast<std::size_t>(box - boxes.begin());
    if (w.latest) {
      const Transcription& t = *w.latest;
      cells[at] = t.state == WriteInState::kText        ? t.text
                  : t.state == WriteInState::kIllegible ? "*"
                                                        : "";
      cells[at + 1] = t.by, cells[at + 2] = t.at;
    } else if (w.queued) {
      cells[at] = "?";
    }
  }
  return columns;
}

Result<WriteIn> FindWriteIn(Database& db, const Evaluation& e, const std::string& id) {
  const ReviewItemId parsed = ParseReviewItemId(id);
  const FormResult* f = e.result.Find(parsed.code);
  if (f == nullptr) return Status::Error("no form '" + parsed.code + "' was issued or scanned");
  if (f->verdict == Verdict::kNotReturned) {
    return Status::Error("form " + parsed.code + " has not come back: nothing to transcribe");
  }
  if (f->verdict == Verdict::kRejected) {
    return Status::Error("form " + parsed.code + " is rejected: its write-ins are not transcribed");
  }
  auto boxes = ListWriteIns(db, e, {}, /*all=*/true, f->code);
  if (!boxes.ok()) return boxes.status();
  for (WriteIn& w : *boxes) {
    if (w.box == parsed.item) return std::move(w);
  }
  return Status::Error("form " + parsed.code + " has no write-in box '" + parsed.item +
                       "' on a page that came back");
}

Result<WriteInView> ViewWriteIn(Database& db, const Evaluation& e, const std::string& id) {
  auto w = FindWriteIn(db, e, id);
  if (!w.ok()) return w.status();
  auto a = LoadArchivedPage(db, w->page_id);
  if (!a.ok()) return a.status();
  WriteInView view;
  for (const LayoutTextBox& box : a->layout.text_boxes) {
    if (box.question != w->box) continue;
    // No outline drawn: the box's printed border shows where it is.
    view.crop = CropTemplateRegion(a->image, a->transform, ShownRegion(a->layout, box), {},
                                   kPxPerPt);
  }
  view.item = std::move(w).value();
  return view;
}

Result<Transcription> TranscribeWriteIn(Database& db, const Evaluation& e,
                                        const TranscriptionRequest& request) {
  const std::string by(Trim(request.by));
  if (by.empty()) return Status::Error("--by NAME is needed: who typed it");
  Transcription t;
  if (request.state == "text") {
    t.state = WriteInState::kText;
  } else if (request.state == "illegible") {
    t.state = WriteInState::kIllegible;
  } else if (request.state == "empty") {
    t.state = WriteInState::kEmpty;
  } else {
    return Status::Error("a write-in is recorded as text, illegible or empty, not '" +
                         request.state + "'");
  }
  const std::string text(Trim(request.text));
  if (t.state != WriteInState::kText && !text.empty()) {
    return Status::Error(std::string("a box recorded as ") + WriteInStateName(t.state) +
                         " takes no text");
  }
  if (t.state == WriteInState::kText) {
    if (text.empty()) {
      return Status::Error("no text: type what is written, or record the box as illegible or "
                           "empty");
    }
    if (const auto bad = FindInvalidUtf8(text)) {
      return Status::Error("the text is not UTF-8 (byte " + std::to_string(*bad + 1) + ")");
    }
    for (unsigned char c : text) {
      if (c < 0x20 || c == 0x7F) {
        return Status::Error("the text holds a control character: type it on one line");
      }
    }
    if (CodePoints(text) > kMaxCharacters) {
      return Status::Error("the text is longer than " + std::to_string(kMaxCharacters) +
                           " characters");
    }
    // '?' and '*' alone mean "waiting" and "illegible" in the export (verify/answer_export.h).
    if (text == "?" || text == "*") {
      return Status::Error("'" + text + "' alone is not a transcription: record the box as "
                           "illegible");
    }
  }
  auto w = FindWriteIn(db, e, request.id);
  if (!w.ok()) return w.status();
  t.form_code = w->form, t.page = w->page, t.box = w->box;
  t.text = text, t.page_id = w->page_id, t.by = by;
  return RecordTranscription(db, std::move(t));
}

}  // namespace phieu
