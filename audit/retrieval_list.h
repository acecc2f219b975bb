#pragma once
// The retrieval list of an audit draw: where the paper of each selected form is, so that it can
// be pulled from the boxes. Sheets are kept in the order they were scanned: a batch's files in
// the order of their names (as `phieu scan` reads them), each file's pages in order.

#include <string>
#include <vector>

#include "core/audit_draw.h"
#include "core/status.h"
#include "store/scan_store.h"

namespace phieu {

// Where one scanned page of a form lies (store/scan_store.h).
using ScannedSheet = SheetPlace;

struct RetrievalRow {
  AuditPick pick;
  std::vector<ScannedSheet> sheets;  // every scanned page of the form, page order
};

// The rows for `draw`, in the order of its picks, with the sheets of each form from `sheets`.
std::vector<RetrievalRow> RetrievalRows(const AuditDraw& draw,
                                        const std::vector<ScannedSheet>& sheets);

// CSV (UTF-8 with BOM, CRLF): form, unit, collector, stratum, rank, ticket, batch, file,
// page_in_file, sheet_in_batch, pages (one row per form; the first scanned page's place).
std::string RetrievalCsv(const std::vector<RetrievalRow>& rows);

// The PDF for the people pulling paper: the draw (seed, method, rate, counts per stratum), then a
// table per batch of the forms to pull with their place in the batch, and a tick column.
Result<std::string> RenderRetrievalPdf(const std::string& survey_title, const AuditDraw& draw,
                                       const std::vector<RetrievalRow>& rows);

}  // namespace phieu
