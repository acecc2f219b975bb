// Scanner speed on generated, filled sipas-2022 pages written as PNG files, as a scanner would:
// pages per second with all cores, and the ratio of the reading time to the time it takes merely
// to decode the same files (the floor for a page's cost).
//
//   build/bench/scan_speed [PAGES=120] [THREADS=all cores] [FORMAT=png|jpg]
//
// Reading = decode + QR + registration + every bubble + text boxes (scanner/page_reader.h), as
// `phieu scan` does before storing. Figures go in the README; nothing here asserts a time.

#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "forms/form_batch.h"
#include "scanner/image_source.h"
#include "core/memory_reuse.h"
#include "scanner/page_reader.h"
#include "synthetic/answer_plan.h"
#include "synthetic/scan_generator.h"

namespace fs = std::filesystem;
using namespace phieu;

struct Times {
  double wall = 0;  // seconds on the clock
  double cpu = 0;   // seconds of processor time, all threads: steadier on a shared machine
};

template <typename Work>
Times Timed(int threads, const Work& work) {
  std::atomic<int> next{0};
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpu_start = std::clock();
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] { work(next); });
  }
  for (auto& t : pool) t.join();
  return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
          static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC};
}

int main(int argc, char** argv) {
  KeepFreedMemoryForReuse();  // as `phieu scan` does
  const int pages_wanted = argc > 1 ? std::atoi(argv[1]) : 120;
  const int threads = argc > 2 ? std::atoi(argv[2]) : static_cast<int>(std::thread::hardware_concurrency());
  const std::string format = argc > 3 ? argv[3] : "png";
  auto tmpl = BuildFormTemplate(FindBuiltinSurvey("sipas-2022")->yaml_text, "sipas-2022");
  const int per_form = static_cast<int>(tmpl->layout.pages.size());
  const int forms = (pages_wanted + per_form - 1) / per_form;
  std::vector<std::string> codes;
  for (int i = 0; i < forms; ++i) codes.push_back(NewFormCode());
  const std::string secret = "bench";
  auto batch = RenderFormBatch(*tmpl, secret, codes);
  const fs::path dir = fs::temp_directory_path() / "phieu-scan-speed";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "forms.pdf", std::ios::binary) << batch->pdf;
  std::printf("%d pages (%d forms) as %s, %d thread(s)\n", forms * per_form, forms, format.c_str(), threads);
  for (double dpi : {200.0, 300.0}) {
    auto rendered = RenderPdfPages((dir / "forms.pdf").string(), dpi);
    std::vector<std::string> files;
    for (int f = 0; f < forms; ++f) {
      const AnswerPlan plan = PlanAnswers(tmpl->survey, {}, 500 + f);
      for (int p = 0; p < per_form; ++p) {
        const LayoutPage& page = tmpl->layout.pages[p];
        ScanConditions scan;
        scan.rotate_deg = 1.5, scan.noise_sigma = 4;
        const double k = dpi / 72;
        GreyImage image = DrawPenMarks((*rendered)[f * per_form + p].image, page, plan.marks, dpi, f * 10 + p);
        image = ApplyScanConditions(image, scan, {page.qr.x * k, page.qr.y * k, page.qr.w * k, page.qr.h * k}, p);
        files.push_back((dir / ("p" + std::to_string(static_cast<int>(dpi)) + "-" + std::to_string(files.size()) + "." + format)).string());
        (void)WritePng(image, files.back());
      }
    }
    const int n = static_cast<int>(files.size());
    const Times decode = Timed(threads, [&](std::atomic<int>& next) {
      for (int i = next++; i < n; i = next++) (void)LoadScanFile(files[i]);
    });
    std::atomic<int> read_ok{0};
    const Times read = Timed(threads, [&](std::atomic<int>& next) {
      PageReader reader([&](const std::string&) { return &tmpl->layout; },
                        [&](const std::string&) -> std::optional<std::string> { return tmpl->id; },
                        {secret, {}});
      for (int i = next++; i < n; i = next++) {
        auto pages = LoadScanFile(files[i]);
        if (pages.ok() && reader.Read(pages->front().image).outcome == PageOutcome::kRead) ++read_ok;
      }
    });
    std::printf("%3.0f dpi: decode only %.1f pages/s; decode + read %.1f pages/s (%d/%d read); "
                "read/decode time ratio %.2f (processor time %.2f)\n",
                dpi, n / decode.wall, n / read.wall, read_ok.load(), n, read.wall / decode.wall,
                read.cpu / decode.cpu);
  }
  fs::remove_all(dir);
  return 0;
}
