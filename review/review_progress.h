#pragma once
// How the review is going, for a supervisor: what still waits, and what each person has decided
// (in all, and lately: their rate).

#include <string>
#include <vector>

#include "verify/evaluate.h"

namespace phieu {

struct ReviewerProgress {
  std::string name;
  int decisions = 0;  // every decision they made (corrections count again)
  int recent = 0;     // of those, made at or after `since`
  std::string last_at;  // their latest decision's time ("" = none)
};

struct ReviewProgress {
  int waiting = 0;                         // items waiting for a person now
  int decisions = 0;                       // decisions made by anyone
  std::vector<ReviewerProgress> reviewers;  // by name
};

// The progress in `e`; decisions made at or after `since` (a UTC time as decisions store it,
// "YYYY-MM-DDTHH:MM:SSZ") count as recent.
ReviewProgress ProgressOf(const Evaluation& e, const std::string& since);

}  // namespace phieu
