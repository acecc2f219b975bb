// phieu review text list | show | record: the write-ins (free-text boxes with writing) of the
// forms that came back, typed by a person. The boxes, crops and records are review/writein.h's;
// this file prints them.

#include "cli/commands.h"
#include "core/text.h"
#include "review/writein.h"
#include "scanner/region_crop.h"
#include "store/output_guard.h"

namespace phieu {
namespace {

std::string RecordText(const Transcription& t) {
  const std::string what =
      t.state == WriteInState::kText ? "\"" + t.text + "\"" : WriteInStateName(t.state);
  return what + " (" + t.by + ", " + t.at + ")";
}

}  // namespace

Status RunReviewTextList(const ReviewTextArgs& args, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return e.status();
  auto options = LoadWriteInOptions(**db);
  if (!options.ok()) return options.status();
  auto boxes = ListWriteIns(**db, *e, *options, args.all);
  if (!boxes.ok()) return boxes.status();
  int waiting = 0;
  for (const WriteIn& w : *boxes) waiting += w.queued && !w.latest;
  if (waiting == 0 && !args.all) {
    out << "No write-in waits to be transcribed.\n";
    return Status::Ok();
  }
  out << PadRight("BOX", 28) << PadRight("INK mm²", 9) << "RECORDED\n";
  for (const WriteIn& w : *boxes) {
    if (!args.all && w.latest) continue;
    char ink[16];
    std::snprintf(ink, sizeof ink, "%.1f", w.ink_mm2);
    out << PadRight(w.id, 28) << PadRight(ink, 8) << " "
        << (w.latest ? RecordText(*w.latest)
                     : std::string(w.queued ? "waits" : "no writing (not queued)"))
        << "\n";
  }
  out << waiting << " write-in(s) wait to be transcribed (boxes with " << options->queue_from_mm2
      << " mm² of ink or more). Look with 'phieu review text show BOX "
      << "--out crop.png', then 'phieu review text record BOX --text TEXT --by NAME'.\n";
  return Status::Ok();
}

Status RunReviewTextShow(const ReviewTextArgs& args, std::ostream& out) {
  PHIEU_RETURN_IF_ERROR(CheckOutputPath(args.out, "--out", ResolveDatabasePath(args.db)));
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return e.status();
  auto view = ViewWriteIn(**db, *e, args.item);
  if (!view.ok()) return view.status();
  const WriteIn& w = view->item;
  out << "Box " << w.id << " (page " << w.page << "): " << w.label << "\n"
      << "  ink " << w.ink_mm2 << " mm²; "
      << (w.latest ? "recorded " + RecordText(*w.latest) : std::string("waits to be transcribed"))
      << "\n";
  PHIEU_RETURN_IF_ERROR(WriteGreyPng(view->crop, args.out));
  out << "Wrote " << args.out << ".\n";
  return Status::Ok();
}

Status RunReviewTextRecord(const ReviewTextArgs& args, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  auto e = EvaluateDatabase(**db);
  if (!e.ok()) return e.status();
  auto stored = TranscribeWriteIn(
      **db, *e, {args.item, args.as.empty() ? "text" : args.as, args.text, args.by});
  if (!stored.ok()) return stored.status();
  out << "Recorded write-in " << stored->id << ": " << stored->form_code << "/" << stored->box
      << " = " << RecordText(*stored) << ".\n";
  return Status::Ok();
}

Status RunReviewTextThreshold(const ReviewTextArgs& args, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  if (args.mm2 < 0) {
    auto options = LoadWriteInOptions(**db);
    if (!options.ok()) return options.status();
    out << "Write-in boxes are queued from " << options->queue_from_mm2 << " mm² of ink.\n";
    return Status::Ok();
  }
  PHIEU_RETURN_IF_ERROR(SetWriteInThreshold(**db, args.mm2, args.by));
  out << "Write-in boxes are now queued from " << args.mm2 << " mm² of ink.\n";
  return Status::Ok();
}

}  // namespace phieu
