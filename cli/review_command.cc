// phieu review list | show | decide: what the scanner or verification could not settle, put in
// front of a person. Decisions are stored apart from the machine's readings (store/verify_store.h)
// and logged; the latest decision on an item wins.

#include <algorithm>

#include "cli/commands.h"
#include "core/form_code.h"
#include "core/text.h"
#include "intake/archived_page.h"
#include "scanner/region_crop.h"
#include "store/output_guard.h"
#include "verify/evaluate.h"

namespace phieu {
namespace {

struct ItemId {
  std::string code, item;  // item "" = the whole form
};

ItemId ParseItemId(const std::string& text) {
  const std::size_t slash = text.find('/');
  const std::string code = text.substr(0, slash);
  ItemId id{NormalizeFormCode(code).value_or(code), ""};
  if (slash != std::string::npos) id.item = text.substr(slash + 1);
  return id;
}

// The returned form `code`, or a message saying why there is none.
Result<const FormResult*> ReturnedForm(const Evaluation& e, const std::string& code) {
  const FormResult* form = e.result.Find(code);
  if (form == nullptr) return Status::Error("no form '" + code + "' was issued or scanned");
  if (form->verdict == Verdict::kNotReturned) {
    return Status::Error("form " + code + " has not come back: nothing to review");
  }
  return form;
}

const TemplateItems* TemplateOf(const Evaluation& e, const std::string& code) {
  for (const FormRecord& f : e.input.forms) {
    if (f.code != code) continue;
    const auto t = e.input.templates.find(f.template_id);
    return t == e.input.templates.end() ? nullptr : &t->second;
  }
  return nullptr;
}

const Answer* FindAnswer(const FormResult& form, const std::string& item) {
  for (const Answer& a : form.answers) {
    if (a.item == item) return &a;
  }
  return nullptr;
}

const ReviewItem* FindReview(const Evaluation& e, const std::string& id) {
  for (const ReviewItem& r : e.result.review) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

// Checks VALUE for `item`: "blank", "invalid", or option codes joined by ';' (one code unless the
// question takes several).
Status CheckMarkValue(const AnswerItem& item, const std::string& value) {
  if (value == "blank" || value == "invalid") return Status::Ok();
  std::vector<std::string> codes;
  for (const Option& o : item.options) codes.push_back(o.code);
  const std::vector<std::string> given = Split(value, ';');
  for (const std::string& code : given) {
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) {
      return Status::Error("'" + code + "' is not an option of " + item.code +
                           " (options: " + Join(codes, ", ") + "; or blank, invalid)");
    }
  }
  if (given.size() > 1 && item.kind != QuestionKind::kMulti) {
    return Status::Error(item.code +
                         " takes one answer; give one option code, or 'invalid' if "
                         "the respondent marked several");
  }
  return Status::Ok();
}

// The crop of `item`'s row from one archived page, and its scores written to `out`.
GreyImage CropItem(const ArchivedPage& a, const std::string& item, const MarkThresholds& thresholds,
                   std::ostream& out) {
  out << "  scanned page " << a.page.id << ": " << a.page.original_path
      << (a.page.page_index > 0 ? " page " + std::to_string(a.page.page_index + 1) : "")
      << " (batch " << a.page.batch_name << ", received " << a.page.received_on << ")\n";
  const PageLevels page_empty = PageLevelsOf(a.page.bubbles);
  for (const BubbleScore& s : a.page.bubbles) {
    if (s.item != item) continue;
    out << "    option " << PadRight(s.option, 4) << " " << DescribeMark(s, page_empty, thresholds)
        << "\n";
  }
  return ItemRowCrop(a, item);
}

}  // namespace

Status RunReviewList(const std::string& db_flag, const std::string& kind, std::ostream& out) {
  if (!kind.empty() && kind != "marks" && kind != "forms") {
    return Status::Error("--kind is 'marks' or 'forms', not '" + kind + "'");
  }
  auto db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return e.status();
  std::size_t shown = 0;
  for (const ReviewItem& r : e->result.review) {
    if ((kind == "marks" && r.item.empty()) || (kind == "forms" && !r.item.empty())) continue;
    if (shown++ == 0) out << PadRight("ITEM", 22) << PadRight("MACHINE READ", 22) << "WHY\n";
    out << PadRight(r.id, 22) << PadRight(r.item.empty() ? "-" : r.machine, 22) << r.why << "\n";
  }
  if (shown == 0) {
    out << "Nothing waits for a person.\n";
  } else {
    out << shown
        << " item(s) wait for a person. Look with 'phieu review show ITEM --out crop.png', "
        << "then 'phieu review decide ITEM VALUE --by NAME'.\n";
  }
  return Status::Ok();
}

Status RunReviewShow(const std::string& db_flag, const std::string& item_text,
                     const std::string& out_file, std::ostream& out) {
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(out_file, "--out", ResolveDatabasePath(db_flag)));
  auto db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return e.status();
  const ItemId id = ParseItemId(item_text);
  auto form = ReturnedForm(*e, id.code);
  if (!form.ok()) return form.status();
  const FormResult& f = **form;
  const ReviewItem* review = FindReview(*e, id.item.empty() ? id.code : id.code + "/" + id.item);
  out << "Form " << f.code << ": " << VerdictName(f.verdict)
      << (f.reasons.empty() ? "" : " (" + ReasonCodes(f.reasons) + ")") << "\n";
  std::vector<GreyImage> crops;
  if (id.item.empty()) {
    for (const std::string& note : f.notes) out << "  " << note << "\n";
    const std::vector<std::int64_t>& pages = review ? review->pages : f.seen;
    for (std::int64_t page_id : pages) {
      auto a = LoadArchivedPage(**db, page_id);
      if (!a.ok()) return a.status();
      crops.push_back(WholePageCrop(*a));
    }
  } else {
    const Answer* answer = FindAnswer(f, id.item);
    if (answer == nullptr)
      return Status::Error("form " + f.code + " has no item '" + id.item + "'");
    if (answer->state == AnswerState::kMissing) {
      return Status::Error("the page holding " + id.item + " of form " + f.code +
                           " did not come back");
    }
    out << "Item " << id.item << ": the machine read '" << answer->machine << "'"
        << (answer->decided_by.empty() ? "" : "; decided by " + answer->decided_by)
        << (review ? "; waits for a person: " + review->why : "") << "\n";
    std::vector<std::int64_t> pages;
    if (review) pages = review->pages;
    for (std::int64_t page_id : f.pages) {
      if (!pages.empty()) break;
      auto a = LoadIdentifiedPage(**db, page_id);
      if (!a.ok()) return a.status();
      for (const BubbleScore& s : (*a)->bubbles) {
        if (s.item == id.item) {
          pages.push_back(page_id);
          break;
        }
      }
    }
    for (std::int64_t page_id : pages) {
      auto a = LoadArchivedPage(**db, page_id);
      if (!a.ok()) return a.status();
      crops.push_back(CropItem(*a, id.item, e->input.thresholds, out));
    }
  }
  if (crops.empty()) return Status::Error("no scanned page of form " + f.code + " shows that");
  PHIEU_RETURN_IF_ERROR(WriteGreyPng(StackImages(crops), out_file));
  out << "Wrote " << out_file << " (" << crops.size() << " scan" << (crops.size() > 1 ? "s" : "")
      << ", top to bottom in the order listed).\n";
  return Status::Ok();
}

Status RunReviewDecide(const ReviewDecideArgs& args, std::ostream& out) {
  if (Trim(args.by).empty()) return Status::Error("--by NAME is needed: who decided");
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return e.status();
  const ItemId id = ParseItemId(args.item);
  auto form = ReturnedForm(*e, id.code);
  if (!form.ok()) return form.status();
  const FormResult& f = **form;
  Decision d;
  d.form_code = f.code;
  d.item = id.item;
  d.value = args.value;
  d.decided_by = Trim(args.by);
  d.note = args.note;
  if (id.item.empty()) {
    if (d.value != "accept" && d.value != "reject") {
      return Status::Error("a whole form is decided with 'accept' or 'reject', not '" + d.value +
                           "'");
    }
    bool overridable = false;
    for (Reason r : f.reasons) {
      overridable = overridable || r == Reason::kIncomplete || r == Reason::kDuplicateConflict;
    }
    bool fixed = false;
    for (Reason r : f.reasons) {
      fixed =
          fixed || (ReasonRejects(r) && r != Reason::kIncomplete && r != Reason::kRejectedByPerson);
    }
    if (d.value == "accept" && (fixed || !overridable)) {
      return Status::Error(
          "form " + f.code + " cannot be accepted by a person: " +
          (fixed ? "it is rejected for " + ReasonCodes(f.reasons) + ", which no decision changes"
                 : std::string("only missing pages or disagreeing scans are a person's call")) +
          "; its marks are decided item by item (CODE/ITEM)");
    }
    d.machine = std::string(VerdictName(f.verdict)) +
                (f.reasons.empty() ? "" : " (" + ReasonCodes(f.reasons) + ")");
  } else {
    const Answer* answer = FindAnswer(f, id.item);
    const TemplateItems* tmpl = TemplateOf(*e, f.code);
    const AnswerItem* item = nullptr;
    if (tmpl != nullptr) {
      for (const AnswerItem& i : tmpl->items) {
        if (i.code == id.item) item = &i;
      }
    }
    if (answer == nullptr || item == nullptr) {
      return Status::Error("form " + f.code + " has no item '" + id.item + "'");
    }
    if (answer->state != AnswerState::kReview && answer->decided_by.empty()) {
      return Status::Error(f.code + "/" + id.item +
                           " does not wait for a person (the machine read '" + answer->machine +
                           "')");
    }
    PHIEU_RETURN_IF_ERROR(CheckMarkValue(*item, d.value));
    d.machine = answer->machine;
  }
  auto stored = RecordDecision(**db, d);
  if (!stored.ok()) return stored.status();
  auto after = EvaluateDatabase(**db);
  if (!after.ok()) return after.status();
  const FormResult* now = after->result.Find(f.code);
  out << "Recorded decision " << stored->id << ": " << args.item << " = " << d.value << " by "
      << d.decided_by << " (the machine read '" << d.machine << "').\n"
      << "Form " << f.code << " is now " << VerdictName(now->verdict)
      << (now->reasons.empty() ? "" : " (" + ReasonCodes(now->reasons) + ")")
      << "; run 'phieu verify' to update the stored verdicts.\n";
  return Status::Ok();
}

}  // namespace phieu
