// phieu verify: a verdict for every issued form and every code that came back, a summary per
// unit, and (--signals) the patterns auditors should look into. The verdicts are stored and
// logged; people's decisions are never touched.

#include "cli/commands.h"
#include "cli/unit_table.h"
#include "core/text.h"
#include "verify/evaluate.h"
#include "verify/signals.h"
#include "verify/unit_summary.h"

namespace phieu {
namespace {

std::vector<StoredVerdict> ToStored(const VerifyResult& result) {
  std::vector<StoredVerdict> rows;
  for (const FormResult& f : result.forms) {
    std::string notes;
    for (const std::string& n : f.notes) notes += (notes.empty() ? "" : "\n") + n;
    rows.push_back({f.code, f.sample_id, f.unit, f.collector, std::string(VerdictName(f.verdict)),
                    ReasonCodes(f.reasons), notes});
  }
  return rows;
}

}  // namespace

Status RunVerify(const VerifyArgs& args, std::ostream& out) {
  auto window = ParseDateWindow(args.window);
  if (!window.ok()) return window.status();
  const std::string path = ResolveDatabasePath(args.db);
  auto db = Database::Open(path);
  if (!db.ok()) return db.status();
  auto evaluation = EvaluateDatabase(**db, *window);
  if (!evaluation.ok()) return evaluation.status();
  const VerifyResult& result = evaluation->result;

  const std::vector<UnitSummary> units = SummariseByUnit(result);
  const UnitSummary& total = units.back();
  VerifyRunTotals totals;
  totals.window = evaluation->input.window.Text();
  for (const FormResult& f : result.forms) {
    if (f.verdict == Verdict::kNotReturned) continue;
    ++totals.forms;
  }
  totals.accepted = total.accepted, totals.needs_review = total.needs_review;
  totals.rejected = total.rejected;
  auto changed = SaveVerifyRun(**db, totals, ToStored(result));
  if (!changed.ok()) return changed.status();

  out << "Verified " << path << ": " << total.issued << " forms issued to the sample, "
      << totals.forms << " codes came back"
      << (totals.window.empty() ? "" : " (fieldwork window " + totals.window + ")") << ".\n\n";
  PrintUnitTable(units, out);

  std::map<Reason, int> reasons;
  for (const FormResult& f : result.forms) {
    for (Reason r : f.reasons) ++reasons[r];
  }
  if (!reasons.empty()) {
    out << "\nReasons (a form can have several):\n";
    for (const auto& [reason, count] : reasons) {
      out << "  " << PadRight(std::to_string(count), 6) << PadRight(ReasonCode(reason), 20)
          << ReasonText(reason) << (ReasonRejects(reason) ? "" : " (needs review)") << "\n";
    }
  }
  if (args.forms) {
    out << "\nForms not accepted:\n";
    for (const FormResult& f : result.forms) {
      if (f.verdict == Verdict::kAccepted || f.verdict == Verdict::kNotReturned) continue;
      out << "  " << f.code << "  " << VerdictName(f.verdict) << ": " << ReasonCodes(f.reasons)
          << "\n";
      for (const std::string& note : f.notes) out << "      " << note << "\n";
    }
  }
  if (!evaluation->channel_forms.empty()) {
    std::map<std::string, int> per_channel;
    for (const FormResult& f : evaluation->channel_forms) ++per_channel[f.channel];
    std::vector<std::string> counts;
    for (const auto& [channel, count] : per_channel) {
      counts.push_back(channel + " " + std::to_string(count));
    }
    out << "\nChannel answers (imported, not on paper: counted as imported, not checked against "
           "the sample list): "
        << evaluation->channel_forms.size() << " (" << Join(counts, ", ") << ").\n";
  }
  int marks = 0, forms = 0;
  for (const ReviewItem& item : result.review) (item.item.empty() ? forms : marks)++;
  out << "\n"
      << marks << " marks and " << forms << " forms wait for a person"
      << (marks + forms > 0 ? ": see 'phieu review list'" : "") << ".\n";
  out << *changed << " verdicts changed since the last run; recorded in the log.\n";

  if (args.signals) {
    const std::vector<Signal> signals = FindSignals(evaluation->input, result);
    out << "\nSignals for auditors (" << signals.size() << "; listed, not rejected):\n";
    for (const Signal& s : signals) {
      std::string codes;
      for (std::size_t i = 0; i < s.forms.size() && i < 12; ++i) codes += " " + s.forms[i];
      if (s.forms.size() > 12) codes += " ... (" + std::to_string(s.forms.size()) + " forms)";
      out << "  " << PadRight(s.kind, 19) << s.text << "\n"
          << "      forms:" << codes << "\n";
    }
  }
  return Status::Ok();
}

}  // namespace phieu
