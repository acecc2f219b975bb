#include "synthetic/filled_scans.h"

#include <filesystem>

#include "scanner/image_source.h"
#include "synthetic/scan_generator.h"

namespace phieu {

Result<FilledScans> WriteFilledScans(const std::string& forms_pdf, const Survey& survey,
                                     const Layout& layout, const std::string& out_dir,
                                     const FilledScanOptions& options) {
  namespace fs = std::filesystem;
  const int pages = static_cast<int>(layout.pages.size());
  const int sheet_pages = pages + pages % 2;  // odd forms get a blank back
  Result<std::vector<ScanImage>> rendered =
      RenderPdfPages(forms_pdf, options.dpi, options.forms * sheet_pages);
  if (!rendered.ok()) return rendered.status();
  const int forms = std::min(options.forms, static_cast<int>(rendered->size()) / sheet_pages);
  std::error_code error;
  fs::create_directories(out_dir, error);
  if (error) return Status::Error(out_dir + ": cannot create (" + error.message() + ")");
  StyleMix hard;
  hard.fill = 0.7, hard.x = 0.1, hard.tick = 0.05, hard.faint = 0.05, hard.crossed_out = 0.05;
  FilledScans scans;
  const double k = options.dpi / 72;
  for (int f = 0; f < forms; ++f) {
    const std::uint64_t seed = options.seed * 1000 + f;
    const bool hard_marks = options.with_problems && f % 7 == 4;
    const AnswerPlan plan = PlanAnswers(survey, hard_marks ? hard : StyleMix(), seed);
    for (int p = 0; p < pages; ++p) {
      const LayoutPage& page = layout.pages[p];
      GreyImage image = DrawPenMarks((*rendered)[f * sheet_pages + p].image, page, plan.marks,
                                     options.dpi, seed + p);
      ScanConditions scan;
      scan.jpeg_quality = 85;
      scan.noise_sigma = 2;
      if (options.with_problems) {
        scan.stain_over_qr = f % 7 == 0 && p == 0;
        scan.upside_down = f % 7 == 1 && p == 1;
        if (f % 7 == 2) scan.rotate_deg = (p % 2 ? 3.0 : -2.5);
      }
      image = ApplyScanConditions(image, scan,
                                  {page.qr.x * k, page.qr.y * k, page.qr.w * k, page.qr.h * k},
                                  seed + 100 + p);
      char name[64];
      std::snprintf(name, sizeof name, "form%03d-page%d.jpg", f + 1, p + 1);
      const std::string file = (fs::path(out_dir) / name).string();
      PHIEU_RETURN_IF_ERROR(WritePng(image, file));
      scans.files.push_back(file);
      scans.truth[file] = TruthForPage(plan.truth, page);
      scans.first_page[file] = f * sheet_pages + 1;
    }
  }
  if (options.with_problems) {
    // The back of a sheet fed by mistake: nothing on it but the paper.
    ScanConditions paper;
    paper.noise_sigma = 2, paper.jpeg_quality = 85, paper.paper_grey = 245;
    const GreyImage sheet(static_cast<int>(kA4.width_pt * k), static_cast<int>(kA4.height_pt * k));
    const std::string file = (fs::path(out_dir) / "empty-sheet.jpg").string();
    PHIEU_RETURN_IF_ERROR(WritePng(ApplyScanConditions(sheet, paper, {}, options.seed), file));
    scans.files.push_back(file);
  }
  return scans;
}

}  // namespace phieu
