#include "audit/bundle_report.h"

#include "core/csv.h"
#include "reports/tally_csv.h"
#include "verify/answer_export.h"

namespace phieu {

std::map<std::string, std::string> BundleReportFiles(const BuiltReport& report) {
  const Evaluation& e = report.source.evaluation;
  return {
      {"report.pdf", report.pdf},
      {"answers.csv", AnswersCsv(e.input, e.result, e.channel_forms)},
      {"tallies.csv", std::string(kUtf8Bom) + TallyCsv(report.source.survey, report.source.tally)}};
}

}  // namespace phieu
