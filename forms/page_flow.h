#pragma once
// Flowing documents (reports, audit lists, re-reading sheets): headings, wrapped paragraphs, tables
// that break across pages with their header repeated, horizontal bar charts, tick boxes and grey
// images, laid out top to bottom on A4 and drawn with "Trang i/N" in every footer once the page
// count is known. Built on PdfDocument, so text is Noto Sans and the output is deterministic.

#include <memory>
#include <string>
#include <vector>

#include "core/geometry.h"
#include "core/layout.h"
#include "core/status.h"
#include "forms/pdf_document.h"

namespace phieu {

// An empty box in every row of a column, for a person to fill in on paper.
enum class FlowBox {
  kNone,
  kTick,   // a square to tick
  kWrite,  // a frame filling the cell, to write in
};

struct FlowColumn {
  std::string title;
  double width = 1;              // share of the text width (the columns' shares are normalised)
  bool right_aligned = false;    // numbers
  bool one_line = false;         // a longer text is cut to one line ending with "…"
  int max_lines = 0;             // > 0: a longer text is cut to that many lines, ending with "…"
  FlowBox box = FlowBox::kNone;  // in the rows (not the header); the cells' text is then ignored
};

struct FlowBar {
  std::string label;
  double value = 0;
  std::string value_text;  // printed after the bar
};

// One stacked bar: the shares of its parts, left to right (e.g. the five levels of a scale).
struct FlowStack {
  std::string label;           // wrapped in the label column
  std::vector<double> shares;  // each in [0, 1], summing to at most 1
  std::string value_text;      // printed after the bar
  bool highlighted = false;    // label in bold and the bar framed (the weakest, the strongest)
};

// One line of a block of centred lines (a document's official heading, a title).
struct FlowLine {
  std::string text;
  double size_pt = 12;
  FontStyle style = FontStyle::kRegular;
  // A rule under the line, centred under it: 0 = none, 1 = as long as the line, 0.4 = 40 % of it.
  double underline = 0;
  // Set smaller, down to 75 % of size_pt, rather than wrapped, when that keeps it on one line
  // (a place-and-date line); wrapped as usual when even that is too wide.
  bool shrink_to_fit = false;
};

class PageFlow {
 public:
  // `footer` is printed at the bottom left of every page, beside "Trang i/N".
  static Result<std::unique_ptr<PageFlow>> Create(std::string footer, PageSize size = kA4);
  ~PageFlow();

  void NewPage();
  // Pages started after this call are numbered on their own, "Trang 1/N" to "Trang N/N" where N
  // counts them up to the next call: one count per form's sheet or per collector's list, so a
  // part separated from the file still says whether it is whole. Without a call, one count runs
  // over the whole file.
  void RestartPageNumbers();
  // `text` at the top right of every page started after this call, until the next call ("" =
  // none): what identifies a page that gets separated from the others (a form, a table's part).
  void PageHeader(const std::string& text);
  // Text at a place of its own (a cover): centred on the page at `y` (points from the top).
  void Centred(const std::string& text, double y, double size_pt, FontStyle style);
  // Blocks of lines side by side from the flow's position, kept on one page: block i takes the
  // share shares[i] of the text width (the shares are normalised) and each of its lines is centred
  // in it, wrapped when longer. The flow continues below the tallest block. One block of share 1
  // is a centred paragraph. Fewer shares than blocks is a bug.
  void CentredBlocks(const std::vector<std::vector<FlowLine>>& blocks,
                     const std::vector<double>& shares);
  void Heading(const std::string& text, double size_pt = 13);
  void Paragraph(const std::string& text, double size_pt = 9.5,
                 FontStyle style = FontStyle::kRegular);
  void Space(double pt);
  // A table; rows whose first cell starts with "\t" are drawn bold (totals), without boxes. Body rows are at
  // least `min_row_pt` high (room to write or sign in).
  void Table(const std::vector<FlowColumn>& columns,
             const std::vector<std::vector<std::string>>& rows, double size_pt = 8.5,
             double min_row_pt = 0);
  // Horizontal bars from 0 to `max`, one per entry, under an axis marked at 0, a quarter ... `max`
  // with `unit` after each value ("50 %"), drawn again at the top of every page they run on.
  void Bars(const std::vector<FlowBar>& bars, double max, const std::string& unit = "");
  // Stacked horizontal bars from 0 to 100 %, one per entry, under a legend of the parts (`legend`
  // names part i; parts are shaded from light, the first, to dark, the last) and an axis marked
  // 0, 25, 50, 75, 100 %, both drawn again at the top of every page the bars run on.
  void StackedBars(const std::vector<FlowStack>& bars, const std::vector<std::string>& legend);
  // Signature blocks side by side, one per role (e.g. "Đại diện Ủy ban MTTQ"): the role in bold,
  // then lines for the name, the signature and the date; kept together on one page.
  void SignatureBlocks(const std::vector<std::string>& roles, double size_pt = 9.5);
  // Empty squares to tick, each followed by its label, side by side, wrapping to further lines.
  void CheckBoxes(const std::vector<std::string>& labels, double size_pt = 9.5);
  // An 8-bit grey image (`grey`: `width` x `height` pixels, row-major) in a thin frame at the
  // left, `width_pt` wide (at most the text width) keeping its aspect ratio, shrunk to fit one
  // page if it is taller; kept on one page. Nothing is drawn when `grey` is empty; fewer pixels
  // than width x height is a bug.
  void Image(const std::vector<unsigned char>& grey, int width, int height, double width_pt);
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
