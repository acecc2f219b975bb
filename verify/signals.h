#pragma once
// Signals for auditors: patterns that a fabricated or coached return tends to leave. They are
// listed for a person to look into, never used to reject a form. Computed on the forms that
// count or wait for review.
//   identical-answers  two or more forms with the same answer on every item (5+ answered)
//   straight-lining    a form giving the same answer to every rating item (grid or scale; 5+)
//   collector          a collector whose forms stand out from the rest of their unit: return
//                      rate 25+ points above the rest's; a share of identical / straight-lined
//                      forms of 30 %+ and at least twice the rest's; or unusually uniform answers:
//                      the mean share of a form's rating answers equal to its most frequent one
//                      20+ points above the rest's (at least 5 forms each side for rates, 3 for
//                      shares and uniformity)
//   custody            a scanned batch handed in by one collector holding forms issued to
//                      another: one signal per batch and issued-to collector, naming both
//                      (the paper did not travel the way the delivery lists say it did)

#include <string>
#include <vector>

#include "verify/verdict.h"

namespace phieu {

struct Signal {
  std::string kind;                // identical-answers | straight-lining | collector | custody
  std::string text;                // what was seen, with the numbers
  std::vector<std::string> forms;  // the form codes concerned
};

// Every signal, of every kind, for the forms of `result` (computed from `input`).
std::vector<Signal> FindSignals(const VerifyInput& input, const VerifyResult& result);

}  // namespace phieu
