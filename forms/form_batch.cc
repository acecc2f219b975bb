#include "forms/form_batch.h"

#include "core/layout_json.h"
#include "core/qr_payload.h"
#include "core/survey_yaml.h"
#include "forms/form_renderer.h"
#include "forms/pdf_document.h"

namespace phieu {

Result<FormTemplate> BuildFormTemplate(std::string_view definition_yaml, std::string_view source) {
  Result<Survey> survey = ParseSurveyYaml(definition_yaml, source);
  if (!survey.ok()) return survey.status();
  Result<std::unique_ptr<PdfDocument>> metrics = PdfDocument::Create();
  if (!metrics.ok()) return metrics.status();
  Result<Layout> layout = LayoutSurvey(*survey, **metrics);
  if (!layout.ok()) return layout.status().WithContext(std::string(source));
  FormTemplate tmpl{std::move(survey).value(), std::move(layout).value(), "", ""};
  tmpl.id = TemplateId(tmpl.survey.content_hash, tmpl.layout);
  tmpl.layout_json = LayoutToJson(tmpl.layout, tmpl.id);
  return tmpl;
}

Status CheckPrintable(const Survey& survey, bool draft) {
  const std::vector<std::string> items = DraftItems(survey);
  if (items.empty() || draft) return Status::Ok();
  std::string list;
  for (const std::string& code : items) list += (list.empty() ? "" : ", ") + code;
  return Status::Error("survey '" + survey.name + "' has " +
                       (items.size() == 1 ? "a draft item" : "draft items") +
                       " not ready to print: " + list +
                       " (marked 'draft: true': a placeholder or wording not final); put the "
                       "final wording in the survey, or print a trial copy with --draft (every "
                       "page marked \"" +
                       std::string(kDraftWatermark) + "\")");
}

Result<RenderedBatch> RenderFormBatch(const FormTemplate& tmpl, std::string_view secret,
                                      const std::vector<std::string>& codes,
                                      const std::function<void(int, int)>& progress,
                                      const BatchOptions& options) {
  Result<std::unique_ptr<PdfDocument>> pdf = PdfDocument::Create();
  if (!pdf.ok()) return pdf.status();
  RenderedBatch batch;
  const int total = static_cast<int>(codes.size());
  for (int i = 0; i < total; ++i) {
    batch.first_pages.push_back((*pdf)->page_count() + 1);
    FormIdentity form{codes[i], {}};
    for (const LayoutPage& page : tmpl.layout.pages) {
      form.qr_payloads.push_back(EncodeQrPayload(secret, tmpl.id, codes[i], page.number));
    }
    PHIEU_RETURN_IF_ERROR(RenderForm(**pdf, tmpl.layout, form, /*whole_sheets=*/true,
                                     options.draft ? kDraftWatermark : std::string_view()));
    if (progress) progress(i + 1, total);
  }
  batch.pages = (*pdf)->page_count();
  Result<std::string> bytes = (*pdf)->Bytes();
  if (!bytes.ok()) return bytes.status();
  batch.pdf = std::move(bytes).value();
  return batch;
}

}  // namespace phieu
