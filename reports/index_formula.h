#pragma once
// How a survey's answers become its indexes: versioned configuration, not code. A formula is a
// small YAML file (format: reports/formulas/FORMAT.md); the built-in ones are compiled in
// (reports/formulas/*.yaml) and `--formula FILE` replaces them. Every report prints the formula's
// name, version and fingerprint.

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace phieu {

enum class IndexScore {
  kShare,  // % of valid answers that are one of `satisfied` (SIPAS, Hanoi)
  kMean,   // mean of the answers' option codes read as numbers (M-Score, 0-10)
};

enum class GroupCombine {
  kMean,    // a group's value is the unweighted mean of its items' and subgroups' values
  kPooled,  // a group's value is computed over all the answers of every item under it
};

enum class OverallOver {
  kBlocks,    // the mean of the top groups (blocks)
  kElements,  // the mean of the groups without subgroups (elements)
  kPooled,    // over all the answers of every item in the index
};

enum class RespondentRule {
  kNone,
  kAllSatisfied,  // the overall index is the share of respondents satisfied on every item of the
                  // index (among those with a valid answer to every item): Hanoi 2014
};

struct IndexFormula {
  std::string name;     // e.g. "sipas"
  std::string version;  // e.g. "2022.1"
  std::string title;    // printed as the index's name
  std::string source;   // where the method comes from
  std::vector<std::string> surveys;  // the survey names it applies to
  IndexScore score = IndexScore::kShare;
  std::vector<std::string> satisfied;  // option codes counted as satisfied (kShare)
  GroupCombine combine = GroupCombine::kMean;
  OverallOver overall = OverallOver::kBlocks;
  RespondentRule respondent = RespondentRule::kNone;
  std::string fingerprint;  // SHA-256 of the file as given
};

// Reads a formula; every problem is reported as FILE:LINE: message.
Result<IndexFormula> ParseIndexFormula(std::string_view yaml_text, std::string_view file_name);

// The built-in formulas (reports/formulas/*.yaml), in name order; and the one for a survey.
const std::vector<IndexFormula>& BuiltinFormulas();
const IndexFormula* BuiltinFormulaFor(std::string_view survey_name);

// "share", "mean"; "mean", "pooled"; "blocks", "elements", "pooled"; "none", "all-satisfied".
std::string_view IndexScoreName(IndexScore score);
std::string_view GroupCombineName(GroupCombine combine);
std::string_view OverallOverName(OverallOver overall);
std::string_view RespondentRuleName(RespondentRule rule);

}  // namespace phieu
