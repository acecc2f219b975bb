#pragma once
// Reads one scanned page: identify (QR code, or the printed code when the QR is damaged),
// orient and register (corner marks), measure every bubble and free-text box. A pure function of
// the image and the templates: it never opens the database; the caller supplies lookups.
// Pages that cannot be identified or registered come back with their reason and no scores:
// they are never read.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/layout.h"
#include "core/page_states.h"
#include "scanner/bubble_measure.h"
#include "scanner/bubble_surroundings.h"
#include "scanner/code_ocr.h"
#include "scanner/fold_lines.h"
#include "scanner/grey_image.h"
#include "scanner/page_transform.h"
#include "scanner/registration.h"

namespace phieu {

struct PageReading {
  PageOutcome outcome = PageOutcome::kNotAForm;
  std::string reason;  // for every outcome but kRead: what an operator can act on
  PageIdentification identified_by = PageIdentification::kNone;
  std::string qr_text;        // the QR's text as read ("" when none)
  std::string template_id, form_code;
  int page = 0;               // 1-based page of the template
  bool tag_valid = false;     // the QR's integrity tag checked out (always false by OCR)
  int quarter_turns = 0;      // how the sheet lay: 0 upright, 2 upside down ...
  int marks_found = 0;
  double residual_px = 0;
  Registration registration;  // when registered: the transform and the page's levels
  std::vector<FoldLine> folds;  // folds or creases found across the page, their shadow lifted
                                // before the bubbles were measured (scanner/fold_lines.h)
  std::vector<BubbleScore> bubbles;
  std::vector<TextBoxInk> text_boxes;
};

struct PageReaderOptions {
  std::string secret;  // the database's form secret, to check QR tags
  RegistrationOptions registration;
  // false: a QR's tag is not checked (tag_valid stays false). Only for re-reading pages whose tags
  // were checked when they were stored, where the secret is withheld (`phieu audit check`).
  bool check_tag = true;
};

// The layout of a template, or nullptr when the database has no such template.
using TemplateLookup = std::function<const Layout*(const std::string& template_id)>;
// The template a form code was issued with, or nullopt when the code was never issued.
using FormCodeLookup = std::function<std::optional<std::string>(const std::string& form_code)>;

// One per thread: it owns a Tesseract instance for damaged QR codes.
class PageReader {
 public:
  PageReader(TemplateLookup templates, FormCodeLookup codes, PageReaderOptions options);
  PageReading Read(const GreyImage& image);

 private:
  std::optional<PageReading> IdentifyByQr(const GreyImage& image, PageTransform& coarse,
                                          const Layout*& layout, std::optional<QrReading>& qr);
  std::optional<PageReading> IdentifyByPrintedCode(const GreyImage& image,
                                                   const PageGreyLevels& levels,
                                                   PageTransform& coarse, const Layout*& layout);

  // Each template page's surroundings, by template id and page: worked out on its first page.
  const PageSurroundings& Surroundings(const std::string& template_id, int page, const LayoutPage& layout);

  TemplateLookup templates_;
  FormCodeLookup codes_;
  PageReaderOptions options_;
  CodeOcr ocr_;
  std::map<std::pair<std::string, int>, PageSurroundings> surroundings_;
};

}  // namespace phieu
