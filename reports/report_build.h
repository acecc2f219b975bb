#pragma once
// The published report built from a database and the report's options: shared by `phieu report`
// and by the audit bundle (audit/bundle_export.h writes it, audit/bundle_check.h rebuilds it and
// compares the bytes).

#include <string>

#include "core/status.h"
#include "reports/report_pdf.h"
#include "reports/tally_source.h"
#include "store/database.h"

namespace phieu {

struct ReportOptions {
  std::string period;   // printed on the cover when the database holds no period (store/period_store.h)
  std::string units;    // only these units, separated by commas ("" = all)
  std::string date;     // YYYY-MM-DD the data is as of ("" = the latest date a counted form came)
  std::string formula;  // a formula file ("" = the built-in one)
  // Earlier periods' databases, separated by commas, earliest first ("" = none): each is a
  // column of the scorecards (section 9), and the last one is compared item by item (section 8)
  // through the question map between its questionnaire and this one ("" = items with the same
  // codes, which needs the same questionnaire).
  std::string compare, question_map;
  // Who issues the report, its number, place and date: the cover's official heading
  // (reports/report_pdf.h ReportIssuer; "" fields get the defaults stated there).
  ReportIssuer issuer;
};

struct BuiltReport {
  TallySource source;
  ReportInput input;
  std::string pdf;  // the PDF's bytes: the same for the same database and options
};

// The report of `db` with `options`, and what it was made from; the same bytes for the same
// database and options. The cover prints the database's period ("Quý III năm 2026") when it
// holds one, and `period` otherwise. Fails naming the cause when `period` is given and differs
// from the database's, the date or the issuer's date is not YYYY-MM-DD, an issuer's field holds a
// line break, the earlier database cannot be opened or
// tallied, (the last one) is for another questionnaire and no question map is given, or has another formula, the tally cannot
// be loaded (LoadTally), the re-check cannot be read or the PDF cannot be made.
Result<BuiltReport> BuildReport(Database& db, const ReportOptions& options);

}  // namespace phieu
