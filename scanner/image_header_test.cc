// The declared page sizes of PNG, JPEG and TIFF files, read from their headers: files written by
// OpenCV (a real encoder) and headers crafted byte by byte (big-endian, BigTIFF, a loop, a lie).

#include "scanner/image_header.h"

#include <gtest/gtest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>

#include "tests/synthetic/png_header.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

std::string Encoded(const std::string& ext, int width, int height) {
  std::vector<std::uint8_t> bytes;
  EXPECT_TRUE(cv::imencode(ext, cv::Mat(height, width, CV_8UC1, cv::Scalar(200)), bytes));
  return std::string(bytes.begin(), bytes.end());
}

// A big-endian classic TIFF whose IFDs are at 8, 8 + 30, ...; each has ImageWidth (SHORT) and
// ImageLength (LONG). The last IFD's next offset is `last_next`.
std::string BigEndianTiff(const std::vector<PixelSize>& pages, std::uint32_t last_next = 0) {
  std::string t = std::string("MM\0*", 4) + BigEndian32(8);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    t += std::string("\x00\x02", 2);
    t += std::string("\x01\x00\x00\x03\x00\x00\x00\x01", 8) +
         std::string{static_cast<char>(pages[i].width >> 8), static_cast<char>(pages[i].width)} +
         std::string(2, '\0');
    t += std::string("\x01\x01\x00\x04\x00\x00\x00\x01", 8) +
         BigEndian32(static_cast<std::uint32_t>(pages[i].height));
    t += BigEndian32(i + 1 < pages.size() ? static_cast<std::uint32_t>(8 + 30 * (i + 1)) : last_next);
  }
  return t;
}

void ExpectPages(const Result<DeclaredPages>& declared, const std::vector<PixelSize>& pages,
                 bool more = false) {
  ASSERT_TRUE(declared.ok()) << declared.status().message();
  ASSERT_EQ(declared->pages.size(), pages.size());
  for (std::size_t i = 0; i < pages.size(); ++i) {
    EXPECT_EQ(declared->pages[i].width, pages[i].width) << "page " << i;
    EXPECT_EQ(declared->pages[i].height, pages[i].height) << "page " << i;
  }
  EXPECT_EQ(declared->more, more);
}

void ExpectFailure(const Result<DeclaredPages>& declared, const std::string& message) {
  ASSERT_FALSE(declared.ok());
  EXPECT_EQ(declared.status().message(), message);
}

TEST(ImageHeaderTest, PngAndJpegWrittenByOpenCvDeclareTheirSize) {
  ExpectPages(ReadDeclaredPages(Encoded(".png", 321, 123), 10), {{321, 123}});
  ExpectPages(ReadDeclaredPages(Encoded(".jpg", 640, 480), 10), {{640, 480}});
}

TEST(ImageHeaderTest, AJpegCutShortIsNotWholeAndOneWithDataAfterItsEndIs) {
  const std::string jpeg = Encoded(".jpg", 640, 480);
  EXPECT_TRUE(ReadDeclaredPages(jpeg, 10)->whole);
  // Cut anywhere in its image data: the size is still declared, but the end marker is gone.
  for (const std::size_t keep : {jpeg.size() - 2, jpeg.size() * 2 / 3, jpeg.size() / 3}) {
    const auto cut = ReadDeclaredPages(jpeg.substr(0, keep), 10);
    ASSERT_TRUE(cut.ok()) << keep;
    EXPECT_FALSE(cut->whole) << keep;
  }
  // A camera's trailer after the end marker.
  EXPECT_TRUE(ReadDeclaredPages(jpeg + std::string(100, '\0') + "trailer", 10)->whole);
  EXPECT_TRUE(ReadDeclaredPages(Encoded(".png", 321, 123), 10)->whole);
}

TEST(ImageHeaderTest, APngHeaderDeclaring32000By32000IsReadWithoutItsPixels) {
  const std::string header = PngHeader(32000, 32000);
  ExpectPages(ReadDeclaredPages(header, 10), {{32000, 32000}});
  EXPECT_EQ(ReadDeclaredPages(header, 10)->pages[0].pixels(), 1024000000);
}

TEST(ImageHeaderTest, EveryPageOfAMultiPageTiffFromOpenCvIsDeclared) {
  const fs::path file = fs::temp_directory_path() / ("phieu-header-" + std::to_string(getpid()) + ".tif");
  std::vector<cv::Mat> pages{cv::Mat(100, 80, CV_8UC1, cv::Scalar(1)),
                             cv::Mat(50, 60, CV_8UC3, cv::Scalar(2, 3, 4)),
                             cv::Mat(7, 9, CV_16UC1, cv::Scalar(5))};
  ASSERT_TRUE(cv::imwritemulti(file.string(), pages));
  ExpectPages(ReadDeclaredPagesOfFile(file.string(), 10), {{80, 100}, {60, 50}, {9, 7}});
  ExpectPages(ReadDeclaredPagesOfFile(file.string(), 2), {{80, 100}, {60, 50}}, true);
  fs::remove(file);
}

TEST(ImageHeaderTest, ABigEndianTiffIsRead) {
  ExpectPages(ReadDeclaredPages(BigEndianTiff({{2480, 3508}, {7016, 9921}}), 10),
              {{2480, 3508}, {7016, 9921}});
}

TEST(ImageHeaderTest, HeadersThatLieOrAreCutShortFailWithTheirReason) {
  ExpectFailure(ReadDeclaredPages(BigEndianTiff({{10, 10}, {20, 20}}, 8), 10),
                "the TIFF's directories form a loop");
  ExpectFailure(ReadDeclaredPages(BigEndianTiff({{10, 10}}, 1000), 10),
                "the image header is cut short");
  ExpectFailure(ReadDeclaredPages(BigEndianTiff({{0, 10}}), 10),
                "page 1 of the TIFF declares no size");
  ExpectFailure(ReadDeclaredPages(PngHeader(10, 10).substr(0, 20), 10),
                "the image header is cut short");
  ExpectFailure(ReadDeclaredPages("Ghi chú: lô này thiếu 2 phiếu.\n", 10),
                "not a PNG, JPEG or TIFF image");
  ExpectFailure(ReadDeclaredPages("", 10), "not a PNG, JPEG or TIFF image");
  ExpectFailure(ReadDeclaredPages(std::string("\xFF\xD8\xFF\xDA\x00\x02", 6), 10),
                "the JPEG has no frame header before its image data");
  ExpectFailure(ReadDeclaredPagesOfFile("/nonexistent/x.png", 10),
                "/nonexistent/x.png: cannot be opened");
}

}  // namespace
}  // namespace phieu
