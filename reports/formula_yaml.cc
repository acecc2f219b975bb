// The index formula reader (the only yaml-cpp code in reports/), and the built-in formulas.

#include <map>
#include <stdexcept>

#include "core/crypto.h"
#include "core/embedded.h"
#include "core/yaml_fields.h"
#include "reports/index_formula.h"

namespace phieu {

// Generated from reports/formulas/*.yaml by cmake/embed.cmake.
std::span<const EmbeddedFile> EmbeddedFormulaFiles();

namespace {

template <typename Enum>
struct Named {
  std::string_view name;
  Enum value;
};

constexpr Named<IndexScore> kScores[] = {{"share", IndexScore::kShare}, {"mean", IndexScore::kMean}};
constexpr Named<GroupCombine> kCombines[] = {{"mean", GroupCombine::kMean},
                                             {"pooled", GroupCombine::kPooled}};
constexpr Named<OverallOver> kOveralls[] = {{"blocks", OverallOver::kBlocks},
                                            {"elements", OverallOver::kElements},
                                            {"pooled", OverallOver::kPooled}};
constexpr Named<RespondentRule> kRules[] = {{"none", RespondentRule::kNone},
                                            {"all-satisfied", RespondentRule::kAllSatisfied}};

template <typename Enum, std::size_t N>
std::string_view NameOf(const Named<Enum> (&table)[N], Enum value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return "?";
}

class FormulaParser : private YamlFields {
 public:
  explicit FormulaParser(std::string_view file_name) : YamlFields(file_name) {}

  Result<IndexFormula> Parse(std::string_view text) {
    YAML::Node loaded;
    if (!Load(text, loaded)) return errors_.ToStatus();
    const YAML::Node& root = loaded;
    if (!root.IsMap()) {
      errors_.Add(root.IsDefined() ? LineOf(root) : 1,
                  "an index formula must be a mapping with 'name', 'version', 'surveys' and "
                  "'score'");
      return errors_.ToStatus();
    }
    CheckKeys(root, "the formula",
              {"name", "version", "title", "source", "surveys", "score", "satisfied", "combine",
               "overall", "respondent"});
    IndexFormula f;
    f.name = Text(root, "name", "the formula", true);
    f.version = Text(root, "version", "the formula", true);
    f.title = Text(root, "title", "the formula", true);
    f.source = Text(root, "source", "the formula", false);
    f.surveys = TextList(root, "surveys", "the formula", true);
    f.score = Choice(root, "score", kScores, IndexScore::kShare, true);
    f.satisfied = TextList(root, "satisfied", "the formula", false);
    f.combine = Choice(root, "combine", kCombines, GroupCombine::kMean, false);
    f.overall = Choice(root, "overall", kOveralls, OverallOver::kBlocks, false);
    f.respondent = Choice(root, "respondent", kRules, RespondentRule::kNone, false);
    if (f.score == IndexScore::kShare && f.satisfied.empty() && root["score"]) {
      errors_.Add(LineOf(root["score"]),
                  "score 'share' needs 'satisfied': the option codes that count as satisfied");
    }
    if (f.score == IndexScore::kMean && !f.satisfied.empty()) {
      errors_.Add(LineOf(root["satisfied"]), "'satisfied' means nothing with score 'mean'");
    }
    if (f.respondent == RespondentRule::kAllSatisfied && f.score != IndexScore::kShare) {
      errors_.Add(LineOf(root["respondent"]), "respondent 'all-satisfied' needs score 'share'");
    }
    if (!errors_.empty()) return errors_.ToStatus();
    f.fingerprint = Sha256Hex(text);
    return f;
  }

 private:
  template <typename Enum, std::size_t N>
  Enum Choice(const YAML::Node& root, const char* key, const Named<Enum> (&table)[N], Enum fallback,
              bool required) {
    const std::string text = Text(root, key, "the formula", required);
    if (text.empty()) return fallback;
    std::string names;
    for (const auto& entry : table) {
      if (entry.name == text) return entry.value;
      names += (names.empty() ? "" : ", ") + std::string(entry.name);
    }
    errors_.Add(LineOf(root[key]), "'" + std::string(key) + "' is one of " + names + ", not '" +
                                       text + "'");
    return fallback;
  }
};

}  // namespace

Result<IndexFormula> ParseIndexFormula(std::string_view yaml_text, std::string_view file_name) {
  return FormulaParser(file_name).Parse(yaml_text);
}

const std::vector<IndexFormula>& BuiltinFormulas() {
  static const std::vector<IndexFormula> formulas = [] {
    std::map<std::string, IndexFormula> by_name;
    for (const EmbeddedFile& file : EmbeddedFormulaFiles()) {
      Result<IndexFormula> f = ParseIndexFormula(file.text, file.name);
      if (!f.ok()) throw std::logic_error("built-in formula: " + f.status().message());
      by_name[f->name] = std::move(f).value();
    }
    std::vector<IndexFormula> list;
    for (auto& [name, f] : by_name) list.push_back(std::move(f));
    return list;
  }();
  return formulas;
}

const IndexFormula* BuiltinFormulaFor(std::string_view survey_name) {
  for (const IndexFormula& f : BuiltinFormulas()) {
    for (const std::string& s : f.surveys) {
      if (s == survey_name) return &f;
    }
  }
  return nullptr;
}

std::string_view IndexScoreName(IndexScore score) { return NameOf(kScores, score); }
std::string_view GroupCombineName(GroupCombine combine) { return NameOf(kCombines, combine); }
std::string_view OverallOverName(OverallOver overall) { return NameOf(kOveralls, overall); }
std::string_view RespondentRuleName(RespondentRule rule) { return NameOf(kRules, rule); }

}  // namespace phieu
