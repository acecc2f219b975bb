#pragma once
// The tallies as one CSV table (`phieu tally --csv`, `phieu export tallies`), RFC 4180, CRLF:
//   part, kind, code, title, forms, valid, satisfied, index, blank, invalid, review, missing,
//   then one column per option code ("option 1", "option 2" ...).
// part: "" for all accepted forms, else the breakdown's value; kind: overall | group | item.
// index: the item's or group's value (percent for share formulas, mean score for mean
// formulas, 2 decimals; empty when nothing valid). For an item, each option column is the number
// of valid answers marking it; "invalid" counts several marks and answers judged invalid;
// "missing" pages that did not come back and items a channel does not ask (ItemTally::not_asked).

#include <string>

#include "core/survey.h"
#include "reports/tally.h"

namespace phieu {

// Without the byte-order mark (add core/csv.h kUtf8Bom for files meant for Excel).
std::string TallyCsv(const Survey& survey, const Tally& tally);

// "78.45", or "" when undefined.
std::string IndexText(bool defined, double value);

}  // namespace phieu
