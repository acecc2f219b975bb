#include "forms/page_flow.h"

#include <algorithm>

namespace phieu {
namespace {

constexpr double kMargin = 20 * kMillimetre;
constexpr double kFooter = 12 * kMillimetre;

struct Fill {
  Rect rect;
  double grey;
};

// One drawing operation, kept until the page count is known.
struct Op {
  enum class Kind { kText, kRule, kFill } kind;
  TextLine text;
  Rule rule;
  Fill fill;
  Op(TextLine t) : kind(Kind::kText), text(std::move(t)) {}  // NOLINT: implicit on purpose
  Op(Rule r) : kind(Kind::kRule), rule(r) {}                   // NOLINT
  Op(Fill f) : kind(Kind::kFill), fill(f) {}                   // NOLINT
};

}  // namespace

struct PageFlow::Impl {
  std::unique_ptr<PdfDocument> pdf;
  std::string footer;
  PageSize size;
  std::vector<std::vector<Op>> pages;
  double y = 0;

  double left() const { return kMargin; }
  double width() const { return size.width_pt - 2 * kMargin; }
  double bottom() const { return size.height_pt - kMargin - kFooter; }

  void Page() {
    pages.emplace_back();
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

void PageFlow::Centred(const std::string& text, double y, double size_pt, FontStyle style) {
  if (impl_->pages.empty()) impl_->Page();
  for (const std::string& line : WrapText(text, impl_->width(), style, size_pt, *impl_->pdf)) {
    const double w = impl_->Width(line, size_pt, style);
    impl_->Text((impl_->size.width_pt - w) / 2, y, line, size_pt, style);
    y += size_pt * 1.35;
  }
  impl_->y = std::max(impl_->y, y);
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

void PageFlow::Table(const std::vector<FlowColumn>& columns,
                     const std::vector<std::vector<std::string>>& rows, double size_pt) {
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
  auto wrap = [&](const std::vector<std::string>& cells, FontStyle style) {
    std::vector<std::vector<std::string>> wrapped;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      std::string text = c < cells.size() ? cells[c] : "";
      if (!text.empty() && text.front() == '\t') text.erase(0, 1);
      wrapped.push_back(WrapText(text, widths[c] - 2 * pad, style, size_pt, *impl_->pdf));
    }
    return wrapped;
  };
  auto draw = [&](const std::vector<std::vector<std::string>>& wrapped, FontStyle style,
                  double shade) {
    std::size_t lines = 1;
    for (const auto& w : wrapped) lines = std::max(lines, w.size());
    const double height = lines * line + 2 * pad;
    const double top = impl_->y;
    if (shade < 1) impl_->pages.back().push_back(Fill{{impl_->left(), top, impl_->width(), height}, shade});
    for (std::size_t c = 0; c < columns.size(); ++c) {
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
  const double header_height = header_lines * line + 2 * pad;
  impl_->Need(header_height + 2 * line + 2 * pad);
  draw(header, FontStyle::kBold, 0.88);
  for (const auto& row : rows) {
    const FontStyle style = !row.empty() && !row[0].empty() && row[0].front() == '\t'
                                ? FontStyle::kBold
                                : FontStyle::kRegular;
    const auto cells = wrap(row, style);
    std::size_t lines = 1;
    for (const auto& w : cells) lines = std::max(lines, w.size());
    if (impl_->y + lines * line + 2 * pad > impl_->bottom()) {
      impl_->Page();
      draw(header, FontStyle::kBold, 0.88);  // the header again on every page the table runs on
    }
    draw(cells, style, 1);
  }
  impl_->y += 8;
}

void PageFlow::Bars(const std::vector<FlowBar>& bars, double max) {
  const double size_pt = 8.5, row = 16, label_w = impl_->width() * 0.42;
  const double bar_left = impl_->left() + label_w + 6, bar_w = impl_->width() - label_w - 50;
  for (const FlowBar& b : bars) {
    const auto label = WrapText(b.label, label_w, FontStyle::kRegular, size_pt, *impl_->pdf);
    const double height = std::max(row, label.size() * size_pt * 1.3 + 4);
    impl_->Need(height);
    const double top = impl_->y;
    for (std::size_t l = 0; l < label.size(); ++l) {
      impl_->Text(impl_->left(), top + (l + 1) * size_pt * 1.3, label[l], size_pt, FontStyle::kRegular);
    }
    const double length = max > 0 ? bar_w * std::clamp(b.value / max, 0.0, 1.0) : 0;
    impl_->pages.back().push_back(Fill{{bar_left, top + 3, bar_w, 9}, 0.93});
    impl_->pages.back().push_back(Fill{{bar_left, top + 3, length, 9}, 0.35});
    impl_->Text(bar_left + bar_w + 4, top + 10.5, b.value_text, size_pt, FontStyle::kBold);
    impl_->y += height;
  }
  impl_->y += 6;
}

double PageFlow::text_width() const { return impl_->width(); }
int PageFlow::pages() const { return static_cast<int>(impl_->pages.size()); }

Result<std::string> PageFlow::Finish() {
  const int total = pages();
  for (int p = 0; p < total; ++p) {
    impl_->pdf->AddPage(impl_->size);
    for (const Op& op : impl_->pages[p]) {
      switch (op.kind) {
        case Op::Kind::kText: impl_->pdf->Text(op.text); break;
        case Op::Kind::kRule: impl_->pdf->Stroke(op.rule); break;
        case Op::Kind::kFill: impl_->pdf->FillRect(op.fill.rect, op.fill.grey); break;
      }
    }
    const double baseline = impl_->size.height_pt - kMargin;
    impl_->pdf->Stroke(Rule{impl_->left(), baseline - 12, impl_->left() + impl_->width(), baseline - 12, 0.3});
    impl_->pdf->Text(TextLine{impl_->left(), baseline, 8, FontStyle::kRegular, impl_->footer});
    const std::string number = "Trang " + std::to_string(p + 1) + "/" + std::to_string(total);
    impl_->pdf->Text(TextLine{impl_->left() + impl_->width() -
                                  impl_->Width(number, 8, FontStyle::kRegular),
                              baseline, 8, FontStyle::kRegular, number});
  }
  return impl_->pdf->Bytes();
}

}  // namespace phieu
