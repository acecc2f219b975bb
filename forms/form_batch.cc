#include "forms/form_batch.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "core/layout_json.h"
#include "core/qr_payload.h"
#include "core/survey_yaml.h"
#include "forms/form_renderer.h"
#include "forms/pdf_concat.h"
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

Result<PrintedBatch> PrintFormBatch(const FormTemplate& tmpl, std::string_view secret,
                                    const std::vector<std::string>& codes,
                                    const std::function<Status(std::string_view bytes)>& sink,
                                    const std::function<void(int, int)>& progress,
                                    const PrintOptions& options) {
  if (options.forms_per_part < 1) throw std::logic_error("PrintOptions: forms_per_part < 1");
  const int total = static_cast<int>(codes.size());
  const int per_part = options.forms_per_part;
  const int parts = std::max(1, (total + per_part - 1) / per_part);
  const int threads = std::clamp(
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency()),
      1, parts);
  // A worker takes the next part unless it is `window` parts ahead of the writer: memory holds
  // at most that many finished parts waiting to be written.
  const int window = 2 * threads;

  std::mutex mutex;
  std::condition_variable changed;
  std::map<int, Result<RenderedBatch>> finished;  // rendered, not yet written
  int next_part = 0, written_parts = 0, done_forms = 0;
  bool stop = false;

  const auto worker = [&] {
    while (true) {
      int part = 0;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(
            lock, [&] { return stop || next_part >= parts || next_part < written_parts + window; });
        if (stop || next_part >= parts) return;
        part = next_part++;
      }
      const auto first = codes.begin() + std::min(total, part * per_part);
      const auto last = codes.begin() + std::min(total, (part + 1) * per_part);
      Result<RenderedBatch> batch = RenderFormBatch(
          tmpl, secret, std::vector<std::string>(first, last),
          [&](int, int) {
            std::lock_guard<std::mutex> lock(mutex);
            ++done_forms;
            if (progress) progress(done_forms, total);
          },
          BatchOptions{options.draft});
      {
        std::lock_guard<std::mutex> lock(mutex);
        finished.emplace(part, std::move(batch));
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);

  // This thread writes the parts in order as they are finished.
  PrintedBatch printed;
  PdfConcatenation joined([&](std::string_view bytes) { return sink(bytes); });
  Status status = Status::Ok();
  for (int part = 0; part < parts && status.ok(); ++part) {
    std::optional<Result<RenderedBatch>> batch;
    {
      std::unique_lock<std::mutex> lock(mutex);
      changed.wait(lock, [&] { return finished.count(part) > 0; });
      batch.emplace(std::move(finished.at(part)));
      finished.erase(part);
    }
    if (!batch->ok()) {
      status = batch->status();
    } else {
      for (int page : (*batch)->first_pages) printed.first_pages.push_back(printed.pages + page);
      printed.pages += (*batch)->pages;
      if (parts == 1) printed.bytes = (*batch)->pdf.size();
      status = parts == 1 ? sink((*batch)->pdf) : joined.Add((*batch)->pdf, (*batch)->pages);
    }
    {
      std::lock_guard<std::mutex> lock(mutex);
      written_parts = part + 1;
      stop = !status.ok();
    }
    changed.notify_all();
  }
  for (std::thread& t : pool) t.join();
  if (!status.ok()) return status;
  if (parts > 1) {
    PHIEU_RETURN_IF_ERROR(joined.Finish());
    printed.bytes = joined.bytes();
  }
  return printed;
}

}  // namespace phieu
