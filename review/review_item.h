#pragma once
// One item waiting for a person, as a person sees it: for a mark, the row of its question cut
// upright from every archived scan to look at (a grid row with its grid's header above it), each
// bubble's place in the crop with its option label and the machine's account of it, and which
// bubbles the machine is unsure of; for a whole form, its pages. Used by `phieu review show` and
// the review station (`phieu serve`).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/geometry.h"
#include "core/status.h"
#include "core/survey.h"
#include "scanner/grey_image.h"
#include "store/database.h"
#include "verify/evaluate.h"

namespace phieu {

// "K7Q-M4R-X2P/Q9.15" (a mark) or "K7Q-M4R-X2P" (a whole form); the code as typed is normalised
// (core/form_code.h), so "k7qm4rx2p/Q9.15" names the same item.
struct ReviewItemId {
  std::string code;
  std::string item;  // "" = the whole form
  std::string Text() const { return item.empty() ? code : code + "/" + item; }
};
ReviewItemId ParseReviewItemId(const std::string& text);

struct BubbleView {
  std::string option, label;  // the option's code and printed label
  Rect box_px;                // where the bubble is in the crop, pixels
  std::string evidence;       // the machine's account (core/mark_decision.h DescribeMark)
  bool uncertain = false;     // one the machine asks a person to look at
};

// One scanned page shown for the item.
struct ScanView {
  std::int64_t page_id = 0;
  std::string original_path;
  int page_index = 0;  // 0-based page within its file
  std::string batch, received_on;
  GreyImage image;               // the crop (a mark) or the whole page (a form), upright
  int header_px = 0;             // height of the grid header band at the crop's top (0: none)
  std::vector<BubbleView> bubbles;  // marks only, in option order
};

struct ReviewItemView {
  ReviewItemId id;
  std::string verdict;              // the form's verdict now (verify/verdict.h VerdictName)
  std::string reasons;              // its reason codes, e.g. "marks-to-review"
  std::vector<std::string> notes;   // the form's notes
  // Marks only:
  std::string question_text;        // the item's printed text
  QuestionKind kind = QuestionKind::kSingle;
  std::vector<Option> options;
  std::string machine;              // the machine's reading, e.g. "unsure 3"
  std::string decided_by;           // who decided it last ("" = nobody yet)
  std::string decided;              // the value they decided ("" = nobody yet)
  std::optional<ReviewItem> waiting;  // why it waits for a person; empty once decided
  std::vector<ScanView> scans;      // the scans to look at, in the order listed
};

// The template of form `code` in `e` (nullptr when the form or its template is unknown), and
// its answer item `item` (nullptr when it has none).
const TemplateItems* FormTemplate(const Evaluation& e, const std::string& code);
const AnswerItem* FormItem(const Evaluation& e, const std::string& code, const std::string& item);

// The view of item `id_text` in `e` (made from `db`), with its crops read from the archive.
// Fails with a message for the person when the form was not issued or scanned, has not come back,
// has no such item, or its page did not come back, or an archived scan cannot be read.
Result<ReviewItemView> ViewReviewItem(Database& db, const Evaluation& e, const std::string& id_text);

// The whole page `page_id` upright, the bubbles of `item` outlined ("" = none), for a person who
// wants to see the item in its page.
Result<GreyImage> ViewReviewPage(Database& db, std::int64_t page_id, const std::string& item);

}  // namespace phieu
