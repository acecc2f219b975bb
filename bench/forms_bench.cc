// Forms per second: renders N personalised sipas-2022 forms (default 1,000) as `phieu forms
// print` does, three ways: one libharu document on one thread (RenderFormBatch, the printing
// before issue 18), then PrintFormBatch (parts of 250 forms joined into one PDF) on one thread and
// on THREADS threads (default: every core), checking that both give the same bytes.
//   build/bench/forms_bench [N] [THREADS]
// The figure goes in the README; nothing here asserts a time.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "core/builtin_surveys.h"
#include "core/crypto.h"
#include "core/form_code.h"
#include "forms/form_batch.h"

namespace {

double Since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int count = argc > 1 ? std::atoi(argv[1]) : 1000;
  const int threads =
      argc > 2 ? std::atoi(argv[2]) : static_cast<int>(std::thread::hardware_concurrency());
  const auto* builtin = phieu::FindBuiltinSurvey("sipas-2022");
  auto start = std::chrono::steady_clock::now();
  auto tmpl = phieu::BuildFormTemplate(builtin->yaml_text, "sipas-2022");
  if (!tmpl.ok()) {
    std::fprintf(stderr, "forms_bench: %s\n", tmpl.status().message().c_str());
    return 1;
  }
  std::printf("template: %zu pages per form, laid out in %.3f s\n", tmpl->layout.pages.size(),
              Since(start));
  std::vector<std::string> codes;
  for (int i = 0; i < count; ++i) codes.push_back(phieu::NewFormCode());

  start = std::chrono::steady_clock::now();
  auto batch = phieu::RenderFormBatch(*tmpl, "bench-secret", codes);
  if (!batch.ok()) {
    std::fprintf(stderr, "forms_bench: %s\n", batch.status().message().c_str());
    return 1;
  }
  double seconds = Since(start);
  std::printf("one document, one thread: %d forms (%d pages, %.1f MB) in %.2f s: %.0f forms/s\n",
              count, batch->pages, batch->pdf.size() / 1e6, seconds, count / seconds);
  batch->pdf.clear();
  batch->pdf.shrink_to_fit();

  std::string first_hash;
  for (int t : {1, threads}) {
    phieu::Sha256Stream hash;
    phieu::PrintOptions options;
    options.threads = t;
    start = std::chrono::steady_clock::now();
    auto printed = phieu::PrintFormBatch(
        *tmpl, "bench-secret", codes,
        [&](std::string_view bytes) {
          hash.Update(bytes);
          return phieu::Status::Ok();
        },
        {}, options);
    if (!printed.ok()) {
      std::fprintf(stderr, "forms_bench: %s\n", printed.status().message().c_str());
      return 1;
    }
    seconds = Since(start);
    const std::string sha = hash.FinishHex();
    if (first_hash.empty()) first_hash = sha;
    std::printf("parts of %d, %d thread(s): %d pages, %.1f MB in %.2f s: %.0f forms/s%s\n",
                options.forms_per_part, t, printed->pages, printed->bytes / 1e6, seconds,
                count / seconds, sha == first_hash ? "" : "  BYTES DIFFER FROM ONE THREAD");
  }
  return 0;
}
