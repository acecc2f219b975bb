#pragma once
// The published report built from a database and the report's options: shared by `phieu report`
// and by the audit bundle (`phieu audit export` writes it, `phieu audit check` rebuilds it and
// compares the bytes).

#include <string>

#include "cli/tally_source.h"
#include "core/status.h"
#include "reports/report_pdf.h"

namespace phieu {

struct ReportOptions {
  std::string period;   // printed on the cover
  std::string units;    // only these units, separated by commas ("" = all)
  std::string date;     // YYYY-MM-DD the data is as of ("" = the latest date a counted form came)
  std::string formula;  // a formula file ("" = the built-in one)
};

struct BuiltReport {
  TallySource source;
  ReportInput input;
  std::string pdf;  // the PDF's bytes: the same for the same database and options
};

Result<BuiltReport> BuildReport(const std::string& db_flag, const ReportOptions& options);

}  // namespace phieu
