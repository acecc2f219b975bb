#pragma once
// A folder of scans of filled forms, as a post office would send back: made-up respondents fill
// the printed forms (answers known), with a few of the problems real batches have (a stained QR
// code, a sheet fed upside down, skew, faint and struck-out marks, an empty sheet). Used by
// `phieu demo` and end-to-end tests.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/layout.h"
#include "core/status.h"
#include "core/survey.h"
#include "synthetic/answer_plan.h"

namespace phieu {

struct FilledScanOptions {
  double dpi = 150;
  int forms = 20;  // the first forms of the printed PDF
  std::uint64_t seed = 2026;
  bool with_problems = true;  // stained QR, upside down, skew, hard marks, an empty sheet
};

struct FilledScans {
  std::vector<std::string> files;                       // written, one page each (JPEG)
  std::map<std::string, std::vector<ItemTruth>> truth;  // file -> what was meant on that page
  std::map<std::string, int> first_page;  // file -> the 1-based page of the printed PDF where its
                                          // form starts (absent for the empty sheet)
};

// Renders `forms_pdf` (printed by phieu forms print: each form `layout.pages.size()` pages, plus a
// blank back when odd) and writes one JPEG per page into `out_dir`.
Result<FilledScans> WriteFilledScans(const std::string& forms_pdf, const Survey& survey,
                                     const Layout& layout, const std::string& out_dir,
                                     const FilledScanOptions& options);

}  // namespace phieu
