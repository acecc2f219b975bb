// phieu tally: the indexes and the per-item counts of the forms that count (accepted), overall
// and broken down, with coverage; and `phieu export tallies` (cli/export_command.cc) shares it.

#include <algorithm>

#include "cli/commands.h"
#include "cli/unit_table.h"
#include "core/text.h"
#include "reports/tally_csv.h"
#include "reports/tally_source.h"
#include "store/database.h"

namespace phieu {
namespace {

std::string ValueText(const IndexFormula& f, bool defined, double value) {
  if (!defined) return "-";
  return IndexText(true, value) + (f.score == IndexScore::kShare ? " %" : "");
}

void PrintGroups(const IndexFormula& f, const IndexResult& r, std::ostream& out) {
  out << PadRight(f.title, 60) << " " << ValueText(f, r.overall_defined, r.overall) << "\n";
  for (const GroupIndex& g : r.groups) {
    out << "  " << std::string(2 * g.depth, ' ') << PadRight(g.code, 10)
        << PadRight(g.title, 48 - 2 * g.depth) << " "
        << PadRight(ValueText(f, g.defined, g.value), 10) << "(" << g.valid << " valid answers)\n";
  }
}

void PrintItems(const IndexFormula& f, const IndexResult& r, std::ostream& out) {
  out << PadRight("ITEM", 9) << PadRight("INDEX", 10) << PadRight("VALID", 7)
      << PadRight("BLANK", 7) << PadRight("INVALID", 9) << PadRight("REVIEW", 8)
      << "ANSWERS BY OPTION\n";
  for (const ItemTally& t : r.items) {
    std::string options;
    for (const auto& [code, n] : t.options)
      options += (options.empty() ? "" : "  ") + code + ":" + std::to_string(n);
    out << PadRight(t.item, 9)
        << PadRight(t.group.empty() ? "" : ValueText(f, t.defined, t.value), 10)
        << PadRight(std::to_string(t.valid), 7) << PadRight(std::to_string(t.blank), 7)
        << PadRight(std::to_string(t.invalid), 9) << PadRight(std::to_string(t.review), 8)
        << options << "\n";
  }
}

void PrintParts(const Tally& t, std::ostream& out) {
  std::size_t width = 8;
  for (const TallyPart& p : t.parts) width = std::max(width, DisplayWidth(p.value) + 2);
  std::vector<const GroupIndex*> blocks;
  for (const GroupIndex& g : t.all.groups) {
    if (g.depth == 0) blocks.push_back(&g);
  }
  out << PadRight(t.by, width) << PadRight("FORMS", 7) << PadRight("OVERALL", 11);
  for (const GroupIndex* b : blocks) out << PadRight(b->code, 11);
  out << "\n";
  for (const TallyPart& p : t.parts) {
    out << PadRight(p.value.empty() ? "(none)" : p.value, width)
        << PadRight(std::to_string(p.indexes.forms), 7)
        << PadRight(ValueText(t.formula, p.indexes.overall_defined, p.indexes.overall), 11);
    for (const GroupIndex& g : p.indexes.groups) {
      if (g.depth == 0) out << PadRight(ValueText(t.formula, g.defined, g.value), 11);
    }
    out << "\n";
  }
}

}  // namespace

Status RunTally(const TallyArgs& args, std::ostream& out) {
  auto db = Database::Open(ResolveDatabasePath(args.db));
  if (!db.ok()) return db.status();
  auto source = LoadTally(**db, args.formula, args.by);
  if (!source.ok()) return source.status();
  const Tally& t = source->tally;
  if (args.csv) {
    out << TallyCsv(source->survey, t);
    return Status::Ok();
  }
  out << "Survey " << source->survey.name << " " << source->survey.version << "; formula "
      << t.formula.name << " " << t.formula.version << " (fingerprint "
      << t.formula.fingerprint.substr(0, 16) << ").\n"
      << "Counted: " << t.accepted << " accepted forms"
      << (t.channel_answers > 0 ? " and " + std::to_string(t.channel_answers) +
                                      " channel answers, pooled ('--by channel' for each)"
                                : std::string())
      << ". Not counted: " << t.needs_review
      << " waiting for review" << (t.needs_review ? " ('phieu review list')" : "") << ", "
      << t.rejected << " rejected.\n\n";
  PrintGroups(t.formula, t.all, out);
  if (t.formula.respondent == RespondentRule::kAllSatisfied) {
    out << "  (" << t.all.respondents_satisfied << " of " << t.all.respondents_complete
        << " respondents who answered every criterion are satisfied on all)\n";
  }
  out << "\n";
  PrintItems(t.formula, t.all, out);
  if (!t.by.empty()) {
    out << "\nBy " << t.by << ":\n";
    PrintParts(t, out);
  }
  out << "\nCoverage:\n";
  PrintUnitTable(t.coverage, out);
  return Status::Ok();
}

}  // namespace phieu
