// The scans of a national round, made on the fly for bench/national.sh: a share of the forms
// printed by `phieu forms print` come back filled (answers from tests/synthetic's generator, as
// `phieu demo` and bench/scan_speed make them) and are written as one JPEG per page into a folder,
// one chunk at a time, so that disk holds one chunk of input however large the round.
//
//   build/bench/national_scans frame RECORDS OUT.csv
//       a made-up sampling frame (synthetic/synthetic_frame.h) of RECORDS people
//   build/bench/national_scans scans FORMS.pdf OUT_DIR FIRST COUNT [DPI=150] [THREADS=all]
//       forms FIRST .. FIRST+COUNT-1 (0-based, in the PDF's order) filled and scanned
//
// Only the pages asked for are rendered (poppler, page by page): a PDF of 240,000 pages is never
// rendered whole. Not a test and not timed: the script times `phieu` itself.

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/builtin_surveys.h"
#include "core/file.h"
#include "forms/form_batch.h"
#include "synthetic/answer_plan.h"
#include "synthetic/scan_generator.h"
#include "synthetic/synthetic_frame.h"

namespace fs = std::filesystem;
using namespace phieu;

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: national_scans frame RECORDS OUT.csv\n"
               "       national_scans scans FORMS.pdf OUT_DIR FIRST COUNT [DPI=150] [THREADS]\n");
  return 2;
}

// Page `index` (0-based) of `doc` at `dpi`, grey.
GreyImage RenderPage(poppler::document& doc, int index, double dpi) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) return {};
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) return {};
  GreyImage grey(image.width(), image.height());
  for (int y = 0; y < image.height(); ++y) {
    std::memcpy(&grey.pixels[static_cast<std::size_t>(y) * grey.width],
                image.const_data() + static_cast<std::size_t>(y) * image.bytes_per_row(),
                static_cast<std::size_t>(grey.width));
  }
  return grey;
}

int Scans(int argc, char** argv) {
  if (argc < 6) return Usage();
  const std::string pdf = argv[2], out_dir = argv[3];
  const int first = std::atoi(argv[4]), count = std::atoi(argv[5]);
  const double dpi = argc > 6 ? std::atof(argv[6]) : 150;
  const int threads = argc > 7
                          ? std::atoi(argv[7])
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  auto tmpl = BuildFormTemplate(FindBuiltinSurvey("sipas-2022")->yaml_text, "sipas-2022");
  if (!tmpl.ok()) {
    std::fprintf(stderr, "national_scans: %s\n", tmpl.status().message().c_str());
    return 1;
  }
  const int pages = static_cast<int>(tmpl->layout.pages.size());
  const int sheet_pages = pages + pages % 2;  // odd forms get a blank back
  fs::create_directories(out_dir);
  const double k = dpi / 72;
  std::atomic<int> next{0}, failed{0};
  const auto work = [&] {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(pdf));
    if (!doc) {
      ++failed;
      return;
    }
    for (int i = next++; i < count; i = next++) {
      const int f = first + i;
      const std::uint64_t seed = 40000ull * 1000 + static_cast<std::uint64_t>(f);
      const AnswerPlan plan = PlanAnswers(tmpl->survey, StyleMix(), seed);
      for (int p = 0; p < pages; ++p) {
        const LayoutPage& page = tmpl->layout.pages[p];
        const GreyImage printed = RenderPage(*doc, f * sheet_pages + p, dpi);
        if (printed.empty()) {
          ++failed;
          continue;
        }
        ScanConditions scan;  // no JPEG round trip: the file is written as JPEG below
        scan.noise_sigma = 2;
        if (f % 5 == 2) scan.rotate_deg = p % 2 ? 1.5 : -1.0;  // a feeder's skew, now and then
        const GreyImage image = ApplyScanConditions(
            DrawPenMarks(printed, page, plan.marks, dpi, seed + p), scan,
            {page.qr.x * k, page.qr.y * k, page.qr.w * k, page.qr.h * k}, seed + 100 + p);
        char name[64];
        std::snprintf(name, sizeof name, "form%06d-page%d.jpg", f + 1, p + 1);
        // JPEG at quality 85, as an office scanner's grey 150 dpi pages (≈ 0.2 MB a page).
        const cv::Mat mat(image.height, image.width, CV_8UC1,
                          const_cast<std::uint8_t*>(image.pixels.data()));
        if (!cv::imwrite((fs::path(out_dir) / name).string(), mat,
                         {cv::IMWRITE_JPEG_QUALITY, 85})) {
          ++failed;
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  if (failed > 0) {
    std::fprintf(stderr, "national_scans: %d page(s) could not be rendered or written\n",
                 failed.load());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 4 && std::strcmp(argv[1], "frame") == 0) {
    SyntheticFrameOptions options;
    options.records = std::atoi(argv[2]);
    const Status written = WriteFileAtomically(argv[3], SyntheticFrameCsv(options));
    if (!written.ok()) {
      std::fprintf(stderr, "national_scans: %s\n", written.message().c_str());
      return 1;
    }
    return 0;
  }
  if (argc >= 2 && std::strcmp(argv[1], "scans") == 0) return Scans(argc, argv);
  return Usage();
}
