// The QR code is read where it lies: from the corner it is printed in, however the sheet was
// turned, and from the whole image when it is in no corner (a sheet small in a large photo).

#include "scanner/qr_reader.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>

#include "core/builtin_surveys.h"
#include "core/form_code.h"
#include "core/qr_payload.h"
#include "forms/form_batch.h"
#include "scanner/cv_image.h"
#include "scanner/image_source.h"

namespace phieu {
namespace {

using scanner_internal::AsMat;
using scanner_internal::FromMat;

class QrReaderTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto tmpl = BuildFormTemplate(FindBuiltinSurvey("sipas-2022")->yaml_text, "sipas-2022");
    ASSERT_TRUE(tmpl.ok()) << tmpl.status().message();
    code_ = new std::string(NewFormCode());
    auto batch = RenderFormBatch(*tmpl, "qr-reader-test", {*code_});
    ASSERT_TRUE(batch.ok());
    auto pages = RenderPdfBytes(batch->pdf, 200);
    ASSERT_TRUE(pages.ok());
    page_ = new GreyImage((*pages)[1].image);
  }
  static void TearDownTestSuite() {
    delete code_;
    delete page_;
  }

  // The form code in a reading's text, or "" when it is not a phieu payload.
  static std::string CodeOf(const std::optional<QrReading>& qr) {
    if (!qr) return "";
    const auto payload = ParseQrPayload(qr->text);
    return payload ? payload->form_code : "";
  }

  static inline std::string* code_ = nullptr;
  static inline GreyImage* page_ = nullptr;
};

TEST_F(QrReaderTest, TheCodeIsReadHoweverTheSheetWasTurned) {
  for (int turn : {-1, int{cv::ROTATE_90_CLOCKWISE}, int{cv::ROTATE_180},
                   int{cv::ROTATE_90_COUNTERCLOCKWISE}}) {
    cv::Mat turned = AsMat(*page_).clone();
    if (turn >= 0) cv::rotate(AsMat(*page_), turned, turn);
    const std::optional<QrReading> qr = ReadQr(FromMat(turned));
    EXPECT_EQ(CodeOf(qr), *code_) << "turn " << turn;
  }
}

TEST_F(QrReaderTest, ACodeInNoCornerIsFoundOnTheWholeImageWhereItIs) {
  const std::optional<QrReading> flat = ReadQr(*page_);
  ASSERT_EQ(CodeOf(flat), *code_);
  // The sheet small in the middle of a photo twice its size: its code is in no corner.
  cv::Mat photo(page_->height * 2, page_->width * 2, CV_8U, cv::Scalar(120));
  const int dx = page_->width / 2, dy = page_->height / 2;
  AsMat(*page_).copyTo(photo(cv::Rect(dx, dy, page_->width, page_->height)));
  const std::optional<QrReading> found = ReadQr(FromMat(photo));
  ASSERT_EQ(CodeOf(found), *code_);
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(found->corners[i].x, flat->corners[i].x + dx, 3) << "corner " << i;
    EXPECT_NEAR(found->corners[i].y, flat->corners[i].y + dy, 3) << "corner " << i;
  }
}

}  // namespace
}  // namespace phieu
