#pragma once
// The report cover's official heading, as `phieu report` and `phieu audit export` take it: a
// plain struct of its own, so that the command line can hold one without the report's headers.

#include <string>

namespace phieu {

// Who issues the report and how it is numbered and dated: the official heading of its cover.
// Agencies are written as the heading prints them, in capitals ("UBND TỈNH …", "SỞ NỘI VỤ").
struct ReportIssuer {
  std::string parent_agency;  // the agency above the issuer, printed above it ("" = none)
  std::string agency;         // the issuing office ("" = the survey's first title line)
  std::string place;          // "Hà Nội" in "Hà Nội, ngày …" ("" = a dotted blank, filled by hand)
  std::string number;         // what follows "Số: ", e.g. "125/BC-SNV" ("" = "……/BC", the
                              // clerk numbers the report when it is issued)
  std::string date;           // YYYY-MM-DD the report is dated ("" = the date the data is as of)
};

}  // namespace phieu
