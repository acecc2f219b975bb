#include "core/layout.h"

#include <algorithm>
#include <cmath>

#include "core/page_frame.h"

namespace phieu {
namespace {

constexpr double kLineFactor = 1.38;     // line height / font size (room for stacked diacritics)
constexpr double kAscentFactor = 0.98;   // baseline below a line's top, / font size
constexpr double kGap = 4;               // vertical gap between blocks, points
constexpr double kSmallPt = 7.5;         // grid header labels, scale numbers
constexpr double kHeaderBottom = 44 * kMillimetre;  // content starts below the QR and form code
constexpr double kFooterTop = 16 * kMillimetre;     // from the bottom edge

// Elements positioned relative to the block's top-left (y = 0), placed on a page later.
struct Block {
  double height = 0;
  std::vector<TextLine> texts;
  std::vector<LayoutBubble> bubbles;
  std::vector<LayoutTextBox> text_boxes;
  std::vector<Rule> rules;
  std::vector<Rect> shaded;

  void Append(const Block& other, double dy) {
    for (TextLine t : other.texts) t.baseline_y += dy, texts.push_back(t);
    for (LayoutBubble b : other.bubbles) b.box.y += dy, bubbles.push_back(b);
    for (LayoutTextBox b : other.text_boxes) b.box.y += dy, text_boxes.push_back(b);
    for (Rule r : other.rules) r.y1 += dy, r.y2 += dy, rules.push_back(r);
    for (Rect s : other.shaded) s.y += dy, shaded.push_back(s);
  }
};

class Layouter {
 public:
  Layouter(const Survey& survey, const TextMetrics& metrics, const LayoutOptions& options)
      : survey_(survey), m_(metrics), o_(options) {
    layout_.page_size = o_.page_size;
    left_ = o_.margin_pt;
    right_ = o_.page_size.width_pt - o_.margin_pt;
    bottom_ = o_.page_size.height_pt - kFooterTop;
  }

  Result<Layout> Run() {
    NewPage();
    PlaceTitle();
    if (!survey_.intro_heading.empty() || !survey_.intro_paragraphs.empty()) {
      PHIEU_RETURN_IF_ERROR(PlaceIntro());
    }
    if (!survey_.instructions.empty()) PHIEU_RETURN_IF_ERROR(PlaceInstructions());
    for (const Section& section : survey_.sections) {
      pending_ = SectionTitle(section);  // kept with the section's first question
      for (const Question& q : section.questions) PHIEU_RETURN_IF_ERROR(PlaceQuestion(q));
    }
    if (!survey_.closing.empty()) {
      PHIEU_RETURN_IF_ERROR(Place(Centred(survey_.closing, FontStyle::kBold, o_.body_pt + 1),
                                  "the closing line"));
    }
    AddPageNumbers();
    return layout_;
  }

 private:
  double LineHeight(double size) const { return size * kLineFactor; }

  // Wrapped text starting at (x, top) within `width`; returns the lines' total height.
  double AddText(Block& block, std::string_view text, double x, double top, double width,
                 FontStyle style, double size) const {
    const auto lines = WrapText(text, width, style, size, m_);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      block.texts.push_back(
          {x, top + i * LineHeight(size) + kAscentFactor * size, size, style, lines[i]});
    }
    return lines.size() * LineHeight(size);
  }

  // Like AddText, each line centred within [x, x + width].
  double AddCentredText(Block& block, std::string_view text, double x, double top, double width,
                        FontStyle style, double size) const {
    const auto lines = WrapText(text, width, style, size, m_);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const double w = m_.WidthPt(lines[i], style, size);
      block.texts.push_back({x + (width - w) / 2, top + i * LineHeight(size) + kAscentFactor * size,
                             size, style, lines[i]});
    }
    return lines.size() * LineHeight(size);
  }

  Block Paragraph(std::string_view text, FontStyle style, double size, double indent = 0) const {
    Block b;
    b.height = AddText(b, text, left_ + indent, 0, right_ - left_ - indent, style, size);
    return b;
  }

  Block Centred(std::string_view text, FontStyle style, double size) const {
    Block b;
    b.height = AddCentredText(b, text, left_, 0, right_ - left_, style, size);
    return b;
  }

  void NewPage() {
    LayoutPage page = PageFrame(o_);
    page.number = static_cast<int>(layout_.pages.size()) + 1;
    layout_.pages.push_back(std::move(page));
    y_ = kHeaderBottom;
    if (layout_.pages.size() > 1 && !survey_.title_lines.empty()) {
      // Later pages: a short running head beside the QR code.
      Block head;
      AddText(head, survey_.title_lines.back(), left_, 0, Page().qr.x - left_ - 10, FontStyle::kBold,
              o_.body_pt);
      Put(head, o_.margin_pt);
    }
  }

  LayoutPage& Page() { return layout_.pages.back(); }

  // Copies `block` onto the current page with its top at `top`.
  void Put(const Block& block, double top) {
    Block shifted;
    shifted.Append(block, top);
    LayoutPage& p = Page();
    p.texts.insert(p.texts.end(), shifted.texts.begin(), shifted.texts.end());
    p.bubbles.insert(p.bubbles.end(), shifted.bubbles.begin(), shifted.bubbles.end());
    p.text_boxes.insert(p.text_boxes.end(), shifted.text_boxes.begin(), shifted.text_boxes.end());
    p.rules.insert(p.rules.end(), shifted.rules.begin(), shifted.rules.end());
    p.shaded.insert(p.shaded.end(), shifted.shaded.begin(), shifted.shaded.end());
  }

  // Places `block` at the cursor, starting a new page (and first `repeat`, e.g. a grid's header)
  // when it does not fit. `what` names the item in the error when it cannot fit on any page.
  Status Place(const Block& placed, const std::string& what, const Block* repeat = nullptr) {
    Block block = placed;
    if (pending_.height > 0) {
      block = pending_;
      block.Append(placed, pending_.height);
      block.height += placed.height;
      pending_ = Block();
    }
    const double room = bottom_ - kHeaderBottom - (repeat ? repeat->height : 0);
    if (block.height > room) {
      return Status::Error(what + " does not fit on one page (needs " +
                           std::to_string(static_cast<int>(std::ceil(block.height / kMillimetre))) +
                           " mm, a page has " +
                           std::to_string(static_cast<int>(room / kMillimetre)) +
                           " mm); shorten its text");
    }
    if (y_ + block.height > bottom_) {
      NewPage();
      if (repeat) {
        Put(*repeat, y_);
        y_ += repeat->height;
      }
    }
    Put(block, y_);
    y_ += block.height;
    return Status::Ok();
  }

  void PlaceTitle() {
    Block b;
    const double width = Page().qr.x - left_ - 10;
    double top = 0;
    for (std::size_t i = 0; i < survey_.title_lines.size(); ++i) {
      const double size = i == 0 ? o_.body_pt + 1 : o_.title_pt;
      top += AddCentredText(b, survey_.title_lines[i], left_, top, width, FontStyle::kBold, size);
    }
    Put(b, o_.margin_pt);
    y_ = std::max(kHeaderBottom, o_.margin_pt + top + kGap);
  }

  Status PlaceIntro() {
    if (!survey_.intro_heading.empty()) {
      PHIEU_RETURN_IF_ERROR(
          Place(Paragraph(survey_.intro_heading, FontStyle::kBold, o_.body_pt), "the intro's heading"));
    }
    for (const auto& paragraph : survey_.intro_paragraphs) {
      Block b = Paragraph(paragraph, FontStyle::kRegular, o_.body_pt);
      b.height += 2;
      PHIEU_RETURN_IF_ERROR(Place(b, "an intro paragraph"));
    }
    y_ += kGap;
    return Status::Ok();
  }

  Status PlaceInstructions() {
    Block b;
    double top = AddText(b, "HƯỚNG DẪN TRẢ LỜI", left_ + 4, 3, right_ - left_ - 8,
                         FontStyle::kBold, o_.body_pt) + 3;
    for (const auto& line : survey_.instructions) {
      b.texts.push_back({left_ + 6, top + kAscentFactor * o_.body_pt, o_.body_pt,
                         FontStyle::kRegular, "•"});
      top += AddText(b, line, left_ + 14, top, right_ - left_ - 20, FontStyle::kRegular, o_.body_pt);
    }
    b.height = top + 4;
    b.rules = {{left_, 0, right_, 0, 0.8}, {left_, b.height, right_, b.height, 0.8},
               {left_, 0, left_, b.height, 0.8}, {right_, 0, right_, b.height, 0.8}};
    b.height += kGap;
    return Place(b, "the instructions box");
  }

  Block SectionTitle(const Section& section) const {
    Block b;
    double top = 3;
    top += AddText(b, section.title.empty() ? section.code : section.title, left_ + 4, top,
                   right_ - left_ - 8, FontStyle::kBold, o_.body_pt + 0.5);
    b.shaded.push_back({left_, 0, right_ - left_, top + 3});
    top += 3;
    if (!section.note.empty()) {
      top += 2 + AddText(b, section.note, left_, top + 2, right_ - left_, FontStyle::kRegular,
                         o_.body_pt - 0.5);
    }
    b.height = top + kGap;
    return b;
  }

  // The question's text and note.
  Block QuestionHead(const Question& q) const {
    Block b;
    b.height = AddText(b, q.text, left_, 0, right_ - left_, FontStyle::kBold, o_.body_pt);
    if (!q.note.empty()) {
      b.height += AddText(b, q.note, left_, b.height, right_ - left_, FontStyle::kRegular,
                          o_.body_pt - 0.5);
    }
    b.height += 2;
    return b;
  }

  Status PlaceQuestion(const Question& q) {
    const std::string what = std::string(QuestionKindName(q.kind)) + " '" + q.code + "'";
    switch (q.kind) {
      case QuestionKind::kSingle:
      case QuestionKind::kMulti:
      case QuestionKind::kYesNo: {
        Block b = QuestionHead(q);
        const Block options = Options(q);
        b.Append(options, b.height);
        b.height += options.height + kGap;
        return Place(b, what);
      }
      case QuestionKind::kScale: {
        Block b = QuestionHead(q);
        Block row = ScaleRow(q);
        b.Append(row, b.height);
        b.height += row.height + kGap;
        return Place(b, what);
      }
      case QuestionKind::kText: {
        Block b = QuestionHead(q);
        const double h = q.lines * 7 * kMillimetre;
        b.text_boxes.push_back({q.code, {left_, b.height, right_ - left_, h}});
        b.height += h + kGap;
        return Place(b, what);
      }
      case QuestionKind::kGrid:
        return PlaceGrid(q);
    }
    return Status::Ok();
  }

  // Options laid out in as many equal columns as fit; labels wrap within their column.
  Block Options(const Question& q) const {
    Block b;
    const double bubble = o_.bubble_pt, gap = 4, other_w = 45 * kMillimetre;
    const double avail = right_ - left_;
    double widest = 0;
    for (const Option& opt : q.options) {
      widest = std::max(widest, bubble + gap + m_.WidthPt(opt.label, FontStyle::kRegular, o_.body_pt) +
                                    (opt.other_text ? gap + other_w : 0) + 10);
    }
    const int count = static_cast<int>(q.options.size());
    int columns = std::clamp(static_cast<int>(avail / std::max(widest, 1.0)), 1, count);
    // Prefer balanced rows: 5 options in 3 columns leave a lonely last row; use fewer if equal rows.
    const int rows = (count + columns - 1) / columns;
    columns = (count + rows - 1) / rows;
    const double column_w = avail / columns;
    double top = 0;
    for (int r = 0; r < rows; ++r) {
      double row_h = LineHeight(o_.body_pt);
      for (int c = 0; c < columns; ++c) {
        const int i = r * columns + c;
        if (i >= count) break;
        const Option& opt = q.options[i];
        const double x = left_ + c * column_w;
        const double line_h = LineHeight(o_.body_pt);
        b.bubbles.push_back(
            {q.code, opt.code, {x, top + (line_h - bubble) / 2, bubble, bubble}});
        const double label_x = x + bubble + gap;
        double label_w = column_w - bubble - gap - 6 - (opt.other_text ? gap + other_w : 0);
        if (label_w < 20) label_w = column_w - bubble - gap - 6;
        const double h = AddText(b, opt.label, label_x, top, label_w, FontStyle::kRegular, o_.body_pt);
        if (opt.other_text) {
          const auto lines = WrapText(opt.label, label_w, FontStyle::kRegular, o_.body_pt, m_);
          const double last_w = m_.WidthPt(lines.back(), FontStyle::kRegular, o_.body_pt);
          const double box_x = label_x + last_w + gap;
          const double box_top = top + h - line_h;
          b.text_boxes.push_back({q.code + "." + opt.code + ".other",
                                  {box_x, box_top, std::min(other_w, x + column_w - box_x - 6), line_h}});
        }
        row_h = std::max(row_h, h);
      }
      top += row_h + 2;
    }
    b.height = top;
    return b;
  }

  // A 0-10 style scale: numbers above a row of bubbles, anchor labels under the ends.
  Block ScaleRow(const Question& q) const {
    Block b;
    const int count = static_cast<int>(q.options.size());
    const double step = std::min(14 * kMillimetre, (right_ - left_ - 20) / count);
    const double x0 = left_ + 10;
    double top = 0;
    for (int i = 0; i < count; ++i) {
      const double cx = x0 + i * step + step / 2;
      const std::string& label = q.options[i].code;
      const double w = m_.WidthPt(label, FontStyle::kBold, o_.body_pt);
      b.texts.push_back({cx - w / 2, top + kAscentFactor * o_.body_pt, o_.body_pt, FontStyle::kBold,
                         label});
      b.bubbles.push_back({q.code, label,
                           {cx - o_.bubble_pt / 2, top + LineHeight(o_.body_pt) + 1, o_.bubble_pt,
                            o_.bubble_pt}});
    }
    top += LineHeight(o_.body_pt) + o_.bubble_pt + 3;
    double labels_h = 0;
    if (!q.low_label.empty()) {
      labels_h = AddText(b, q.low_label, x0, top, 4 * step, FontStyle::kRegular, kSmallPt + 0.5);
    }
    if (!q.high_label.empty()) {
      const double w = std::min(m_.WidthPt(q.high_label, FontStyle::kRegular, kSmallPt + 0.5), 4 * step);
      labels_h = std::max(labels_h, AddText(b, q.high_label, x0 + count * step - w, top, w + 1,
                                            FontStyle::kRegular, kSmallPt + 0.5));
    }
    b.height = top + labels_h;
    return b;
  }

  // Grid geometry shared by its header and rows.
  struct GridColumns {
    double text_x, text_w;
    std::vector<double> centres;  // one per scale option
    double column_w;
  };

  GridColumns Columns(const Question& q) const {
    const int n = static_cast<int>(q.options.size());
    const double column_w = std::min(18 * kMillimetre, (right_ - left_) * 0.5 / n);
    GridColumns g{left_ + 3, right_ - left_ - n * column_w - 6, {}, column_w};
    for (int i = 0; i < n; ++i) g.centres.push_back(right_ - (n - i) * column_w + column_w / 2);
    return g;
  }

  Block GridHeader(const Question& q, const GridColumns& g) const {
    Block b;
    double h = 0;
    for (std::size_t i = 0; i < q.options.size(); ++i) {
      h = std::max(h, AddCentredText(b, q.options[i].label, g.centres[i] - g.column_w / 2 + 1, 3,
                                     g.column_w - 2, FontStyle::kBold, kSmallPt));
    }
    if (!q.row_header.empty()) {
      h = std::max(h, AddText(b, q.row_header, g.text_x, 3, g.text_w, FontStyle::kBold, kSmallPt + 1));
    }
    b.height = h + 6;
    b.shaded.push_back({left_, 0, right_ - left_, b.height});
    b.rules.push_back({left_, b.height, right_, b.height, 0.6});
    return b;
  }

  Block GridGroupHeading(const Group& group) const {
    Block b;
    double top = 3 + AddText(b, group.title, left_ + 3, 3, right_ - left_ - 6, FontStyle::kBold,
                             o_.body_pt - 0.5);
    if (!group.note.empty()) {
      top += AddText(b, group.note, left_ + 3, top, right_ - left_ - 6, FontStyle::kRegular,
                     o_.body_pt - 1);
    }
    b.height = top + 3;
    b.rules.push_back({left_, b.height, right_, b.height, 0.4});
    return b;
  }

  Block RowBlock(const Question& q, const GridColumns& g, const GridRow& row, int number) const {
    Block b;
    const double h = AddText(b, std::to_string(number) + ". " + row.text, g.text_x, 3, g.text_w,
                             FontStyle::kRegular, o_.body_pt);
    b.height = std::max(h, o_.bubble_pt) + 6;
    for (std::size_t i = 0; i < q.options.size(); ++i) {
      b.bubbles.push_back({row.code, q.options[i].code,
                           {g.centres[i] - o_.bubble_pt / 2, 3 + (h - o_.bubble_pt) / 2,
                            o_.bubble_pt, o_.bubble_pt}});
    }
    b.rules.push_back({left_, b.height, right_, b.height, 0.3});
    return b;
  }

  // The chain of groups from the root down to `code` (empty for "").
  std::vector<const Group*> GroupPath(const std::string& code) const {
    std::vector<const Group*> path;
    for (const Group* g = FindGroup(survey_, code); g != nullptr; g = FindGroup(survey_, g->parent)) {
      path.insert(path.begin(), g);
    }
    return path;
  }

  Status PlaceGrid(const Question& q) {
    const GridColumns g = Columns(q);
    const Block header = GridHeader(q, g);
    Block head = QuestionHead(q);
    // The question's text, the header and the first row stay together.
    bool first = true;
    std::vector<const Group*> current_path;
    int number = 0;
    for (const GridRow& row : q.rows) {
      Block block;
      const std::string group = row.group.empty() ? q.group : row.group;
      const std::vector<const Group*> path = GroupPath(group);
      for (std::size_t level = 0; level < path.size(); ++level) {
        if (level < current_path.size() && current_path[level] == path[level]) continue;
        if (path[level]->code == q.group) continue;  // the whole grid's group: not a heading
        const Block heading = GridGroupHeading(*path[level]);
        block.Append(heading, block.height);
        block.height += heading.height;
      }
      current_path = path;
      const Block row_block = RowBlock(q, g, row, ++number);
      block.Append(row_block, block.height);
      block.height += row_block.height;
      const std::string what = "grid '" + q.code + "' row '" + row.code + "'";
      if (first) {
        Block opening = head;
        opening.Append(header, opening.height);
        opening.height += header.height;
        opening.Append(block, opening.height);
        opening.height += block.height;
        PHIEU_RETURN_IF_ERROR(Place(opening, what));
        first = false;
      } else {
        PHIEU_RETURN_IF_ERROR(Place(block, what, &header));
      }
    }
    y_ += kGap;
    return Status::Ok();
  }

  void AddPageNumbers() {
    const int total = static_cast<int>(layout_.pages.size());
    for (LayoutPage& page : layout_.pages) {
      const std::string text = "Trang " + std::to_string(page.number) + "/" + std::to_string(total);
      const double w = m_.WidthPt(text, FontStyle::kRegular, o_.body_pt - 1);
      page.texts.push_back({(o_.page_size.width_pt - w) / 2, o_.page_size.height_pt - 9 * kMillimetre,
                            o_.body_pt - 1, FontStyle::kRegular, text});
      const std::string name = survey_.name + " " + survey_.version;
      page.texts.push_back({left_ + 6 * kMillimetre, o_.page_size.height_pt - 9 * kMillimetre,
                            kSmallPt, FontStyle::kRegular, name});
    }
  }

  const Survey& survey_;
  const TextMetrics& m_;
  LayoutOptions o_;
  Layout layout_;
  double left_, right_, bottom_;
  double y_ = 0;
  Block pending_;  // a section title waiting to be placed with what follows it
};

}  // namespace

Result<Layout> LayoutSurvey(const Survey& survey, const TextMetrics& metrics,
                            const LayoutOptions& options) {
  return Layouter(survey, metrics, options).Run();
}

}  // namespace phieu
