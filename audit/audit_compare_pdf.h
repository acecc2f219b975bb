#pragma once
// The PDF of an audit comparison (`phieu audit compare --out audit.pdf`): the verdict line,
// agreement overall, per unit, per collector and per item, contact outcomes, and every
// discrepancy with both values and the crop of the paper where the item was read.

#include <string>
#include <vector>

#include "audit/audit_compare.h"
#include "core/status.h"

namespace phieu {

// A crop of the scanned paper (grey, row-major), for one discrepancy; empty when there is none.
struct PaperCrop {
  int width = 0, height = 0;
  std::vector<unsigned char> pixels;
};

struct AuditPdfInput {
  std::string survey_title;
  std::string log_head;            // of the database compared
  AuditDraw draw;
  AuditComparison comparison;
  std::vector<PaperCrop> crops;    // one per comparison.discrepancies entry, same order
};

// The PDF's bytes, the same for the same input. `crops` may be shorter than the discrepancies;
// a missing or empty crop is left out.
Result<std::string> RenderAuditComparePdf(const AuditPdfInput& input);

}  // namespace phieu
