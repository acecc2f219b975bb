#include "reports/report_build.h"

#include <algorithm>
#include <optional>
#include <set>

#include "audit/audit_state.h"
#include "core/crypto.h"
#include "core/file.h"
#include "core/memory_reuse.h"
#include "core/period.h"
#include "core/text.h"
#include "core/vietnamese_format.h"
#include "reports/period_compare.h"
#include "reports/question_map.h"
#include "reports/scorecard.h"
#include "store/period_store.h"
#include "verify/answer_export.h"

namespace phieu {
namespace {

std::vector<std::string> SplitUnits(const std::string& text) {
  std::vector<std::string> units;
  for (const std::string& part : Split(text, ',')) {
    if (!Trim(part).empty()) units.emplace_back(Trim(part));
  }
  return units;
}

// The latest date a counted page was received or a channel answer given: the report's date unless
// one is given.
std::string LatestReceived(const Evaluation& e) {
  std::set<std::string> accepted;
  for (const FormResult& f : e.result.forms) {
    if (f.verdict == Verdict::kAccepted) accepted.insert(f.code);
  }
  std::string latest;
  for (const IdentifiedPage& p : e.input.pages) {
    if (accepted.contains(p.form_code)) latest = std::max(latest, p.received_on);
  }
  for (const FormResult& f : e.channel_forms) latest = std::max(latest, f.answered_on);
  return latest;
}

// The re-check's sentence, in Vietnamese with the report's numbers (core/vietnamese_format.h):
// the draw and the auditors' verdict on the report's units ("" when nothing was drawn for
// re-checking). Its seed goes to the annex.
struct Recheck {
  std::string text, seed;
};

Result<Recheck> RecheckText(Database& db, const Survey& survey, const Evaluation& evaluation,
                            const std::vector<std::string>& units) {
  auto state = LoadAuditState(db, survey, evaluation, 99.0, units);
  if (!state.ok()) return state.status();
  if (!state->has_value()) return Recheck{};
  const AuditDraw& draw = (*state)->draw.draw;
  const AuditComparison& c = (*state)->comparison;
  std::string text = "Tổ phúc tra rút ngẫu nhiên " + VietnameseCount(draw.picks.size()) +
                     " trong " + VietnameseCount(draw.candidates) +
                     " phiếu hợp lệ (tỷ lệ rút " + VietnamesePercent(draw.rate * 100, 1) +
                     "; hạt giống công bố ở Phụ lục" +
                     (units.empty() ? "" : "; ở đây là các phiếu rút được của đơn vị trong báo cáo") +
                     "). Đã phúc tra " + VietnameseCount(c.recorded) + "/" +
                     VietnameseCount(c.selected) + " phiếu: khớp " +
                     VietnameseCount(c.all.agreeing) + "/" + VietnameseCount(c.all.compared) +
                     " câu trả lời (" + VietnamesePercent(c.all.Rate(), 1) + ", ngưỡng " +
                     VietnamesePercent(c.min_agreement, 1) + ")";
  const auto count = [&](ContactOutcome o) {
    const auto found = c.outcomes.find(o);
    return found == c.outcomes.end() ? 0 : found->second;
  };
  const int denied = count(ContactOutcome::kNotReceived) + count(ContactOutcome::kSomeoneElse);
  if (denied > 0) text += "; " + VietnameseCount(denied) + " người được khảo sát phủ nhận phiếu";
  // The delivery check (audit/delivery_compare.h): people asked about forms never returned.
  const DeliveryTally& delivery = c.delivery.all;
  if (delivery.drawn > 0) {
    text += ". Kiểm tra việc phát phiếu: rút " + VietnameseCount(delivery.drawn) + " trong " +
            VietnameseCount(c.delivery.candidates) +
            " phiếu đã phát nhưng chưa thu về, liên hệ được " +
            VietnameseCount(delivery.contacted) + " người";
    // The collectors concerned are named to the auditors (`audit compare`), not in the
    // published report: a finding to look into, not yet a judgement on a person.
    if (delivery.not_received > 0) {
      text += ", trong đó " + VietnameseCount(delivery.not_received) +
              " người không nhận được phiếu";
    }
  }
  const int left = (c.selected - c.recorded) + (delivery.drawn - delivery.recorded);
  if (c.passed) {
    text += ". Kết luận: ĐẠT, kết quả đọc máy khớp với phiếu giấy.";
  } else if (delivery.not_received > 0) {
    text += ". Kết luận: KHÔNG ĐẠT, có phiếu báo chưa thu về nhưng người được khảo sát không "
            "nhận được phiếu.";
  } else if (left > 0) {
    text += ". Kết luận: CHƯA XONG, còn " + VietnameseCount(left) + " phiếu chưa phúc tra.";
  } else {
    text += ". Kết luận: KHÔNG ĐẠT, cần xem xét các điểm khác biệt.";
  }
  return Recheck{std::move(text), draw.seed};
}

// The forms that count in `source`: accepted paper forms and channel answers.
std::vector<const FormResult*> CountedForms(const TallySource& source) {
  std::vector<const FormResult*> forms;
  for (const FormResult& f : source.evaluation.result.forms) {
    if (f.verdict == Verdict::kAccepted) forms.push_back(&f);
  }
  for (const FormResult& f : source.evaluation.channel_forms) forms.push_back(&f);
  return forms;
}

// An earlier period's database: its tally (same formula and units) and the name of its period
// (its file name when it holds none).
struct Earlier {
  TallySource source;
  std::string period;
};

Result<Earlier> LoadEarlier(const std::string& path, const std::vector<std::string>& units) {
  auto earlier_db = Database::Open(path);
  if (!earlier_db.ok()) return earlier_db.status();
  auto earlier = LoadTally(**earlier_db, "", "unit", units);
  if (!earlier.ok()) return earlier.status().WithContext(path);
  auto period = LoadPeriod(**earlier_db);
  if (!period.ok()) return period.status();
  std::string name = *period ? PeriodVietnamese(**period) : path.substr(path.rfind('/') + 1);
  return Earlier{std::move(earlier).value(), std::move(name)};
}

// The comparison of `current` with `earlier` (section 8), through the question map of `options`.
Result<PeriodComparison> CompareWithEarlier(const TallySource& current, const Earlier& earlier,
                                            const std::string& earlier_path,
                                            const ReportOptions& options) {
  QuestionMap map;
  if (!options.question_map.empty()) {
    auto text = ReadFile(options.question_map);
    if (!text.ok()) return text.status();
    auto parsed =
        ParseQuestionMap(*text, options.question_map, earlier.source.survey, current.survey);
    if (!parsed.ok()) return parsed.status();
    map = std::move(parsed).value();
  } else if (earlier.source.survey.name == current.survey.name) {
    map = SameCodes(earlier.source.survey, current.survey);
  } else {
    return Status::UsageError(earlier_path + " is for " + earlier.source.survey.name +
                              " and this database for " + current.survey.name +
                              ": give --question-map FILE saying which question is which "
                              "(reports/question_map.h)");
  }
  // Periods are compared on their unweighted figures: the z test stands on the counts of
  // answers, and the earlier period is tallied unweighted.
  Tally plain = current.tally;
  if (plain.unweighted) plain.all = *plain.unweighted;
  PeriodComparison c =
      ComparePeriods(earlier.source.survey, earlier.source.tally, current.survey, plain, map);
  c.earlier_period = earlier.period;
  return c;
}

}  // namespace

Result<BuiltReport> BuildReport(Database& db, const ReportOptions& args) {
  // One period's answers are loaded at a time and freed before the next: kept for reuse instead
  // of zeroed again by the kernel, that saves about 40 % of the processor time on many channel
  // answers (bench/channels_bench.sh: 7.0 s -> 4.0 s on 100,000 rows in four periods).
  KeepFreedMemoryForReuse();
  if (!args.date.empty() && !IsIsoDate(args.date)) {
    return Status::Error("--date is YYYY-MM-DD, not '" + args.date + "'");
  }
  if (!args.issuer.date.empty() && !IsIsoDate(args.issuer.date)) {
    return Status::Error("--issued-on is YYYY-MM-DD, not '" + args.issuer.date + "'");
  }
  for (const auto& [option, value] :
       {std::pair{"--parent-agency", &args.issuer.parent_agency},
        std::pair{"--issuer", &args.issuer.agency}, std::pair{"--place", &args.issuer.place},
        std::pair{"--number", &args.issuer.number}}) {
    // One line each: the audit bundle's manifest keeps them as one line each, too.
    if (value->find_first_of("\r\n") != std::string::npos) {
      return Status::Error(std::string(option) + " holds a line break; give it on one line");
    }
  }
  auto period = LoadPeriod(db);
  if (!period.ok()) return period.status();
  if (*period && !args.period.empty() && args.period != (*period)->text) {
    return Status::UsageError("--period '" + args.period + "': " + db.path() +
                              " holds its period, " + (*period)->text +
                              ", which the report prints; leave --period out");
  }
  const std::vector<std::string> units = SplitUnits(args.units);
  // The earlier periods first, one at a time: each is scored for the scorecards and its forms let
  // go before the next one (or this one) is loaded, so no two periods' answers are held at once.
  // Only the last one's tally stays, for the item-by-item comparison (section 8).
  std::vector<PeriodScores> periods;
  std::vector<std::pair<std::string, std::string>> earlier_formulas;  // path, formula name
  std::optional<Earlier> last_earlier;
  const std::vector<std::string> earlier_paths = SplitUnits(args.compare);
  for (const std::string& path : earlier_paths) {
    auto earlier = LoadEarlier(path, units);
    if (!earlier.ok()) return earlier.status();
    periods.push_back(ScorePeriod(earlier->source.survey, CountedForms(earlier->source),
                                  UnitPlaces(earlier->source.sample), earlier->period));
    earlier_formulas.emplace_back(path, earlier->source.tally.formula.name);
    earlier->source.evaluation = Evaluation{};
    earlier->source.sample.clear();
    last_earlier = std::move(earlier).value();
  }
  // The published figures are design-weighted when the sample was drawn in strata
  // (reports/tally.h WeighPaperForms).
  auto source = LoadTally(db, args.formula, "unit", units, /*design_weights=*/true);
  if (!source.ok()) return source.status();
  for (const auto& [path, formula] : earlier_formulas) {
    if (formula != source->tally.formula.name) {
      return Status::Error(path + ": its index formula is " + formula + ", not " +
                           source->tally.formula.name + ": periods are compared under one formula");
    }
  }
  ReportInput in;
  in.survey = source->survey;
  in.tally = source->tally;
  in.period = *period ? PeriodVietnamese(**period) : args.period;
  for (const std::string& u : units) in.units += (in.units.empty() ? "" : ", ") + u;
  in.date = args.date.empty() ? LatestReceived(source->evaluation) : args.date;
  in.issuer = args.issuer;
  in.data_fingerprint = Sha256Hex(AnswersCsv(source->evaluation.input, source->evaluation.result,
                                             source->evaluation.channel_forms));
  in.log_head = source->log_head;
  if (source->draw) {
    in.draw_seed = source->draw->info.seed;
    in.draw_method = source->draw->info.method;
    in.draw_rule = source->draw->info.size_rule;
    // The frame as its file's name: where it lay on someone's disk is nobody's business.
    const std::string& frame = source->draw->info.frame_file;
    in.draw_frame = frame.substr(frame.find_last_of("/\\") + 1);
    in.draw_frame_sha256 = source->draw->info.frame_sha256;
    in.draw_stratify_by = source->draw->info.stratify_by;
    in.draw_frame_records = source->draw->info.frame_records;
    in.draw_reserves = source->draw->info.reserves;
  }
  auto recheck = RecheckText(db, source->survey, source->evaluation, units);
  if (!recheck.ok()) return recheck.status();
  in.recheck = recheck->text;
  in.recheck_seed = recheck->seed;
  if (last_earlier) {
    auto comparison = CompareWithEarlier(*source, *last_earlier, earlier_paths.back(), args);
    if (!comparison.ok()) return comparison.status();
    in.comparison = std::move(comparison).value();
  }
  periods.push_back(ScorePeriod(source->survey, CountedForms(*source), UnitPlaces(source->sample),
                                in.period));
  in.scorecards = AssembleScorecards(std::move(periods), in.small_bases);
  auto pdf = RenderReportPdf(in);
  if (!pdf.ok()) return pdf.status();
  return BuiltReport{std::move(source).value(), std::move(in), std::move(pdf).value()};
}

}  // namespace phieu
