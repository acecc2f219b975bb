#pragma once
// Forms as printed: a survey definition laid out with the fonts it is printed in (the template),
// and a batch of personalised forms rendered into one PDF for a duplex printer.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/layout.h"
#include "core/status.h"
#include "core/survey.h"

namespace phieu {

struct FormTemplate {
  Survey survey;
  Layout layout;
  std::string id;           // core/layout_json.h TemplateId()
  std::string layout_json;  // the public description stored with the template
};

// Parses `definition_yaml` (as stored in the database; `source` names it in messages) and lays it
// out with Noto Sans metrics. Fails naming an item that does not fit.
Result<FormTemplate> BuildFormTemplate(std::string_view definition_yaml, std::string_view source);

struct RenderedBatch {
  std::string pdf;               // the PDF's bytes
  int pages = 0;                 // pages in it, blank backs included
  std::vector<int> first_pages;  // 1-based page where each form starts, in input order
};

// Printed across every page of a trial copy of forms whose survey has draft items.
inline constexpr std::string_view kDraftWatermark = "BẢN THỬ — KHÔNG PHÁT HÀNH";

// Ok when forms of `survey` may be printed: it has no draft item (core/survey.h DraftItems), or
// `draft` (a watermarked trial copy) is asked for. Otherwise fails naming every draft item, e.g.
// "survey 'sipas-2022' has a draft item not ready to print: Q10.8 ...".
Status CheckPrintable(const Survey& survey, bool draft);

struct BatchOptions {
  bool draft = false;  // kDraftWatermark across every page (blank backs included)
};

struct PrintOptions {
  bool draft = false;  // kDraftWatermark across every page (blank backs included)
  int threads = 0;     // 0 = every core
  // Forms per part: each part is one libharu document (one per thread), joined in order
  // (forms/pdf_concat.h). The parts depend on this and the codes only, never on `threads`, so the
  // bytes are the same however many threads render. A batch of one part is that part's PDF as it
  // is. Fonts are embedded once per part.
  int forms_per_part = 250;
};

struct PrintedBatch {
  int pages = 0;                 // pages written, blank backs included
  std::size_t bytes = 0;         // bytes written
  std::vector<int> first_pages;  // 1-based page where each form starts, in input order
};

// RenderFormBatch's forms, rendered in parts on `options.threads` threads and handed to `sink` in
// order as one PDF, so that memory holds a few parts (two per thread at most), however many forms
// there are. `progress(done, total)` is called after each form, from one thread at a time. Fails
// when a part cannot be rendered or the sink fails; the sink may then have had part of the file.
Result<PrintedBatch> PrintFormBatch(const FormTemplate& tmpl, std::string_view secret,
                                    const std::vector<std::string>& codes,
                                    const std::function<Status(std::string_view bytes)>& sink,
                                    const std::function<void(int, int)>& progress = {},
                                    const PrintOptions& options = {});

// Renders one form per code, in order, each starting on a new sheet (odd-page forms get a blank
// back). Every page's QR carries the template id, the code, the page and the tag under `secret`.
// `progress(done, total)` is called after each form. Draft items are not checked here
// (CheckPrintable): the layout and the pages are the same with or without the watermark.
Result<RenderedBatch> RenderFormBatch(const FormTemplate& tmpl, std::string_view secret,
                                      const std::vector<std::string>& codes,
                                      const std::function<void(int, int)>& progress = {},
                                      const BatchOptions& options = {});

}  // namespace phieu
