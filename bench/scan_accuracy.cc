// Scanner accuracy on generated scans whose true answers are known: for each scanning condition,
// made-up respondents fill printed sipas-2022 forms (tests/synthetic), the pages are degraded as
// that condition says, read by the scanner, decided with the default thresholds, and every answer
// is compared with what the respondent meant.
//
//   build/bench/scan_accuracy [FORMS_PER_CONDITION=8] [THREADS=2]
//
// Prints, per condition: pages identified, answers checked, misread (confidently wrong: goal 0),
// sent to review (goal <= 1% on clean to moderate scans). Nothing here asserts: the figures go in
// the README. The golden sets in sample-scans/ are the tests.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "core/mark_decision.h"
#include "forms/form_batch.h"
#include "scanner/image_source.h"
#include "scanner/page_reader.h"
#include "tests/synthetic/answer_plan.h"
#include "tests/synthetic/reading_check.h"
#include "tests/synthetic/scan_generator.h"

namespace phieu {
namespace {

struct Condition {
  const char* name;
  double dpi;
  StyleMix mix;
  ScanConditions scan;
  bool random_skew = false;  // +-5 degrees, 95-105 % scale
  bool stray_marks = false;
};

std::vector<Condition> Conditions() {
  StyleMix hard;
  hard.fill = 0.6, hard.x = 0.15, hard.tick = 0.05, hard.partial = 0.1, hard.crossed_out = 0.05;
  StyleMix faint;
  faint.fill = 0.75, faint.faint = 0.2, faint.blank = 0.05;
  ScanConditions noisy;
  noisy.noise_sigma = 8, noisy.salt_pepper = 0.01, noisy.jpeg_quality = 60, noisy.blur_sigma_px = 0.7;
  ScanConditions bilevel;
  bilevel.black_and_white = true;
  ScanConditions stained;
  stained.stain_over_qr = true;
  ScanConditions upside_down;
  upside_down.upside_down = true;
  ScanConditions sideways;
  sideways.rotate_quarter_turns = 1;
  ScanConditions low;
  low.blur_sigma_px = 0.6, low.noise_sigma = 4, low.jpeg_quality = 80;
  ScanConditions recycled;
  recycled.paper_grey = 225, recycled.noise_sigma = 5;
  return {
      {"clean 200 dpi", 200, {}, {}},
      {"skewed +-5 deg, 95-105 %", 200, {}, {}, true},
      {"low 150 dpi, blur, JPEG 80", 150, {}, low},
      {"noisy, salt, JPEG 60", 200, {}, noisy},
      {"black and white", 200, {}, bilevel},
      {"recycled paper, stray marks", 200, {}, recycled, false, true},
      {"X, tick, partial, crossed-out", 200, hard, {}},
      {"faint pencil 20 %", 200, faint, {}},
      {"QR stained", 200, {}, stained},
      {"upside down", 200, {}, upside_down},
      {"sideways", 200, {}, sideways},
      {"300 dpi, skewed", 300, {}, {}, true},
  };
}

struct ConditionResult {
  int pages = 0, identified = 0, identified_by_ocr = 0, not_read = 0;
  ReadingTally tally;
  int bubbles = 0;
  std::map<std::string, int> review_by_style;  // how the items sent to review were marked
};

// The styles of the marks on `item`, e.g. "x" or "crossed_out+fill".
std::string StylesOf(const AnswerPlan& plan, const std::string& item) {
  std::string styles;
  for (const PenMark& m : plan.marks) {
    if (m.question == item) styles += (styles.empty() ? "" : "+") + std::string(MarkStyleName(m.style));
  }
  return styles.empty() ? "blank" : styles;
}

}  // namespace
}  // namespace phieu

int main(int argc, char** argv) {
  using namespace phieu;
  const int forms = argc > 1 ? std::atoi(argv[1]) : 8;
  const int threads = argc > 2 ? std::atoi(argv[2]) : 2;
  const BuiltinSurvey& builtin = *FindBuiltinSurvey("sipas-2022");
  auto tmpl = BuildFormTemplate(builtin.yaml_text, "sipas-2022");
  if (!tmpl.ok()) return std::fprintf(stderr, "%s\n", tmpl.status().message().c_str()), 1;
  const std::string secret = "bench-secret";
  std::vector<std::string> codes;
  for (int i = 0; i < forms; ++i) codes.push_back(NewFormCode());
  auto batch = RenderFormBatch(*tmpl, secret, codes);
  const std::string pdf = (std::filesystem::temp_directory_path() / "phieu-scan-accuracy.pdf").string();
  std::ofstream(pdf, std::ios::binary) << batch->pdf;
  const int pages_per_form = static_cast<int>(tmpl->layout.pages.size());
  const auto items = AnswerItems(tmpl->survey);
  const auto start = std::chrono::steady_clock::now();
  ReadingTally overall;
  long total_bubbles = 0;
  std::printf("%-32s %6s %9s %8s %8s %8s %9s\n", "condition", "pages", "identified", "answers",
              "misread", "review", "review %");
  for (const Condition& condition : Conditions()) {
    auto rendered = RenderPdfPages(pdf, condition.dpi);
    if (!rendered.ok()) return std::fprintf(stderr, "%s\n", rendered.status().message().c_str()), 1;
    ConditionResult result;
    std::mutex mutex;
    std::atomic<int> next{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
      workers.emplace_back([&] {
        PageReader reader(
            [&](const std::string& id) { return id == tmpl->id ? &tmpl->layout : nullptr; },
            [&](const std::string& code) -> std::optional<std::string> {
              for (const auto& c : codes) {
                if (c == code) return tmpl->id;
              }
              return std::nullopt;
            },
            {secret, {}});
        for (int f = next++; f < forms; f = next++) {
          const std::uint64_t seed = 1000 * (f + 1) + std::hash<std::string>()(condition.name) % 997;
          const AnswerPlan plan = PlanAnswers(tmpl->survey, condition.mix, seed);
          for (int p = 0; p < pages_per_form; ++p) {
            const LayoutPage& page = tmpl->layout.pages[p];
            GreyImage image = DrawPenMarks((*rendered)[f * pages_per_form + p].image, page,
                                           plan.marks, condition.dpi, seed + p);
            if (condition.stray_marks) image = DrawStrayMarks(image, condition.dpi, seed + p);
            ScanConditions scan = condition.scan;
            if (condition.random_skew) {
              scan.rotate_deg = -5 + 10 * ((seed * 7 + p * 13) % 101) / 100.0;
              scan.scale = 0.95 + 0.1 * ((seed * 11 + p * 17) % 101) / 100.0;
            }
            const double k = condition.dpi / 72.0;
            image = ApplyScanConditions(image, scan, {page.qr.x * k, page.qr.y * k, page.qr.w * k, page.qr.h * k},
                                        seed + 100 + p);
            const PageReading reading = reader.Read(image);
            std::lock_guard<std::mutex> lock(mutex);
            ++result.pages;
            const auto truth = TruthForPage(plan.truth, page);
            if (reading.outcome != PageOutcome::kRead || reading.form_code != codes[f] ||
                reading.page != p + 1) {
              ++result.not_read;
              ReadingTally unread;
              unread.items = static_cast<int>(truth.size());
              unread.missing = unread.items;
              result.tally.Add(unread);
              continue;
            }
            ++result.identified;
            result.identified_by_ocr += reading.identified_by == "ocr";
            result.bubbles += static_cast<int>(reading.bubbles.size());
            const auto decided = DecideItems(items, reading.bubbles, MarkThresholds());
            result.tally.Add(TallyPage(decided, truth));
            for (const ItemReading& item : decided) {
              if (item.state != ItemState::kReview && item.state != ItemState::kMultiple) continue;
              ++result.review_by_style[StylesOf(plan, item.item)];
              if (std::getenv("PHIEU_BENCH_VERBOSE")) {
                for (const BubbleScore& b : reading.bubbles) {
                  if (b.item == item.item) std::printf("      %s/%s fill %.2f ink %.2f outside %.2f\n", b.item.c_str(), b.option.c_str(), b.fill, b.ink, b.outside);
                }
              }
            }
          }
        }
      });
    }
    for (auto& w : workers) w.join();
    std::printf("%-32s %6d %8.1f %% %8d %8d %8d %8.2f %%%s\n", condition.name, result.pages,
                100.0 * result.identified / result.pages, result.tally.items - result.tally.missing,
                result.tally.misread, result.tally.review,
                100.0 * result.tally.review / std::max(1, result.tally.items - result.tally.missing),
                result.identified_by_ocr ? (" (" + std::to_string(result.identified_by_ocr) + " by OCR)").c_str() : "");
    for (const auto& m : result.tally.misreads) std::printf("    misread %s\n", m.c_str());
    if (!result.review_by_style.empty()) {
      std::printf("    review by how it was marked:");
      for (const auto& [style, count] : result.review_by_style) std::printf(" %s %d", style.c_str(), count);
      std::printf("\n");
    }
    overall.Add(result.tally);
    total_bubbles += result.bubbles;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("all: %d answers (%ld bubbles) checked, %d misread, %d to review (%.2f %%), %d on pages not read; %.0f s\n",
              overall.items - overall.missing, total_bubbles, overall.misread, overall.review,
              100.0 * overall.review / std::max(1, overall.items - overall.missing), overall.missing, seconds);
  std::filesystem::remove(pdf);
  return 0;
}
