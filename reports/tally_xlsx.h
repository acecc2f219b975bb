#pragma once
// The tallies as an Excel workbook (`phieu export tallies --xlsx FILE`), for Home Affairs staff:
//   "Chỉ số"      the formula, the overall index, every group and every index item;
//   "Số liệu"     every item's counts: valid, blank, invalid, waiting for review, missing, and
//                 the valid answers per option;
//   "Theo ..."    with a breakdown: one row per part (forms, overall, each block);
//   "Độ bao phủ"  coverage per unit: issued, returned, return rate, accepted, review, rejected.
// Values are numbers (2 decimals shown); an index with no valid answer is left empty. The
// workbook's creation date is fixed, so the same tallies give the same file.

#include <string>

#include "core/status.h"
#include "core/survey.h"
#include "reports/tally.h"

namespace phieu {

// Writes the workbook to `path` through a temporary file and a rename: `path` is whole or as it
// was, whatever happens. Fails with "PATH: cannot write the workbook (reason)" or "PATH: the
// workbook cannot have a sheet named 'NAME'", leaving no file behind.
Status WriteTallyXlsx(const Survey& survey, const Tally& tally, const std::string& path);

}  // namespace phieu
