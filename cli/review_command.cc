// phieu review list | show | decide: what the scanner or verification could not settle, put in
// front of a person. The queue, the crops and the decisions are review/'s; this file prints them.

#include "cli/commands.h"
#include "core/text.h"
#include "review/review_decision.h"
#include "review/review_item.h"
#include "review/review_queue.h"
#include "scanner/region_crop.h"
#include "store/output_guard.h"

namespace phieu {

Status RunReviewList(const std::string& db_flag, const std::string& kind, std::ostream& out) {
  ReviewFilter filter;
  filter.kind = kind;
  if (Status s = CheckReviewFilter(filter); !s.ok()) return Status::Error("--" + s.message());
  auto db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return e.status();
  const std::vector<QueueEntry> queue = ReviewQueue(*e, filter);
  if (queue.empty()) {
    out << "Nothing waits for a person.\n";
    return Status::Ok();
  }
  out << PadRight("ITEM", 22) << PadRight("MACHINE READ", 22) << "WHY\n";
  for (const QueueEntry& q : queue) {
    const ReviewItem& r = q.item;
    out << PadRight(r.id, 22) << PadRight(r.item.empty() ? "-" : r.machine, 22) << r.why << "\n";
  }
  out << queue.size()
      << " item(s) wait for a person. Look with 'phieu review show ITEM --out crop.png', "
      << "then 'phieu review decide ITEM VALUE --by NAME'.\n";
  return Status::Ok();
}

Status RunReviewShow(const std::string& db_flag, const std::string& item_text,
                     const std::string& out_file, std::ostream& out) {
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(out_file, "--out", ResolveDatabasePath(db_flag)));
  auto db = Database::Open(ResolveDatabasePath(db_flag));
  if (!db.ok()) return db.status();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return e.status();
  auto view = ViewReviewItem(**db, *e, item_text);
  if (!view.ok()) return view.status();
  const ReviewItemView& v = *view;
  out << "Form " << v.id.code << ": " << v.verdict
      << (v.reasons.empty() ? "" : " (" + v.reasons + ")") << "\n";
  if (v.id.item.empty()) {
    for (const std::string& note : v.notes) out << "  " << note << "\n";
  } else {
    out << "Item " << v.id.item << ": the machine read '" << v.machine << "'"
        << (v.decided_by.empty() ? "" : "; decided by " + v.decided_by)
        << (v.waiting ? "; waits for a person: " + v.waiting->why : "") << "\n";
  }
  std::vector<GreyImage> crops;
  for (const ScanView& s : v.scans) {
    if (!v.id.item.empty()) {
      out << "  scanned page " << s.page_id << ": " << s.original_path
          << (s.page_index > 0 ? " page " + std::to_string(s.page_index + 1) : "") << " (batch "
          << s.batch << ", received " << s.received_on << ")\n";
      for (const BubbleView& b : s.bubbles) {
        out << "    option " << PadRight(b.option, 4) << " " << b.evidence << "\n";
      }
    }
    crops.push_back(s.image);
  }
  PHIEU_RETURN_IF_ERROR(WriteGreyPng(StackImages(crops), out_file));
  out << "Wrote " << out_file << " (" << crops.size() << " scan" << (crops.size() > 1 ? "s" : "")
      << ", top to bottom in the order listed).\n";
  return Status::Ok();
}

Status RunReviewDecide(const ReviewDecideArgs& args, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  auto outcome = DecideReviewItem(**db, {args.item, args.value, args.by, args.note});
  if (!outcome.ok()) return outcome.status();
  const Decision& d = outcome->stored;
  out << "Recorded decision " << d.id << ": " << args.item << " = " << d.value << " by "
      << d.decided_by << " (the machine read '" << d.machine << "').\n"
      << "Form " << d.form_code << " is now " << outcome->verdict
      << (outcome->reasons.empty() ? "" : " (" + outcome->reasons + ")")
      << "; run 'phieu verify' to update the stored verdicts.\n";
  return Status::Ok();
}

}  // namespace phieu
