// Writes family B to look at: one sipas-2022 page at 200 dpi with every kind of hand mark (and
// real marks), a montage of each kind enlarged, and the page under each scan family.
// Usage: hand_family_preview [OUT_DIR]   (default /tmp/hand_family)

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "forms/form_batch.h"
#include "scanner/image_source.h"
#include "tests/synthetic/hand_marks.h"
#include "tests/synthetic/real_marks.h"
#include "tests/synthetic/scan_families.h"
#include "synthetic/scan_generator.h"

namespace fs = std::filesystem;
using namespace phieu;

namespace {

Result<std::vector<GreyImage>> RenderSipas(const fs::path& dir, double dpi) {
  const BuiltinSurvey* builtin = FindBuiltinSurvey("sipas-2022");
  auto tmpl = BuildFormTemplate(builtin->yaml_text, builtin->name);
  if (!tmpl.ok()) return tmpl.status();
  const std::string data = "K7QM4RX2";
  const std::string code = data.substr(0, 3) + "-" + data.substr(3, 3) + "-" + data.substr(6, 2) +
                           FormCodeCheckCharacter(data);
  auto batch = RenderFormBatch(*tmpl, "preview-secret", {code});
  if (!batch.ok()) return batch.status();
  const fs::path pdf = dir / "form.pdf";
  std::ofstream(pdf, std::ios::binary) << batch->pdf;
  auto pages = RenderPdfPages(pdf.string(), dpi);
  if (!pages.ok()) return pages.status();
  std::vector<GreyImage> out;
  for (auto& page : *pages) out.push_back(std::move(page.image));
  return out;
}

GreyImage Crop(const GreyImage& image, int x0, int y0, int w, int h, int zoom) {
  GreyImage out(w * zoom, h * zoom, 200);
  for (int y = 0; y < h * zoom; ++y) {
    for (int x = 0; x < w * zoom; ++x) {
      const int sx = x0 + x / zoom, sy = y0 + y / zoom;
      if (sx >= 0 && sy >= 0 && sx < image.width && sy < image.height) out.at(x, y) = image.at(sx, sy);
    }
  }
  return out;
}

void Paste(GreyImage& into, const GreyImage& tile, int x0, int y0) {
  for (int y = 0; y < tile.height && y0 + y < into.height; ++y) {
    for (int x = 0; x < tile.width && x0 + x < into.width; ++x) into.at(x0 + x, y0 + y) = tile.at(x, y);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path out = argc > 1 ? argv[1] : "/tmp/hand_family";
  fs::create_directories(out);
  constexpr double kDpi = 200;
  const BuiltinSurvey* builtin = FindBuiltinSurvey("sipas-2022");
  auto tmpl = BuildFormTemplate(builtin->yaml_text, builtin->name);
  auto pages = RenderSipas(out, kDpi);
  auto real = LoadRealMarks(PHIEU_REAL_MARKS_DIR);
  if (!tmpl.ok() || !pages.ok() || !real.ok()) {
    std::fprintf(stderr, "hand_family_preview: %s%s%s\n", tmpl.status().message().c_str(),
                 pages.status().message().c_str(), real.status().message().c_str());
    return 1;
  }
  // The page with the most answer items (a grid page): room for every kind many times.
  std::size_t page_index = 0, most = 0;
  for (std::size_t i = 0; i < tmpl->layout.pages.size(); ++i) {
    std::map<std::string, int> items;
    for (const LayoutBubble& b : tmpl->layout.pages[i].bubbles) ++items[b.question];
    if (items.size() > most) most = items.size(), page_index = i;
  }
  const LayoutPage& page = tmpl->layout.pages[page_index];
  // One question per kind, cycling; a random option of it.
  const std::vector<HandMarkKind> kinds = {
      HandMarkKind::kFill, HandMarkKind::kScribble, HandMarkKind::kX, HandMarkKind::kTick,
      HandMarkKind::kCircle, HandMarkKind::kDot, HandMarkKind::kPartial, HandMarkKind::kPencil,
      HandMarkKind::kChanged, HandMarkKind::kStray, HandMarkKind::kReal};
  std::vector<std::string> questions;
  std::map<std::string, std::vector<const LayoutBubble*>> by_question;
  for (const LayoutBubble& b : page.bubbles) {
    if (by_question[b.question].empty()) questions.push_back(b.question);
    by_question[b.question].push_back(&b);
  }
  const std::uint64_t seed = argc > 2 ? std::stoull(argv[2]) : 7;
  std::vector<HandMark> marks;
  std::vector<const LayoutBubble*> marked;
  const std::vector<RealMarkLabel> real_labels = {RealMarkLabel::kFill, RealMarkLabel::kLight,
                                                  RealMarkLabel::kScribble, RealMarkLabel::kDot,
                                                  RealMarkLabel::kPartial, RealMarkLabel::kStray};
  for (std::size_t i = 0; i < questions.size(); ++i) {
    const auto& options = by_question[questions[i]];
    const LayoutBubble* b = options[(i * 3 + seed) % options.size()];
    HandMark mark{b->question, b->option, kinds[i % kinds.size()], -1};
    if (mark.kind == HandMarkKind::kReal) {
      const auto indices = real->WithLabel(real_labels[(i / kinds.size()) % real_labels.size()]);
      mark.real_index = indices[(i * 7) % indices.size()];
    }
    marks.push_back(mark);
    marked.push_back(b);
  }
  const GreyImage drawn = DrawHandMarks(pages->at(page_index), page, marks, kDpi, seed, &*real);
  WritePng(drawn, (out / "marks_page.png").string());
  // Per kind, a montage of 8 examples (seeds 1..8, each on its own bubble) enlarged 3x in a
  // 3.2-diameter window: marks_<kind>.png.
  const double px = kDpi / 72;
  const int window = static_cast<int>(page.bubbles[0].box.w * px * 3.2);
  constexpr int kZoom = 3;
  const int tile = window * kZoom + 4;
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    GreyImage montage(4 * tile, 2 * tile, 128);
    for (int n = 0; n < 8; ++n) {
      const LayoutBubble& b = page.bubbles[(n * 37 + k * 11 + 5) % page.bubbles.size()];
      HandMark mark{b.question, b.option, kinds[k], -1};
      if (mark.kind == HandMarkKind::kReal) {
        const auto indices = real->WithLabel(real_labels[n % real_labels.size()]);
        mark.real_index = indices[(n * 7) % indices.size()];
      }
      const GreyImage one = DrawHandMarks(pages->at(page_index), page, {mark}, kDpi,
                                          seed * 100 + n, &*real);
      const int cx = static_cast<int>(b.box.centre_x() * px), cy = static_cast<int>(b.box.centre_y() * px);
      Paste(montage, Crop(one, cx - window / 2, cy - window / 2, window, window, kZoom),
            (n % 4) * tile, (n / 4) * tile);
    }
    WritePng(montage, (out / ("marks_" + std::string(HandMarkKindName(kinds[k])) + ".png")).string());
  }

  WritePng(CutCorner(drawn, 0, 30, false, seed), (out / "cut_corner_white.png").string());
  WritePng(CutCorner(drawn, 2, 40, true, seed + 1), (out / "cut_corner_dark.png").string());
  WritePng(Crease(drawn, seed), (out / "crease.png").string());
  WritePng(Bilevel(drawn, 165), (out / "bilevel.png").string());
  WritePng(FlatbedScan(drawn, {1.5, 0.98, 0.8, 3, 238, 80}, seed), (out / "flatbed.png").string());
  PhoneConditions phone;
  const GreyImage photo = PhonePhoto(drawn, phone, seed);
  WritePng(photo, (out / "phone.png").string());
  WritePng(Crop(photo, photo.width / 2, photo.height / 4, 450, 300, 2), (out / "phone_crop.png").string());
  phone.perspective = 0.08;
  phone.light_falloff = 0.55;
  phone.rotate_deg = -6;
  phone.blur_px = 1.6;
  phone.jpeg_quality = 60;
  WritePng(PhonePhoto(drawn, phone, seed + 1), (out / "phone_hard.png").string());
  phone = {};
  phone.desk = false;
  WritePng(PhonePhoto(drawn, phone, seed + 2), (out / "phone_nodesk.png").string());
  // The laser print: the page at 600 dpi with the same marks.
  auto pages600 = RenderSipas(out, 600);
  if (pages600.ok()) {
    const GreyImage drawn600 = DrawHandMarks(pages600->at(page_index), page, marks, 600, seed, &*real);
    const GreyImage laser = LaserHalftone(drawn600, 200, seed);
    WritePng(laser, (out / "laser_halftone.png").string());
    WritePng(Crop(laser, laser.width / 10, laser.height / 6, 400, 250, 3), (out / "laser_crop.png").string());
  }
  std::printf("wrote %s\n", out.c_str());
  return 0;
}
