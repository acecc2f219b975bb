// PrintFormBatch: forms rendered in parts on several threads and joined (forms/pdf_concat.h) are
// one valid PDF, the same bytes however many threads render, with every form where it is said to
// start.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "forms/form_batch.h"
#include "tests/support/command_output.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

class PrintBatchTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("phieu-print-batch-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    auto tmpl = BuildFormTemplate(FindBuiltinSurvey("sipas-2022")->yaml_text, "sipas-2022");
    ASSERT_TRUE(tmpl.ok()) << tmpl.status().message();
    tmpl_ = std::move(tmpl).value();
    for (int i = 0; i < 5; ++i) codes_.push_back(NewFormCode());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // The PDF of codes_ printed in parts of `per_part` forms on `threads` threads.
  std::string Print(int threads, int per_part, PrintedBatch* printed = nullptr) {
    std::string pdf;
    PrintOptions options;
    options.threads = threads, options.forms_per_part = per_part;
    int last_done = 0;
    auto batch = PrintFormBatch(
        tmpl_, "test-secret", codes_,
        [&](std::string_view bytes) {
          pdf.append(bytes);
          return Status::Ok();
        },
        [&](int done, int total) {
          EXPECT_EQ(done, last_done + 1);
          EXPECT_EQ(total, 5);
          last_done = done;
        },
        options);
    EXPECT_TRUE(batch.ok()) << batch.status().message();
    EXPECT_EQ(last_done, 5);
    if (batch.ok()) {
      EXPECT_EQ(batch->bytes, pdf.size());
      if (printed != nullptr) *printed = *batch;
    }
    return pdf;
  }

  fs::path dir_;
  FormTemplate tmpl_;
  std::vector<std::string> codes_;
};

TEST_F(PrintBatchTest, TwoThreadsWriteTheSameBytesAsOne) {
  const std::string one = Print(1, 2);
  EXPECT_EQ(Print(2, 2), one);
  EXPECT_EQ(Print(3, 2), one);
}

TEST_F(PrintBatchTest, PartsJoinedAreOneValidPdfWithEachFormWhereItIsSaidToStart) {
  PrintedBatch printed;
  const std::string pdf = Print(2, 2, &printed);  // parts of 2, 2 and 1 forms
  const int per_form = static_cast<int>(tmpl_.layout.pages.size());
  const int sheets = (per_form + 1) / 2 * 2;  // each form starts on a new sheet
  EXPECT_EQ(printed.pages, 5 * sheets);
  ASSERT_EQ(printed.first_pages.size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(printed.first_pages[i], 1 + i * sheets);
  const fs::path file = dir_ / "joined.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  EXPECT_EQ(test_support::CommandOutput("qpdf --check " + file.string() + " >/dev/null 2>&1 && echo ok"), "ok\n");
  const std::string info = test_support::CommandOutput("pdfinfo " + file.string());
  const std::size_t pages = info.find("Pages:");
  ASSERT_NE(pages, std::string::npos) << info;
  EXPECT_EQ(std::stoi(info.substr(pages + 6)), printed.pages) << info;
  for (int i = 0; i < 5; ++i) {
    const std::string page = std::to_string(printed.first_pages[i]);
    EXPECT_NE(
        test_support::CommandOutput("pdftotext -f " + page + " -l " + page + " " + file.string() + " -").find(codes_[i]),
        std::string::npos)
        << "form " << i << " on page " << page;
  }
}

TEST_F(PrintBatchTest, OnePartIsThePdfOfRenderFormBatch) {
  auto batch = RenderFormBatch(tmpl_, "test-secret", codes_);
  ASSERT_TRUE(batch.ok()) << batch.status().message();
  EXPECT_EQ(Print(2, 250), batch->pdf);
}

TEST_F(PrintBatchTest, ASinkFailureStopsThePrintingAndIsReturned) {
  PrintOptions options;
  options.threads = 2, options.forms_per_part = 1;
  int calls = 0;
  auto batch = PrintFormBatch(
      tmpl_, "test-secret", codes_,
      [&](std::string_view) {
        ++calls;
        return Status::Error("out.pdf: cannot write (No space left on device)");
      },
      {}, options);
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().message(), "out.pdf: cannot write (No space left on device)");
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace phieu
