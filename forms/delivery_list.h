#pragma once
// The list a collector carries: one row per form to deliver (code, name, address, unit) with
// empty columns for the delivery date, the collection date and the respondent's signature.
// The only printed document with personal data on it.

#include <string>
#include <vector>

#include "core/status.h"

namespace phieu {

struct DeliveryRow {
  std::string collector;
  std::string form_code, name, address, unit;
  bool reserve = false;  // a reserve's form: deliver only if told to (marked "dự phòng")
};

// A landscape A4 PDF: one section per collector (in the order rows first name them), each
// starting on a new page, with page numbers. `title` heads every page (the survey's name).
Result<std::string> RenderDeliveryList(const std::vector<DeliveryRow>& rows,
                                       const std::string& title);

}  // namespace phieu
