#include "scanner/explain.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <cstdio>
#include <map>

#include "scanner/cv_image.h"

namespace phieu {

Status WriteExplainOverlay(const GreyImage& image, const PageReading& reading,
                           const LayoutPage* layout, const MarkThresholds& thresholds,
                           const std::string& path) {
  cv::Mat colour;
  cv::cvtColor(scanner_internal::AsMat(image), colour, cv::COLOR_GRAY2BGR);
  const double font = std::max(0.4, image.width / 2500.0);
  const int thick = std::max(1, image.width / 1200);
  std::string headline = std::string(PageOutcomeName(reading.outcome));
  if (!reading.form_code.empty()) {
    headline += "  form " + reading.form_code + " page " + std::to_string(reading.page) + " (" +
                std::string(PageIdentificationName(reading.identified_by)) + ")";
  }
  if (!reading.reason.empty()) headline += ": " + reading.reason;
  cv::putText(colour, headline, cv::Point(10, static_cast<int>(30 * font * 2)), cv::FONT_HERSHEY_SIMPLEX,
              font, reading.outcome == PageOutcome::kRead ? cv::Scalar(0, 140, 0) : cv::Scalar(0, 0, 220),
              thick + 1, cv::LINE_AA);
  if (layout != nullptr && reading.outcome == PageOutcome::kRead) {
    const PageTransform& t = reading.registration.transform;
    auto box = [&](const Rect& r, const cv::Scalar& c, int w) {
      std::vector<cv::Point> corners;
      for (auto [x, y] : {std::pair{r.x, r.y}, {r.right(), r.y}, {r.right(), r.bottom()}, {r.x, r.bottom()}}) {
        const PointF p = t.Apply({x, y});
        corners.emplace_back(static_cast<int>(p.x), static_cast<int>(p.y));
      }
      cv::polylines(colour, corners, true, c, w, cv::LINE_AA);
    };
    for (const Rect& mark : layout->marks) box(mark, cv::Scalar(0, 170, 0), thick + 1);
    box(layout->qr, cv::Scalar(200, 120, 0), thick + 1);
    std::map<std::pair<std::string, std::string>, const BubbleScore*> scores;
    for (const BubbleScore& s : reading.bubbles) scores[{s.item, s.option}] = &s;
    const PageLevels page_empty = PageLevelsOf(reading.bubbles);
    for (const LayoutBubble& b : layout->bubbles) {
      const auto found = scores.find({b.question, b.option});
      if (found == scores.end()) continue;
      const MarkKind kind = ClassifyMark(*found->second, page_empty, thresholds);
      const bool empty = kind == MarkKind::kEmpty;
      const cv::Scalar c = IsClearMark(kind) ? cv::Scalar(0, 170, 0)
                           : empty           ? cv::Scalar(150, 150, 150)
                           : kind == MarkKind::kStruck ? cv::Scalar(200, 0, 200)
                                                       : cv::Scalar(0, 140, 255);
      const PointF centre = t.Apply({b.box.centre_x(), b.box.centre_y()});
      const int radius = static_cast<int>(b.box.w / 2 * t.ScaleAt({b.box.centre_x(), b.box.centre_y()}) + 2);
      cv::circle(colour, cv::Point(static_cast<int>(centre.x), static_cast<int>(centre.y)), radius, c,
                 empty ? 1 : thick + 1, cv::LINE_AA);
      if (!empty) {
        char label[48];
        const BubbleScore& s = *found->second;
        std::snprintf(label, sizeof label, "%s %.2f", std::string(MarkKindName(kind)).c_str(),
                      s.coverage >= 0 ? s.coverage : s.fill);
        cv::putText(colour, label, cv::Point(static_cast<int>(centre.x + radius), static_cast<int>(centre.y - radius)),
                    cv::FONT_HERSHEY_SIMPLEX, font * 0.6, c, 1, cv::LINE_AA);
      }
    }
    for (const LayoutTextBox& tb : layout->text_boxes) box(tb.box, cv::Scalar(180, 0, 180), 1);
    // A fold found across the page, drawn across the image in cyan.
    for (const FoldLine& fold : reading.folds) {
      const double reach = std::hypot(image.width, image.height);
      const cv::Point a(static_cast<int>(fold.point.x - fold.direction.x * reach),
                        static_cast<int>(fold.point.y - fold.direction.y * reach));
      const cv::Point b(static_cast<int>(fold.point.x + fold.direction.x * reach),
                        static_cast<int>(fold.point.y + fold.direction.y * reach));
      cv::line(colour, a, b, cv::Scalar(220, 200, 0), 1, cv::LINE_AA);
    }
  }
  return scanner_internal::WriteImageFile(colour, path, "the overlay");
}

std::string ExplainItems(const PageReading& reading, const std::vector<AnswerItem>& items,
                         const MarkThresholds& thresholds) {
  if (reading.outcome != PageOutcome::kRead) return "";
  const PageLevels page_empty = PageLevelsOf(reading.bubbles);
  std::string text;
  for (const FoldLine& fold : reading.folds) {
    char line[160];
    std::snprintf(line, sizeof line,
                  "a fold across the page (seen over %.0f mm of paper, darkness %.2f): its shadow "
                  "was taken out before the bubbles were measured\n",
                  fold.length_mm, fold.darkness);
    text += line;
  }
  for (const ItemReading& item : DecideItems(items, reading.bubbles, thresholds)) {
    if (item.state == ItemState::kBlank && item.why == "no mark") continue;
    char confidence[16];
    std::snprintf(confidence, sizeof confidence, "%.2f", item.confidence);
    std::string read;
    for (const auto& o : item.options) read += (read.empty() ? " " : ";") + o;
    text += item.item + ": " + std::string(ItemStateName(item.state)) + read + " (" + item.why +
            "; confidence " + confidence + ")\n";
    for (const BubbleScore& s : reading.bubbles) {
      if (s.item != item.item) continue;
      const MarkKind kind = ClassifyMark(s, page_empty, thresholds);
      if (kind == MarkKind::kEmpty) continue;
      text += "    option " + s.option + " " + DescribeMark(s, page_empty, thresholds) + "\n";
    }
  }
  return text;
}

}  // namespace phieu
