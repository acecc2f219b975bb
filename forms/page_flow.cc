#include "forms/page_flow.h"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include "core/vietnamese_format.h"

namespace phieu {
namespace {

constexpr double kMargin = 20 * kMillimetre;
constexpr double kFooter = 12 * kMillimetre;

constexpr double kFrameWidth = 0.5;
constexpr std::string_view kEllipsis = "…";

struct Fill {
  Rect rect;
  double grey;
};

struct Frame {
  Rect rect;
};

struct Picture {
  Rect rect;
  int width = 0, height = 0;
  std::vector<unsigned char> grey;
};

// One drawing operation, kept until the page count is known.
struct Op {
  enum class Kind { kText, kRule, kFill, kFrame, kPicture } kind;
  TextLine text;
  Rule rule;
  Fill fill;
  Frame frame;
  Picture picture;
  Op(TextLine t) : kind(Kind::kText), text(std::move(t)) {}       // NOLINT: implicit on purpose
  Op(Rule r) : kind(Kind::kRule), rule(r) {}                      // NOLINT
  Op(Fill f) : kind(Kind::kFill), fill(f) {}                      // NOLINT
  Op(Frame f) : kind(Kind::kFrame), frame(f) {}                   // NOLINT
  Op(Picture p) : kind(Kind::kPicture), picture(std::move(p)) {}  // NOLINT
};

}  // namespace

struct PageFlow::Impl {
  std::unique_ptr<PdfDocument> pdf;
  std::string footer;
  PageSize size;
  std::vector<std::vector<Op>> pages;
  std::vector<std::string> headers;  // per page
  std::string header;                // for pages started from now
  std::vector<int> counts;           // per page: which page count it belongs to
  int count = 0;                     // the count of pages started from now
  double y = 0;

  double left() const { return kMargin; }
  double width() const { return size.width_pt - 2 * kMargin; }
  double bottom() const { return size.height_pt - kMargin - kFooter; }

  void Page() {
    pages.emplace_back();
    headers.push_back(header);
    counts.push_back(count);
    y = kMargin;
  }
  void Need(double height) {
    if (pages.empty() || y + height > bottom()) Page();
  }
  void Text(double x, double baseline, const std::string& text, double size_pt, FontStyle style) {
    pages.back().push_back(TextLine{x, baseline, size_pt, style, text});
  }
  double Width(const std::string& text, double size_pt, FontStyle style) const {
    return pdf->WidthPt(text, style, size_pt);
  }
  // A scale above bars drawn from `bar_left` over `bar_w`, from 0 to `max`: five marks (0, a
  // quarter ... `max`) with their values and `unit` ("0 %" ... "100 %"); the flow continues below.
  void Axis(double bar_left, double bar_w, double max, const std::string& unit) {
    const double size_pt = 7, baseline = y + size_pt + 1;
    for (int quarter = 0; quarter <= 4; ++quarter) {
      const double value = max * quarter / 4;
      const bool whole = value == static_cast<double>(static_cast<long long>(value));
      const std::string text = VietnameseNumber(value, whole ? 0 : 1) + unit;
      const double at = bar_left + bar_w * quarter / 4;
      const double w = Width(text, size_pt, FontStyle::kRegular);
      Text(at - w / 2, baseline, text, size_pt, FontStyle::kRegular);
      pages.back().push_back(Rule{at, baseline + 2, at, baseline + 5, 0.4});
    }
    pages.back().push_back(Rule{bar_left, baseline + 5, bar_left + bar_w, baseline + 5, 0.4});
    y = baseline + 7;
  }
  // `text` on one line of `width`: whole when it fits, else cut at a word and ended with "…".
  std::string OneLine(const std::string& text, double width, double size_pt,
                      FontStyle style) const {
    std::vector<std::string> lines = WrapText(text, width, style, size_pt, *pdf);
    if (lines.size() <= 1) return lines.empty() ? std::string() : lines.front();
    const std::string ellipsis(kEllipsis);
    const double room = width - Width(ellipsis, size_pt, style);
    return WrapText(text, room, style, size_pt, *pdf).front() + ellipsis;
  }
};

PageFlow::PageFlow(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PageFlow::~PageFlow() = default;

Result<std::unique_ptr<PageFlow>> PageFlow::Create(std::string footer, PageSize size) {
  auto pdf = PdfDocument::Create();
  if (!pdf.ok()) return pdf.status();
  auto impl = std::make_unique<Impl>();
  impl->pdf = std::move(pdf).value();
  impl->footer = std::move(footer);
  impl->size = size;
  return std::unique_ptr<PageFlow>(new PageFlow(std::move(impl)));
}

void PageFlow::NewPage() { impl_->Page(); }

void PageFlow::RestartPageNumbers() { ++impl_->count; }

void PageFlow::PageHeader(const std::string& text) { impl_->header = text; }

void PageFlow::Centred(const std::string& text, double y, double size_pt, FontStyle style) {
  if (impl_->pages.empty()) impl_->Page();
  for (const std::string& line : WrapText(text, impl_->width(), style, size_pt, *impl_->pdf)) {
    const double w = impl_->Width(line, size_pt, style);
    impl_->Text((impl_->size.width_pt - w) / 2, y, line, size_pt, style);
    y += size_pt * 1.35;
  }
  impl_->y = std::max(impl_->y, y);
}

void PageFlow::CentredBlocks(const std::vector<std::vector<FlowLine>>& blocks,
                             const std::vector<double>& shares) {
  if (shares.size() < blocks.size()) {
    throw std::logic_error("PageFlow::CentredBlocks: fewer shares than blocks");
  }
  double total = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) total += shares[b];
  if (blocks.empty() || total <= 0) return;
  constexpr double kUnderlineGap = 4;  // below an underlined line, room for its rule
  // Each block's lines wrapped to its width, and its height.
  struct Placed {
    std::vector<std::string> lines;
    const FlowLine* line;
  };
  std::vector<std::vector<Placed>> wrapped(blocks.size());
  // The lines as set (a line shrunk to fit has its size here); reserved so that `Placed` may
  // point into them.
  std::vector<std::vector<FlowLine>> fitted(blocks.size());
  for (std::size_t b = 0; b < blocks.size(); ++b) fitted[b].reserve(blocks[b].size());
  double tallest = 0;
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const double width = impl_->width() * shares[b] / total;
    double height = 0;
    for (const FlowLine& given : blocks[b]) {
      FlowLine l = given;
      if (l.shrink_to_fit) {
        const double natural = impl_->Width(l.text, l.size_pt, l.style);
        if (natural > width && natural * 0.75 <= width) l.size_pt *= width / natural;
      }
      fitted[b].push_back(l);
    }
    for (const FlowLine& l : fitted[b]) {
      wrapped[b].push_back({WrapText(l.text, width, l.style, l.size_pt, *impl_->pdf), &l});
      height += wrapped[b].back().lines.size() * l.size_pt * 1.35 +
                (l.underline > 0 ? kUnderlineGap : 0);
    }
    tallest = std::max(tallest, height);
  }
  impl_->Need(tallest);
  double left = impl_->left();
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    const double width = impl_->width() * shares[b] / total;
    double y = impl_->y;
    for (const Placed& p : wrapped[b]) {
      const FlowLine& l = *p.line;
      double widest = 0;
      for (const std::string& text : p.lines) {
        const double w = impl_->Width(text, l.size_pt, l.style);
        widest = std::max(widest, w);
        y += l.size_pt * 1.35;
        impl_->Text(left + (width - w) / 2, y - l.size_pt * 0.3, text, l.size_pt, l.style);
      }
      if (l.underline > 0 && widest > 0) {
        const double length = widest * std::min(l.underline, 1.0);
        const double rule_y = y + 1;  // below the descenders (the baseline is 0.3 em above y)
        impl_->pages.back().push_back(
            Rule{left + (width - length) / 2, rule_y, left + (width + length) / 2, rule_y, 0.6});
        y += kUnderlineGap;
      }
    }
    left += width;
  }
  impl_->y += tallest;
}

void PageFlow::Heading(const std::string& text, double size_pt) {
  const auto lines = WrapText(text, impl_->width(), FontStyle::kBold, size_pt, *impl_->pdf);
  // A heading is kept with at least three lines of what follows.
  impl_->Need(lines.size() * size_pt * 1.35 + 8 + 40);
  impl_->y += 6;
  for (const std::string& line : lines) {
    impl_->y += size_pt * 1.35;
    impl_->Text(impl_->left(), impl_->y - size_pt * 0.3, line, size_pt, FontStyle::kBold);
  }
  impl_->y += 4;
}

void PageFlow::Paragraph(const std::string& text, double size_pt, FontStyle style) {
  for (const std::string& line : WrapText(text, impl_->width(), style, size_pt, *impl_->pdf)) {
    impl_->Need(size_pt * 1.4);
    impl_->y += size_pt * 1.4;
    impl_->Text(impl_->left(), impl_->y - size_pt * 0.3, line, size_pt, style);
  }
  impl_->y += size_pt * 0.4;
}

void PageFlow::Space(double pt) {
  if (impl_->pages.empty()) impl_->Page();
  impl_->y = std::min(impl_->y + pt, impl_->bottom());
}

void PageFlow::KeepTogether(double height) { impl_->Need(height); }

void PageFlow::CheckBoxes(const std::vector<std::string>& labels, double size_pt) {
  const double box = size_pt, gap = 4, spacing = 18, line = size_pt * 1.9;
  double x = impl_->left();
  impl_->Need(line);
  for (const std::string& label : labels) {
    const double w = box + gap + impl_->Width(label, size_pt, FontStyle::kRegular);
    if (x > impl_->left() && x + w > impl_->left() + impl_->width()) {
      x = impl_->left();
      impl_->y += line;
      impl_->Need(line);
    }
    const double baseline = impl_->y + line - size_pt * 0.6;
    impl_->pages.back().push_back(Frame{{x, baseline - box * 0.85, box, box}});
    impl_->Text(x + box + gap, baseline, label, size_pt, FontStyle::kRegular);
    x += w + spacing;
  }
  impl_->y += line + size_pt * 0.4;
}

void PageFlow::SignatureBlocks(const std::vector<std::string>& roles, double size_pt) {
  if (roles.empty()) return;
  const double gap = 18, line = size_pt * 1.6, signing_room = 42;
  const double w = (impl_->width() - gap * (roles.size() - 1)) / roles.size();
  std::vector<std::vector<std::string>> titles;
  std::size_t title_lines = 1;
  for (const std::string& role : roles) {
    titles.push_back(WrapText(role, w, FontStyle::kBold, size_pt, *impl_->pdf));
    title_lines = std::max(title_lines, titles.back().size());
  }
  const double height = title_lines * line + 3 * line + signing_room + size_pt * 1.2;
  impl_->Need(height);
  const double top = impl_->y + size_pt * 0.6;
  for (std::size_t r = 0; r < roles.size(); ++r) {
    const double x = impl_->left() + r * (w + gap);
    double y = top;
    for (const std::string& t : titles[r]) {
      y += line;
      impl_->Text(x, y - size_pt * 0.3, t, size_pt, FontStyle::kBold);
    }
    y = top + title_lines * line;
    const auto field = [&](const std::string& label) {
      y += line;
      impl_->Text(x, y - size_pt * 0.3, label, size_pt, FontStyle::kRegular);
      const double from = x + impl_->Width(label, size_pt, FontStyle::kRegular) + 3;
      if (from < x + w)
        impl_->pages.back().push_back(Rule{from, y - size_pt * 0.2, x + w, y - size_pt * 0.2, 0.3});
    };
    field("Họ và tên:");
    y += line;
    impl_->Text(x, y - size_pt * 0.3, "Chữ ký:", size_pt, FontStyle::kRegular);
    y += signing_room;
    impl_->Text(x, y - size_pt * 0.3, "Ngày ……… tháng ……… năm 20………", size_pt, FontStyle::kRegular);
  }
  impl_->y += height;
}

void PageFlow::Image(const std::vector<unsigned char>& grey, int width, int height,
                     double width_pt) {
  if (grey.empty()) return;
  if (width <= 0 || height <= 0 || grey.size() < static_cast<std::size_t>(width) * height) {
    throw std::logic_error("PageFlow::Image: fewer pixels than width x height");
  }
  double w = std::min(width_pt, impl_->width());
  double h = w * height / width;
  const double most = impl_->bottom() - kMargin - 8;  // a whole page's body
  if (h > most) {
    w *= most / h;
    h = most;
  }
  impl_->Need(h + 8);
  const Rect rect{impl_->left(), impl_->y + 2, w, h};
  impl_->pages.back().push_back(Picture{rect, width, height, grey});
  impl_->pages.back().push_back(Frame{rect});
  impl_->y += h + 8;
}

void PageFlow::Table(const std::vector<FlowColumn>& columns,
                     const std::vector<std::vector<std::string>>& rows, double size_pt,
                     double min_row_pt) {
  double shares = 0;
  for (const FlowColumn& c : columns) shares += c.width;
  std::vector<double> widths, lefts;
  double x = impl_->left();
  for (const FlowColumn& c : columns) {
    lefts.push_back(x);
    widths.push_back(impl_->width() * c.width / shares);
    x += widths.back();
  }
  const double pad = 3, line = size_pt * 1.35;
  const auto row_height = [&](std::size_t lines, bool body) {
    const double height = lines * line + 2 * pad;
    return body ? std::max(height, min_row_pt) : height;
  };
  auto wrap = [&](const std::vector<std::string>& cells, FontStyle style) {
    std::vector<std::vector<std::string>> wrapped;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      std::string text = c < cells.size() ? cells[c] : "";
      if (!text.empty() && text.front() == '\t') text.erase(0, 1);
      std::vector<std::string> lines =
          columns[c].one_line
              ? std::vector<std::string>{impl_->OneLine(text, widths[c] - 2 * pad, size_pt, style)}
              : WrapText(text, widths[c] - 2 * pad, style, size_pt, *impl_->pdf);
      const std::size_t most = columns[c].max_lines;
      if (most > 0 && lines.size() > most) {
        // The last line kept runs on into the next, so that OneLine cuts it and adds "…".
        lines[most - 1] = impl_->OneLine(lines[most - 1] + " " + lines[most], widths[c] - 2 * pad,
                                         size_pt, style);
        lines.resize(most);
      }
      wrapped.push_back(std::move(lines));
    }
    return wrapped;
  };
  auto draw = [&](const std::vector<std::vector<std::string>>& wrapped, FontStyle style,
                  double shade, bool body) {
    std::size_t lines = 1;
    for (const auto& w : wrapped) lines = std::max(lines, w.size());
    const double height = row_height(lines, body);
    const double top = impl_->y;
    if (shade < 1)
      impl_->pages.back().push_back(Fill{{impl_->left(), top, impl_->width(), height}, shade});
    for (std::size_t c = 0; c < columns.size(); ++c) {
      // A total row (bold) is not filled in: its box columns stay empty.
      if (body && columns[c].box != FlowBox::kNone && style == FontStyle::kBold) continue;
      if (body && columns[c].box == FlowBox::kTick) {
        const double side = std::min(line, widths[c] - 2 * pad);
        impl_->pages.back().push_back(
            Frame{{lefts[c] + (widths[c] - side) / 2, top + pad + (line - side) / 2, side, side}});
        continue;
      }
      if (body && columns[c].box == FlowBox::kWrite) {
        impl_->pages.back().push_back(
            Frame{{lefts[c] + pad, top + pad / 2, widths[c] - 2 * pad, height - pad}});
        continue;
      }
      for (std::size_t l = 0; l < wrapped[c].size(); ++l) {
        const std::string& text = wrapped[c][l];
        const double tx = columns[c].right_aligned
                              ? lefts[c] + widths[c] - pad - impl_->Width(text, size_pt, style)
                              : lefts[c] + pad;
        impl_->Text(tx, top + pad + (l + 1) * line - size_pt * 0.3, text, size_pt, style);
      }
    }
    impl_->y += height;
    impl_->pages.back().push_back(
        Rule{impl_->left(), impl_->y, impl_->left() + impl_->width(), impl_->y, 0.3});
  };
  std::vector<std::string> titles;
  for (const FlowColumn& c : columns) titles.push_back(c.title);
  const auto header = wrap(titles, FontStyle::kBold);
  std::size_t header_lines = 1;
  for (const auto& w : header) header_lines = std::max(header_lines, w.size());
  const double header_height = row_height(header_lines, false);
  // The header never stands alone at the foot of a page: it keeps its first row with it.
  std::size_t first_lines = 1;
  if (!rows.empty()) {
    for (const auto& w : wrap(rows.front(), FontStyle::kRegular)) {
      first_lines = std::max(first_lines, w.size());
    }
  }
  impl_->Need(header_height + row_height(first_lines, true));
  draw(header, FontStyle::kBold, 0.88, false);
  for (const auto& row : rows) {
    const FontStyle style = !row.empty() && !row[0].empty() && row[0].front() == '\t'
                                ? FontStyle::kBold
                                : FontStyle::kRegular;
    const auto cells = wrap(row, style);
    std::size_t lines = 1;
    for (const auto& w : cells) lines = std::max(lines, w.size());
    if (impl_->y + row_height(lines, true) > impl_->bottom()) {
      impl_->Page();
      draw(header, FontStyle::kBold, 0.88, false);  // the header again on every page it runs on
    }
    draw(cells, style, 1, true);
  }
  impl_->y += 8;
}

void PageFlow::Bars(const std::vector<FlowBar>& bars, double max, const std::string& unit) {
  const double size_pt = 8.5, row = 16, label_w = impl_->width() * 0.42;
  const double bar_left = impl_->left() + label_w + 6, bar_w = impl_->width() - label_w - 50;
  impl_->Need(14 + row);
  impl_->Axis(bar_left, bar_w, max, unit);
  for (const FlowBar& b : bars) {
    const auto label = WrapText(b.label, label_w, FontStyle::kRegular, size_pt, *impl_->pdf);
    const double height = std::max(row, label.size() * size_pt * 1.3 + 4);
    const std::size_t before = impl_->pages.size();
    impl_->Need(height);
    if (impl_->pages.size() != before) impl_->Axis(bar_left, bar_w, max, unit);
    const double top = impl_->y;
    for (std::size_t l = 0; l < label.size(); ++l) {
      impl_->Text(impl_->left(), top + (l + 1) * size_pt * 1.3, label[l], size_pt,
                  FontStyle::kRegular);
    }
    const double length = max > 0 ? bar_w * std::clamp(b.value / max, 0.0, 1.0) : 0;
    impl_->pages.back().push_back(Fill{{bar_left, top + 3, bar_w, 9}, 0.93});
    impl_->pages.back().push_back(Fill{{bar_left, top + 3, length, 9}, 0.35});
    impl_->Text(bar_left + bar_w + 4, top + 10.5, b.value_text, size_pt, FontStyle::kBold);
    impl_->y += height;
  }
  impl_->y += 6;
}

void PageFlow::StackedBars(const std::vector<FlowStack>& bars,
                           const std::vector<std::string>& legend) {
  const double size_pt = 8, line = size_pt * 1.3;
  const double label_w = impl_->width() * 0.44, value_w = 56;
  const double bar_left = impl_->left() + label_w + 6;
  const double bar_w = impl_->width() - label_w - 6 - value_w;
  const std::size_t parts = std::max<std::size_t>(legend.size(), 1);
  // Light for the first part, dark for the last: the order of a scale reads as the shade.
  const auto grey = [&](std::size_t i) {
    return parts == 1 ? 0.35 : 0.92 - 0.77 * static_cast<double>(i) / (parts - 1);
  };
  // The key, at the top of every page the bars run on: the legend (a swatch and its label, side
  // by side, wrapping), then the axis.
  const double swatch = size_pt, spacing = 12;
  const auto key = [&] {
    double x = impl_->left();
    impl_->y += 2;
    for (std::size_t i = 0; i < legend.size(); ++i) {
      const double w = swatch + 3 + impl_->Width(legend[i], size_pt, FontStyle::kRegular);
      if (x > impl_->left() && x + w > impl_->left() + impl_->width()) {
        x = impl_->left();
        impl_->y += line;
      }
      const double baseline = impl_->y + line - 2;
      const Rect box{x, baseline - swatch * 0.85, swatch, swatch};
      impl_->pages.back().push_back(Fill{box, grey(i)});
      impl_->pages.back().push_back(Frame{box});
      impl_->Text(x + swatch + 3, baseline, legend[i], size_pt, FontStyle::kRegular);
      x += w + spacing;
    }
    impl_->y += line + 4;
    impl_->Axis(bar_left, bar_w, 100, " %");
  };
  impl_->Need(line * 2 + 20 + 40);  // the key keeps a bar or two with it
  key();
  for (const FlowStack& b : bars) {
    const FontStyle style = b.highlighted ? FontStyle::kBold : FontStyle::kRegular;
    const auto label = WrapText(b.label, label_w, style, size_pt, *impl_->pdf);
    const double height = std::max(14.0, label.size() * line + 4);
    const std::size_t before = impl_->pages.size();
    impl_->Need(height);
    if (impl_->pages.size() != before) key();  // a new page: its own key
    const double top = impl_->y;
    for (std::size_t l = 0; l < label.size(); ++l) {
      impl_->Text(impl_->left(), top + (l + 1) * line, label[l], size_pt, style);
    }
    const Rect bar{bar_left, top + 3, bar_w, 9};
    double from = bar_left;
    for (std::size_t i = 0; i < b.shares.size(); ++i) {
      const double w = bar_w * std::clamp(b.shares[i], 0.0, 1.0);
      if (w > 0) impl_->pages.back().push_back(Fill{{from, bar.y, w, bar.h}, grey(i)});
      from += w;
    }
    if (b.highlighted) {
      impl_->pages.back().push_back(
          Frame{{bar.x - 1, bar.y - 1, bar.w + 2, bar.h + 2}});
    }
    impl_->Text(bar_left + bar_w + 4, top + 10.5, b.value_text, size_pt, style);
    impl_->y += height;
  }
  impl_->y += 6;
}

double PageFlow::text_width() const { return impl_->width(); }
int PageFlow::pages() const { return static_cast<int>(impl_->pages.size()); }

Result<std::string> PageFlow::Finish() {
  const int total = pages();
  std::vector<int> count_pages(impl_->count + 1, 0);  // pages in each count
  for (int c : impl_->counts) ++count_pages[c];
  std::vector<int> seen(impl_->count + 1, 0);
  for (int p = 0; p < total; ++p) {
    impl_->pdf->AddPage(impl_->size);
    for (const Op& op : impl_->pages[p]) {
      switch (op.kind) {
        case Op::Kind::kText:
          impl_->pdf->Text(op.text);
          break;
        case Op::Kind::kRule:
          impl_->pdf->Stroke(op.rule);
          break;
        case Op::Kind::kFill:
          impl_->pdf->FillRect(op.fill.rect, op.fill.grey);
          break;
        case Op::Kind::kFrame:
          impl_->pdf->StrokeRect(op.frame.rect, kFrameWidth);
          break;
        case Op::Kind::kPicture:
          impl_->pdf->DrawGreyImage(op.picture.grey, op.picture.width, op.picture.height,
                                    op.picture.rect);
          break;
      }
    }
    const std::string& header = impl_->headers[p];
    if (!header.empty()) {
      impl_->pdf->Text(
          TextLine{impl_->left() + impl_->width() - impl_->Width(header, 8, FontStyle::kRegular),
                   kMargin - 14, 8, FontStyle::kRegular, header});
    }
    const double baseline = impl_->size.height_pt - kMargin;
    impl_->pdf->Stroke(
        Rule{impl_->left(), baseline - 12, impl_->left() + impl_->width(), baseline - 12, 0.3});
    const int count = impl_->counts[p];
    const std::string number =
        "Trang " + std::to_string(++seen[count]) + "/" + std::to_string(count_pages[count]);
    // The footer keeps clear of the page number: cut to one line when it is too long.
    const double room = impl_->width() - impl_->Width(number, 8, FontStyle::kRegular) - 12;
    impl_->pdf->Text(TextLine{impl_->left(), baseline, 8, FontStyle::kRegular,
                              impl_->OneLine(impl_->footer, room, 8, FontStyle::kRegular)});
    impl_->pdf->Text(
        TextLine{impl_->left() + impl_->width() - impl_->Width(number, 8, FontStyle::kRegular),
                 baseline, 8, FontStyle::kRegular, number});
  }
  return impl_->pdf->Bytes();
}

}  // namespace phieu
