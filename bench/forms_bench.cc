// Forms per second: renders N personalised sipas-2022 forms (default 1,000) into one PDF, as
// `phieu forms print` does, and reports the rate. Run: build/bench/forms_bench [N]
// The figure goes in the README; nothing here asserts a time.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "forms/form_batch.h"

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 1000;
  const auto* builtin = phieu::FindBuiltinSurvey("sipas-2022");
  const auto start = std::chrono::steady_clock::now();
  auto tmpl = phieu::BuildFormTemplate(builtin->yaml_text, "sipas-2022");
  if (!tmpl.ok()) {
    std::fprintf(stderr, "forms_bench: %s\n", tmpl.status().message().c_str());
    return 1;
  }
  const auto laid_out = std::chrono::steady_clock::now();
  std::vector<std::string> codes;
  for (int i = 0; i < count; ++i) codes.push_back(phieu::NewFormCode());
  auto batch = phieu::RenderFormBatch(*tmpl, "bench-secret", codes);
  if (!batch.ok()) {
    std::fprintf(stderr, "forms_bench: %s\n", batch.status().message().c_str());
    return 1;
  }
  const auto done = std::chrono::steady_clock::now();
  const double layout_s = std::chrono::duration<double>(laid_out - start).count();
  const double render_s = std::chrono::duration<double>(done - laid_out).count();
  std::printf("template: %zu pages per form, laid out in %.3f s\n", tmpl->layout.pages.size(),
              layout_s);
  std::printf("rendered %d forms (%d pages, %.1f MB) in %.2f s: %.0f forms/s, %.0f pages/s\n",
              count, batch->pages, batch->pdf.size() / 1e6, render_s, count / render_s,
              batch->pages / render_s);
  return 0;
}
