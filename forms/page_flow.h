#pragma once
// Flowing documents (reports, audit lists): headings, wrapped paragraphs, tables that break across
// pages with their header repeated, and horizontal bar charts, laid out top to bottom on A4 and
// drawn with "Trang i/N" in every footer once the page count is known. Built on PdfDocument, so
// text is Noto Sans and the output is deterministic.

#include <memory>
#include <string>
#include <vector>

#include "core/geometry.h"
#include "core/layout.h"
#include "core/status.h"
#include "forms/pdf_document.h"

namespace phieu {

struct FlowColumn {
  std::string title;
  double width = 1;            // share of the text width (the columns' shares are normalised)
  bool right_aligned = false;  // numbers
};

struct FlowBar {
  std::string label;
  double value = 0;
  std::string value_text;  // printed after the bar
};

class PageFlow {
 public:
  // `footer` is printed at the bottom left of every page, beside "Trang i/N".
  static Result<std::unique_ptr<PageFlow>> Create(std::string footer, PageSize size = kA4);
  ~PageFlow();

  void NewPage();
  // Text at a place of its own (a cover): centred on the page at `y` (points from the top).
  void Centred(const std::string& text, double y, double size_pt, FontStyle style);
  void Heading(const std::string& text, double size_pt = 13);
  void Paragraph(const std::string& text, double size_pt = 9.5,
                 FontStyle style = FontStyle::kRegular);
  void Space(double pt);
  // A table; rows whose first cell starts with "\t" are drawn bold (totals).
  void Table(const std::vector<FlowColumn>& columns,
             const std::vector<std::vector<std::string>>& rows, double size_pt = 8.5);
  // Horizontal bars from 0 to `max`, one per entry.
  void Bars(const std::vector<FlowBar>& bars, double max);
  // Starts a new page unless `height` points still fit on this one.
  void KeepTogether(double height);

  double text_width() const;
  int pages() const;
  // Draws every page with its footer; the PDF's bytes.
  Result<std::string> Finish();

 private:
  struct Impl;
  explicit PageFlow(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace phieu
