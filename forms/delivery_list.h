#pragma once
// The list a collector carries: one row per form to deliver (code, name, address, phone, unit)
// with empty columns for the delivery date, the collection date, the respondent's signature and
// the reason a form could not be delivered, the collector's total, and the handover signatures.
// The only printed document with personal data on it.

#include <string>
#include <vector>

#include "core/status.h"

namespace phieu {

struct DeliveryRow {
  std::string collector;
  std::string form_code, name, address, unit;
  bool reserve = false;  // a reserve's form: deliver only if told to (marked "dự phòng")
  std::string phone;     // "" = none in the sample list
};

// Why a form could not be delivered: the code written in the list's column, and its meaning
// (printed as the legend), in the order of the standard reasons.
struct NotDeliveredReason {
  std::string code, text;
};
const std::vector<NotDeliveredReason>& NotDeliveredReasons();

// A landscape A4 PDF: one section per collector (in the order rows first name them), each
// starting on a new page with its own page numbers ("Trang 1/N" within the collector's list) and
// the collector named at the top of every page. Within a section, rows are ordered by unit, then
// by address (numbers in an address compare as numbers), so the list follows the route; the rows
// are numbered from 1. The section ends with the collector's total (forms, of which reserves),
// blank counts to fill in, and the handover signature blocks: forms handed to the collector
// (người giao: supervisor, người nhận: collector) and handed back. `title` heads every section
// (the survey's name). Fails when `rows` is empty.
Result<std::string> RenderDeliveryList(const std::vector<DeliveryRow>& rows,
                                       const std::string& title);

}  // namespace phieu
