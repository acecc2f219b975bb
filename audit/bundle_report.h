#pragma once
// The report an audit bundle carries: the files of it, by their path in the bundle, written by
// the export (audit/bundle_export.h) and rebuilt and compared by the check (audit/bundle_check.h).

#include <map>
#include <string>

#include "reports/report_build.h"

namespace phieu {

// The bundle path of the formula file, when the report was made with one.
inline constexpr const char* kBundleFormulaFile = "formula.yaml";

// The files `report` is published with, by bundle path: the PDF, the answers it counts (CSV) and
// its tallies (CSV).
std::map<std::string, std::string> BundleReportFiles(const BuiltReport& report);

}  // namespace phieu
