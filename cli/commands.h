#pragma once
// The bodies of the `phieu` commands, one Run* function per command, each in the command's own
// file and called by the command table (cli/main.cc, the only file that knows CLI11) and by
// `phieu demo`. Each takes its options as plain values, writes its report to `out` and returns a
// failure with a message for the user.

#include <cstddef>
#include <optional>
#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "core/status.h"
#include "reports/report_issuer.h"

namespace phieu {

// phieu surveys list
Status RunSurveysList(std::ostream& out);

// phieu surveys show NAME
Status RunSurveysShow(const std::string& name, std::ostream& out);

// phieu demo [--dir DIR] [--people N]
Status RunDemo(const std::string& dir, int people, std::ostream& out);

// phieu init --survey NAME|FILE.yaml [--period 2026-Q3]
Status RunInit(const std::string& db, const std::string& survey, std::ostream& out,
               const std::string& period = "");

// phieu period set PERIOD (a year, quarter or month: 2026, 2026-Q3, 2026-07)
Status RunPeriodSet(const std::string& db, const std::string& period, std::ostream& out);

// phieu period show
Status RunPeriodShow(const std::string& db, std::ostream& out);

struct ChannelImportArgs {
  std::string db, file, channel, map;
};
// phieu channel import FILE --channel tablet|sms|phone|web --map MAP.yaml
Status RunChannelImport(const ChannelImportArgs& args, std::ostream& out);

// phieu sample import FILE
Status RunSampleImport(const std::string& db, const std::string& file, std::ostream& out);

struct SampleDrawArgs {
  std::string db, frame, seed, by;
  std::optional<int> size, per_stratum;
  std::optional<double> margin;
  int reserves = 0;
};
// phieu sample draw
Status RunSampleDraw(const SampleDrawArgs& args, std::ostream& out);

// phieu sample show-draw
Status RunShowDraw(const std::string& db, bool csv, std::ostream& out);

// phieu sample replace ID --reason R
Status RunSampleReplace(const std::string& db, const std::string& id, const std::string& reason,
                        std::ostream& out);

struct SampleListArgs {
  std::string db, unit;
  bool csv = false;
  bool all = false;       // reserves and replaced members too
  std::size_t limit = 0;  // table rows at most (0 = all); CSV is never cut
};
// phieu sample list
Status RunSampleList(const SampleListArgs& args, std::ostream& out);

struct FormsPrintArgs {
  std::string db, out, unit, collector;
  bool reserves = false;
  bool draft = false;  // print a survey with draft items, every page watermarked
  int threads = 0;     // render on this many threads, 0 = every core (the PDF is the same)
};
// phieu forms print
Status RunFormsPrint(const FormsPrintArgs& args, std::ostream& out);

// phieu forms reprint CODE --reason R [--out FILE] [--draft]
Status RunFormsReprint(const std::string& db, const std::string& code, const std::string& reason,
                       const std::string& out_file, bool draft, std::ostream& out);

// phieu forms delivery-list --out FILE [--collector C] [--csv]
Status RunFormsDeliveryList(const std::string& db, const std::string& collector,
                            const std::string& out_file, bool csv, std::ostream& out);

// phieu forms list [--csv]
Status RunFormsList(const std::string& db, bool csv, std::ostream& out);

struct ScanArgs {
  std::string db, batch, operator_name, collector, received_on, explain, out;
  std::vector<std::string> paths;
  int jobs = 0;               // 0 = all cores
  double max_megapixels = 0;  // 0 = ScanLimits' default (A3 at 600 dpi)
  int max_pages = 0;          // 0 = ScanLimits' default
};
// phieu scan PATH...
Status RunScan(const ScanArgs& args, std::ostream& out);

// phieu scan --explain IMAGE --out OVERLAY.png
Status RunExplain(const std::string& db, const std::string& image, const std::string& overlay,
                  std::ostream& out);

// phieu forms layout --json FILE
Status RunFormsLayout(const std::string& db, const std::string& json_file, std::ostream& out);

struct VerifyArgs {
  std::string db, window;
  bool signals = false, forms = false;
};
// phieu verify [--window FROM..TO] [--signals] [--forms]
Status RunVerify(const VerifyArgs& args, std::ostream& out);

// phieu review list [--kind marks|forms]
Status RunReviewList(const std::string& db, const std::string& kind, std::ostream& out);

// phieu review show ITEM --out crop.png
Status RunReviewShow(const std::string& db, const std::string& item, const std::string& out_file,
                     std::ostream& out);

struct ReviewDecideArgs {
  std::string db, item, value, by, note;
};
// phieu review decide ITEM VALUE --by NAME [--note TEXT]
Status RunReviewDecide(const ReviewDecideArgs& args, std::ostream& out);

struct ReviewTextArgs {
  std::string db, item, out, text, as, by;
  bool all = false;
  double mm2 = -1;  // threshold: -1 = show it
};
// phieu review text list [--all]
Status RunReviewTextList(const ReviewTextArgs& args, std::ostream& out);
// phieu review text show CODE/BOX --out crop.png
Status RunReviewTextShow(const ReviewTextArgs& args, std::ostream& out);
// phieu review text record CODE/BOX (--text TEXT | --as illegible|empty) --by NAME
Status RunReviewTextRecord(const ReviewTextArgs& args, std::ostream& out);
// phieu review text threshold [MM2 --by NAME]
Status RunReviewTextThreshold(const ReviewTextArgs& args, std::ostream& out);

struct RescoreArgs {
  std::string db;
  std::optional<double> filled, empty;
};
// phieu rescore [--filled X] [--empty Y]
Status RunRescore(const RescoreArgs& args, std::ostream& out);

struct TallyArgs {
  std::string db, by, formula;
  bool csv = false;
};
// phieu tally [--by KEY] [--csv] [--formula FILE]
Status RunTally(const TallyArgs& args, std::ostream& out);

struct ReportArgs {
  std::string db, out, period, units, date, formula, compare, question_map;
  std::string scorecards_csv, scorecards_xlsx;  // "" = not written
  ReportIssuer issuer;  // the cover's official heading
};
// phieu report --out FILE.pdf [--period TEXT] [--units A,B] [--date YYYY-MM-DD] [--formula FILE]
//   [--compare EARLIER.db[,LATER.db...] [--question-map MAP.yaml]]
//   [--scorecards-csv FILE] [--scorecards-xlsx FILE]
//   [--parent-agency TEXT] [--issuer TEXT] [--place TEXT] [--number TEXT] [--issued-on DATE]
Status RunReport(const ReportArgs& args, std::ostream& out);

struct ExportAnswersArgs {
  std::string db, out, xlsx;
  bool json = false, anonymous = false, with_text = false;
};
// phieu export answers [--out FILE [--json]] [--xlsx FILE] [--anonymous | --with-text]
Status RunExportAnswers(const ExportAnswersArgs& args, std::ostream& out);

struct AuditDrawArgs {
  std::string db, seed, by;
  double rate = 0.10;
  double unreturned_rate = 0.10;  // the delivery check's share of the unreturned forms; 0 = none
  std::string pdf = "retrieval-list.pdf", csv = "retrieval-list.csv";
};
// phieu audit draw --seed SEED [--rate 0.10] [--by unit|collector] [--unreturned-rate 0.10]
//   [--pdf F] [--csv F]
Status RunAuditDraw(const AuditDrawArgs& args, std::ostream& out);

struct AuditSheetArgs {
  std::string db, out, csv;
};
// phieu audit sheet --out sheet.pdf [--csv readings.csv]
Status RunAuditSheet(const AuditSheetArgs& args, std::ostream& out);

struct AuditRecordArgs {
  std::string db, file, by;
};
// phieu audit record FILE.csv --by NAME
Status RunAuditRecord(const AuditRecordArgs& args, std::ostream& out);

struct AuditCompareArgs {
  std::string db, out;
  double min_agreement = 99.0;
};
// phieu audit compare --out audit.pdf [--min-agreement 99]
Status RunAuditCompare(const AuditCompareArgs& args, std::ostream& out);

struct AuditExportArgs {
  std::string db, dir;
  bool redact = false;
  std::string period, units, date, formula;  // the bundled report's options (as phieu report)
  ReportIssuer issuer;
};
// phieu audit export DIR [--redact] [--period] [--units] [--date] [--formula] [--parent-agency]
//   [--issuer] [--place] [--number] [--issued-on]
Status RunAuditExport(const AuditExportArgs& args, std::ostream& out);

struct AuditCheckArgs {
  std::string dir, root;
  std::string seed;     // the auditor's seed: a share of the pages read again is drawn from it
  double share = 0.05;  // with a seed: the share of the read pages drawn
  bool all = false;     // every page read again; exactly one of `seed` and `all` (else exit 2)
};
// phieu audit check DIR [--root HASH] (--seed SEED [--share S] | --all): exit 1 when any check
// fails, 2 when neither --seed nor --all is given, or both.
Status RunAuditCheck(const AuditCheckArgs& args, std::ostream& out);

struct ExportTalliesArgs {
  std::string db, csv, xlsx, by, formula;
};
// phieu export tallies [--out FILE.csv] [--xlsx FILE.xlsx] [--by KEY] [--formula FILE]
Status RunExportTallies(const ExportTalliesArgs& args, std::ostream& out);

struct ServeArgs {
  std::string db, host = "127.0.0.1";
  int port = 8080;
};
// phieu serve [--port 8080] [--host 127.0.0.1]: returns only when it cannot listen.
Status RunServe(const ServeArgs& args, std::ostream& out);

// phieu users add NAME --role reviewer|supervisor: the password is read from `in` (one line),
// asked for without echo when `in` is a terminal.
Status RunUsersAdd(const std::string& db, const std::string& name, const std::string& role,
                   std::istream& in, std::ostream& out);

// phieu log show [--last N]
Status RunLogShow(const std::string& db, std::size_t last, std::ostream& out);

// phieu log verify
Status RunLogVerify(const std::string& db, std::ostream& out);

}  // namespace phieu
