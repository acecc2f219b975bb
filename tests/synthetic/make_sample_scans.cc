// Writes the golden scan sets in sample-scans/ (run by hand; the sets are committed, so tests do
// not depend on this generator staying the same):
//
//   build/tests/synthetic/make_sample_scans sample-scans [SET...]
//
// With SET names, only those sets are written (the others, committed, stay as they are).
//
// Each set is a folder named after its scanning condition, holding images (PNG, or JPEG where the
// condition is a JPEG scan), one NAME.expected per image with the known truth, and budget.txt. The
// forms are sipas-2022, printed with a fixed secret (secret.txt) under the template in
// template.json; codes.txt lists the issued codes.

#include <algorithm>
#include <cstdio>
#include <functional>
#include <filesystem>
#include <fstream>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "forms/delivery_list.h"
#include "forms/form_batch.h"
#include "scanner/image_source.h"
#include "synthetic/answer_plan.h"
#include "tests/synthetic/hand_marks.h"
#include "tests/synthetic/real_marks.h"
#include "tests/synthetic/scan_families.h"
#include "synthetic/scan_generator.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSecret = "phieu-sample-scans-secret";

struct GoldenSet {
  std::string name;
  double dpi;
  StyleMix mix;
  ScanConditions scan;
  std::vector<int> pages;  // 1-based template pages, one image each
  std::string budget;      // budget.txt
  std::string extension = ".png";
};

void WriteText(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// A golden set of family B or R (tests/synthetic/hand_marks.h): marks and scans the scanner's
// thresholds were not set on.
struct HandSet {
  std::string name;
  HandMix mix;
  bool real = false;
  std::vector<int> pages;
  std::string budget;
  // The page as scanned (at 200 dpi; laser halftone gets the page at 600 dpi).
  std::function<GreyImage(const GreyImage&, std::uint64_t)> scan;
  bool render_600 = false;
  std::string extension = ".png";
};

std::vector<HandSet> HandSets() {
  const HandMix real_mix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 95, 5};
  const HandMix strokes{20, 10, 25, 25, 10, 0, 0, 0, 0, 0, 0, 10};
  const HandMix changed{55, 5, 5, 5, 0, 0, 0, 0, 25, 0, 0, 5};
  auto flatbed = [](double rotate) {
    return [rotate](const GreyImage& page, std::uint64_t seed) {
      FlatbedB f;
      f.noise = 2, f.rotate_deg = rotate;
      return FlatbedScan(page, f, seed);
    };
  };
  return {
      {"real-marks", real_mix, true, {3, 4, 5}, "misread 0\nreview_percent 20\nunread_pages 0\n",
       flatbed(0.8)},
      {"ticks-and-crosses", strokes, false, {3, 5}, "misread 0\nreview_percent 6\nunread_pages 0\n",
       flatbed(-1.2)},
      {"changed-answers", changed, false, {4, 5}, "misread 0\nreview_percent 8\nunread_pages 0\n",
       flatbed(0.5)},
      {"cut-corners", HandMix{}, false, {3, 4}, "misread 0\nreview_percent 10\nunread_pages 0\n",
       [](const GreyImage& page, std::uint64_t seed) {
         FlatbedB f;
         f.noise = 2, f.rotate_deg = 2.5;
         return FlatbedScan(CutCorner(page, static_cast<int>(2 + seed % 2), 32, seed % 2, seed), f,
                            seed);
       }},
      {"phone-photos", HandMix{}, false, {3, 5}, "misread 0\nreview_percent 12\nunread_pages 0\n",
       [](const GreyImage& page, std::uint64_t seed) {
         PhoneConditions p;
         p.perspective = 0.06, p.light_falloff = 0.35, p.jpeg_quality = 70;
         return PhonePhoto(page, p, seed);
       },
       false, ".jpg"},
      {"laser-halftone", HandMix{}, false, {4}, "misread 0\nreview_percent 12\nunread_pages 0\n",
       [](const GreyImage& page, std::uint64_t seed) { return LaserHalftone(page, 200, seed); },
       true},
      {"creased", HandMix{}, false, {2, 3, 4, 5}, "misread 0\nreview_percent 8\nunread_pages 0\n",
       [](const GreyImage& page, std::uint64_t seed) {
         FlatbedB f;
         f.noise = 2, f.rotate_deg = -0.7;
         return FlatbedScan(Crease(page, seed), f, seed);
       }},
  };
}

int Run(const fs::path& out, const std::vector<std::string>& only) {
  auto wanted = [&](const std::string& name) {
    return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
  };
  const BuiltinSurvey& builtin = *FindBuiltinSurvey("sipas-2022");
  auto tmpl = BuildFormTemplate(builtin.yaml_text, "sipas-2022");
  if (!tmpl.ok()) return std::fprintf(stderr, "%s\n", tmpl.status().message().c_str()), 1;
  // Fixed codes (valid check characters), so regenerating gives the same files. They follow the
  // P1 rule, as when the set was made: the golden set is also the proof that forms printed under
  // payload P1 still read.
  std::vector<std::string> codes;
  for (const char* data : {"GQD3EMQ2", "GQD3EMQ3", "GQD3EMQ4", "GQD3EMQ5"}) {
    const std::string d = data;
    const auto code = NormalizeFormCode(d + FormCodeCheckCharacter(d, FormCodeCheck::kP1));
    if (!code) return std::fprintf(stderr, "bad sample code %s\n", data), 1;
    codes.push_back(*code);
  }
  fs::create_directories(out);
  WriteText(out / "secret.txt", std::string(kSecret) + "\n");
  WriteText(out / "template.json", tmpl->layout_json);
  std::string code_lines;
  for (const auto& c : codes) code_lines += c + " " + tmpl->id + "\n";
  WriteText(out / "codes.txt", code_lines);
  auto batch = RenderFormBatch(*tmpl, kSecret, codes);
  const fs::path pdf = fs::temp_directory_path() / "phieu-sample-scans.pdf";
  std::ofstream(pdf, std::ios::binary) << batch->pdf;

  StyleMix faint;
  faint.fill = 0.6, faint.faint = 0.35, faint.blank = 0.05;
  StyleMix hard;
  hard.fill = 0.6, hard.x = 0.15, hard.tick = 0.05, hard.partial = 0.1, hard.crossed_out = 0.05, hard.blank = 0.05;
  ScanConditions skewed;
  skewed.rotate_deg = 4.2, skewed.scale = 1.03, skewed.perspective = 0.004;
  ScanConditions low;
  low.blur_sigma_px = 0.6, low.noise_sigma = 3;
  ScanConditions noisy;
  noisy.noise_sigma = 7, noisy.salt_pepper = 0.005, noisy.jpeg_quality = 60, noisy.blur_sigma_px = 0.5;
  ScanConditions stained;
  stained.stain_over_qr = true;
  ScanConditions upside_down;
  upside_down.upside_down = true;
  ScanConditions bilevel;
  bilevel.black_and_white = true;
  const std::string strict = "misread 0\nreview_percent 2\nunread_pages 0\n";
  const std::vector<GoldenSet> sets = {
      {"clean", 200, {}, {}, {1, 3, 4}, strict},
      {"skewed", 150, {}, skewed, {2, 4}, strict},
      {"low-dpi", 150, {}, low, {3, 5}, strict},
      {"noisy-jpeg", 200, {}, noisy, {4}, strict, ".jpg"},
      {"black-and-white", 200, {}, bilevel, {3}, strict},
      {"hard-marks", 200, hard, {}, {3, 4}, "misread 0\nreview_percent 20\nunread_pages 0\n"},
      {"faint", 200, faint, {}, {4}, "misread 0\nreview_percent 45\nunread_pages 0\n"},
      {"stained-qr", 200, {}, stained, {1, 4}, strict},
      {"upside-down", 150, {}, upside_down, {2, 5}, strict},
  };
  int image_number = 0;
  for (const GoldenSet& set : sets) {
    if (!wanted(set.name)) {
      image_number += static_cast<int>(set.pages.size());
      continue;
    }
    const fs::path dir = out / set.name;
    fs::create_directories(dir);
    WriteText(dir / "budget.txt", set.budget);
    auto rendered = RenderPdfPages(pdf.string(), set.dpi);
    if (!rendered.ok()) return std::fprintf(stderr, "%s\n", rendered.status().message().c_str()), 1;
    for (int page_number : set.pages) {
      const int form = image_number % static_cast<int>(codes.size());
      const std::uint64_t seed = 7000 + 31 * image_number++;
      const AnswerPlan plan = PlanAnswers(tmpl->survey, set.mix, seed);
      const LayoutPage& page = tmpl->layout.pages[page_number - 1];
      const int index = form * static_cast<int>(tmpl->layout.pages.size()) + page_number - 1;
      GreyImage image = DrawPenMarks((*rendered)[index].image, page, plan.marks, set.dpi, seed);
      const double k = set.dpi / 72.0;
      image = ApplyScanConditions(image, set.scan, {page.qr.x * k, page.qr.y * k, page.qr.w * k, page.qr.h * k}, seed);
      const std::string stem = "page" + std::to_string(page_number) + "-" + codes[form];
      const Status written = WritePng(image, (dir / (stem + set.extension)).string());
      if (!written.ok()) return std::fprintf(stderr, "%s\n", written.message().c_str()), 1;
      WriteText(dir / (stem + ".expected"), "outcome=read\nform=" + codes[form] + "\npage=" +
                                                std::to_string(page_number) + "\n" +
                                                TruthText(TruthForPage(plan.truth, page)));
    }
  }
  // Sets of the independent families: hand marks and real marks, cut corners, photos, halftone.
  const fs::path marks_dir = fs::path(PHIEU_SOURCE_DIR) / "tests/synthetic/real-marks";
  Result<RealMarkSet> real = LoadRealMarks(marks_dir.string());
  if (!real.ok()) return std::fprintf(stderr, "%s\n", real.status().message().c_str()), 1;
  for (const HandSet& set : HandSets()) {
    if (!wanted(set.name)) continue;
    const fs::path dir = out / set.name;
    fs::create_directories(dir);
    WriteText(dir / "budget.txt", set.budget);
    const double dpi = set.render_600 ? 600 : 200;
    auto rendered = RenderPdfPages(pdf.string(), dpi);
    if (!rendered.ok()) return std::fprintf(stderr, "%s\n", rendered.status().message().c_str()), 1;
    for (int page_number : set.pages) {
      const int form = image_number % static_cast<int>(codes.size());
      const std::uint64_t seed = 9000 + 37 * image_number++;
      const HandPlan plan = PlanHandAnswers(tmpl->survey, set.mix, seed, set.real ? &*real : nullptr);
      const LayoutPage& page = tmpl->layout.pages[page_number - 1];
      const int index = form * static_cast<int>(tmpl->layout.pages.size()) + page_number - 1;
      GreyImage image = DrawHandMarks((*rendered)[index].image, page, plan.marks, dpi, seed,
                                      set.real ? &*real : nullptr);
      image = set.scan(image, seed);
      const std::string stem = "page" + std::to_string(page_number) + "-" + codes[form];
      const Status written = WritePng(image, (dir / (stem + set.extension)).string());
      if (!written.ok()) return std::fprintf(stderr, "%s\n", written.message().c_str()), 1;
      WriteText(dir / (stem + ".expected"), "outcome=read\nform=" + codes[form] + "\npage=" +
                                                std::to_string(page_number) + "\n" +
                                                TruthText(TruthForPage(plan.truth, page)));
    }
  }
  if (!wanted("blank") || !wanted("not-a-form")) {
    fs::remove(pdf);
    std::printf("wrote the sets asked for to %s\n", out.c_str());
    return 0;
  }
  // Pages that must be refused, never read as answers.
  const double dpi = 150;
  fs::create_directories(out / "blank");
  WriteText(out / "blank" / "budget.txt", "misread 0\nreview_percent 0\nunread_pages 0\n");
  ScanConditions paper;
  paper.noise_sigma = 3, paper.paper_grey = 240;
  const GreyImage white(static_cast<int>(kA4.width_pt * dpi / 72), static_cast<int>(kA4.height_pt * dpi / 72));
  (void)WritePng(ApplyScanConditions(white, paper, {}, 1), (out / "blank" / "empty-sheet.png").string());
  WriteText(out / "blank" / "empty-sheet.expected", "outcome=blank\n");
  fs::create_directories(out / "not-a-form");
  WriteText(out / "not-a-form" / "budget.txt", "misread 0\nreview_percent 0\nunread_pages 0\n");
  std::vector<DeliveryRow> rows;
  for (int i = 0; i < 12; ++i) {
    rows.push_back({"ĐTV-09", codes[i % codes.size()], "Người mẫu " + std::to_string(i + 1),
                    "Số " + std::to_string(i + 3) + ", Tổ 1", "Phường Mẫu", false, ""});
  }
  auto list = RenderDeliveryList(rows, "Khảo sát mẫu");
  const fs::path list_pdf = fs::temp_directory_path() / "phieu-sample-list.pdf";
  std::ofstream(list_pdf, std::ios::binary) << *list;
  auto list_pages = RenderPdfPages(list_pdf.string(), dpi);
  (void)WritePng((*list_pages)[0].image, (out / "not-a-form" / "delivery-list.png").string());
  WriteText(out / "not-a-form" / "delivery-list.expected", "outcome=not-a-form\n");
  fs::remove(pdf);
  fs::remove(list_pdf);
  std::printf("wrote %d form images and 2 refusals to %s\n", image_number, out.c_str());
  return 0;
}

}  // namespace
}  // namespace phieu

int main(int argc, char** argv) {
  if (argc < 2) return std::fprintf(stderr, "usage: make_sample_scans OUTPUT_FOLDER [SET...]\n"), 2;
  return phieu::Run(argv[1], std::vector<std::string>(argv + 2, argv + argc));
}
