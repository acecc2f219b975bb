#include "reports/tally_csv.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "core/csv.h"
#include "core/text.h"

namespace phieu {
namespace {

// Numeric codes in numeric order, then the others in text order.
bool CodeBefore(const std::string& a, const std::string& b) {
  char* end_a = nullptr;
  char* end_b = nullptr;
  const double x = std::strtod(a.c_str(), &end_a), y = std::strtod(b.c_str(), &end_b);
  const bool na = !a.empty() && *end_a == '\0', nb = !b.empty() && *end_b == '\0';
  if (na != nb) return na;
  if (na && x != y) return x < y;
  return a < b;
}

void WritePart(std::ostream& out, const std::string& part, const IndexResult& r,
               const std::vector<AnswerItem>& items, const std::vector<std::string>& codes) {
  const std::size_t fixed = 12;
  auto row = [&](std::vector<std::string> cells) {
    cells.resize(fixed + codes.size());
    WriteCsvRecord(out, cells);
  };
  const std::string forms = std::to_string(r.forms);
  row({part, "overall", "", "", forms, "", "", IndexText(r.overall_defined, r.overall)});
  for (const GroupIndex& g : r.groups) {
    row({part, "group", g.code, g.title, forms, std::to_string(g.valid), "",
         IndexText(g.defined, g.value)});
  }
  for (const ItemTally& t : r.items) {
    std::string title;
    for (const AnswerItem& item : items) {
      if (item.code == t.item) title = item.text;
    }
    std::vector<std::string> cells = {part,
                                      "item",
                                      t.item,
                                      title,
                                      forms,
                                      std::to_string(t.valid),
                                      t.group.empty() ? "" : std::to_string(t.satisfied),
                                      t.group.empty() ? "" : IndexText(t.defined, t.value),
                                      std::to_string(t.blank),
                                      std::to_string(t.invalid),
                                      std::to_string(t.review),
                                      std::to_string(t.missing)};
    for (const std::string& code : codes) {
      const auto n = t.options.find(code);
      cells.push_back(n == t.options.end() ? "0" : std::to_string(n->second));
    }
    row(cells);
  }
}

}  // namespace

std::string IndexText(bool defined, double value) { return defined ? FixedText(value, 2) : ""; }

std::string TallyCsv(const Survey& survey, const Tally& tally) {
  const std::vector<AnswerItem> items = AnswerItems(survey);
  std::set<std::string> seen;
  for (const AnswerItem& item : items) {
    for (const Option& o : item.options) seen.insert(o.code);
  }
  std::vector<std::string> codes(seen.begin(), seen.end());
  std::sort(codes.begin(), codes.end(), CodeBefore);
  std::ostringstream out;
  std::vector<std::string> header = {"part",  "kind",  "code",  "title",  "forms",  "valid",
                                     "satisfied", "index", "blank", "invalid", "review", "missing"};
  for (const std::string& code : codes) header.push_back("option " + code);
  WriteCsvRecord(out, header);
  WritePart(out, "", tally.all, items, codes);
  for (const TallyPart& part : tally.parts) WritePart(out, part.value, part.indexes, items, codes);
  return out.str();
}

}  // namespace phieu
