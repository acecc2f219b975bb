#include "scanner/page_reader.h"

#include <algorithm>
#include <cmath>

#include "core/page_frame.h"
#include "core/qr_payload.h"
#include "scanner/fold_lines.h"
#include "scanner/qr_reader.h"

namespace phieu {
namespace {

// An empty sheet: almost no pixel clearly darker than the paper (under 0.05 % of the samples 80
// levels darker than it; a "this page is blank" line at the foot of a printed back page stays
// under this too).
bool IsBlank(const GreyHistogram& levels) {
  const int paper = levels.Percentile(0.95);
  int dark = 0;
  for (int v = 0; v < std::max(0, paper - 80); ++v) dark += levels.count[v];
  return dark < 0.0005 * levels.total;
}

int QuarterTurns(const QrReading& qr) {
  const double angle = std::atan2(qr.corners[1].y - qr.corners[0].y, qr.corners[1].x - qr.corners[0].x);
  const int turns = static_cast<int>(std::lround(angle / (3.14159265358979 / 2)));
  return ((turns % 4) + 4) % 4;
}

PageReading Outcome(PageOutcome outcome, std::string reason) {
  PageReading r;
  r.outcome = outcome;
  r.reason = std::move(reason);
  return r;
}

}  // namespace

PageReader::PageReader(TemplateLookup templates, FormCodeLookup codes, PageReaderOptions options)
    : templates_(std::move(templates)), codes_(std::move(codes)), options_(std::move(options)) {}

std::optional<PageReading> PageReader::IdentifyByQr(const GreyImage& image, PageTransform& coarse,
                                                    const Layout*& layout,
                                                    std::optional<QrReading>& qr) {
  qr = ReadQr(image);
  if (!qr) return std::nullopt;
  const std::optional<QrPayload> payload = ParseQrPayload(qr->text);
  if (!payload) {
    PageReading r = Outcome(PageOutcome::kNotAForm, "its QR code is not a phieu form's");
    r.qr_text = qr->text;
    return r;
  }
  PageReading r;
  r.outcome = PageOutcome::kRead;
  r.identified_by = PageIdentification::kQr;
  r.qr_text = qr->text;
  r.template_id = payload->template_id;
  r.form_code = payload->form_code;
  r.page = payload->page;
  r.quarter_turns = QuarterTurns(*qr);
  r.tag_valid = options_.check_tag && QrTagIsValid(options_.secret, *payload);
  if (options_.check_tag && !r.tag_valid) {
    r.outcome = PageOutcome::kUnidentified;
    r.reason = "the QR code's integrity tag is wrong: a forged or altered code, or a form printed "
               "from another database";
    return r;
  }
  layout = templates_(payload->template_id);
  if (layout == nullptr) {
    r.outcome = PageOutcome::kUnidentified;
    r.reason = "template " + payload->template_id + " is not in this database";
    return r;
  }
  if (payload->page < 1 || payload->page > static_cast<int>(layout->pages.size())) {
    r.outcome = PageOutcome::kUnidentified;
    r.reason = "page " + std::to_string(payload->page) + " does not exist in template " +
               payload->template_id;
    return r;
  }
  coarse = CoarseFromQr(*qr, layout->pages[payload->page - 1]);
  return r;
}

std::optional<PageReading> PageReader::IdentifyByPrintedCode(const GreyImage& image,
                                                             const PageGreyLevels& levels,
                                                             PageTransform& coarse,
                                                             const Layout*& layout) {
  // Without a QR code: find the corner marks for each way the sheet may lie, and take the way
  // that puts a dark QR-sized blob where the QR code belongs.
  const LayoutPage frame = PageFrame();
  std::optional<Registration> best;
  double best_darkness = 0;
  int best_turns = 0;
  // Where the image's corners hold marks, from them (a sheet skewed on a larger bed), else from
  // the image's bounds.
  std::vector<PageTransform> transforms = CoarseFromCornerMarks(image, frame);
  if (transforms.empty()) transforms = CoarseFromImageBounds(image, kA4);
  for (int turns = 0; turns < 4; ++turns) {
    Result<Registration> reg =
        RegisterPage(image, frame, transforms[turns], options_.registration, nullptr, &levels);
    if (!reg.ok()) continue;
    const double darkness = RegionDarkness(image, reg->transform, frame.qr, reg->paper_level, reg->ink_level);
    if (darkness > best_darkness) best_darkness = darkness, best = *reg, best_turns = turns;
  }
  if (!best) {
    return Outcome(PageOutcome::kNotAForm,
                   "no QR code and no registration marks: not a phieu form (or badly cut off)");
  }
  if (best_darkness < 0.15) {
    return Outcome(PageOutcome::kUnidentified, "registration marks found but no QR code");
  }
  PageReading r;
  r.quarter_turns = best_turns;
  const std::optional<std::string> code =
      ocr_.Read(image, best->transform, frame.form_code,
                [this](const std::string& c) { return codes_(c).has_value(); });
  if (!code) {
    r.outcome = PageOutcome::kUnidentified;
    r.reason = ocr_.available()
                   ? "the QR code is damaged and the printed form code cannot be read with a "
                     "valid check character"
                   : "the QR code is damaged and Tesseract (tesseract-ocr-eng) is not installed to "
                     "read the printed code";
    return r;
  }
  r.form_code = *code;
  r.identified_by = PageIdentification::kOcr;
  const std::optional<std::string> template_id = codes_(*code);
  if (!template_id) {
    r.outcome = PageOutcome::kUnidentified;
    r.reason = "form code " + *code + " (read from the print; the QR code is damaged) was never "
               "issued by this database";
    return r;
  }
  r.template_id = *template_id;
  layout = templates_(*template_id);
  if (layout == nullptr) {
    r.outcome = PageOutcome::kUnidentified;
    r.reason = "template " + *template_id + " is not in this database";
    return r;
  }
  // Which page: the one whose printed bubble rings are where they should be.
  double first = -1, second = -1;
  for (std::size_t p = 0; p < layout->pages.size(); ++p) {
    const double score = PrintedRingScore(image, layout->pages[p], *best);
    if (score > first) {
      second = first, first = score, r.page = static_cast<int>(p) + 1;
    } else if (score > second) {
      second = score;
    }
  }
  if (layout->pages.size() > 1 && !(first > 0.25 && first > 1.5 * second)) {
    r.outcome = PageOutcome::kUnidentified;
    r.reason = "the QR code is damaged and which page of form " + *code + " this is cannot be told";
    return r;
  }
  r.outcome = PageOutcome::kRead;
  coarse = best->transform;
  return r;
}

const PageSurroundings& PageReader::Surroundings(const std::string& template_id, int page,
                                                const LayoutPage& layout) {
  auto found = surroundings_.find({template_id, page});
  if (found == surroundings_.end()) {
    found = surroundings_.emplace(std::make_pair(template_id, page), PageSurroundingsOf(layout)).first;
  }
  return found->second;
}

PageReading PageReader::Read(const GreyImage& image) {
  if (image.width < 100 || image.height < 100) {
    return Outcome(PageOutcome::kNotAForm, "the image is too small to be a scanned page");
  }
  // The page's grey levels, once: for the blank test and every registration tried.
  const PageGreyLevels levels = MeasurePageGreyLevels(image);
  if (IsBlank(levels.whole)) return Outcome(PageOutcome::kBlank, "a blank page");
  PageTransform coarse;
  const Layout* layout = nullptr;
  std::optional<QrReading> qr;
  std::optional<PageReading> identified = IdentifyByQr(image, coarse, layout, qr);
  if (!identified) identified = IdentifyByPrintedCode(image, levels, coarse, layout);
  PageReading r = std::move(*identified);
  if (r.outcome != PageOutcome::kRead) return r;
  const LayoutPage& page = layout->pages[r.page - 1];
  // The QR code's corners help place the page only when the page was identified by it.
  const QrReading* qr_used = r.identified_by == PageIdentification::kQr && qr ? &*qr : nullptr;
  Result<Registration> reg =
      RegisterPage(image, page, coarse, options_.registration, qr_used, &levels);
  if (!reg.ok()) {
    r.outcome = PageOutcome::kNotRegistered;
    r.reason = reg.status().message();
    return r;
  }
  r.registration = *reg;
  r.marks_found = reg->marks_found;
  r.residual_px = reg->residual_px;
  // A fold across the sheet: its shadow is taken out before the bubbles are measured.
  const PageSurroundings& around = Surroundings(r.template_id, r.page, page);
  r.folds = FindFoldLines(image, page, *reg, around.printed);
  r.bubbles = r.folds.empty()
                  ? MeasureBubbles(image, page, *reg, around)
                  : MeasureBubbles(WithoutFoldShadows(image, r.folds, *reg), page, *reg, around, r.folds);
  r.text_boxes = MeasureTextBoxes(image, page, *reg);
  return r;
}

}  // namespace phieu
