// ScanPages: a scan file opened, counted and checked against the limits from its headers, then
// decoded one page at a time. TIFFs are written by OpenCV, PDFs by hand (a page's size and colour
// are then known exactly), over-sized images are headers crafted byte by byte.

#include "scanner/image_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "tests/synthetic/png_header.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;

class ScanPagesTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("phieu-pages-" + std::to_string(getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  void WriteBytes(const std::string& name, const std::string& bytes) const {
    std::ofstream(dir_ / name, std::ios::binary) << bytes;
  }

  // A PDF of pages of the given sizes in points, page i filled with grey level `grey[i]` (0-1).
  void WritePdf(const std::string& name, const std::vector<std::pair<int, int>>& sizes_pt,
                const std::vector<double>& grey) const {
    std::vector<std::string> objects;
    std::string kids;
    const int n = static_cast<int>(sizes_pt.size());
    for (int i = 0; i < n; ++i) kids += std::to_string(3 + 2 * i) + " 0 R ";
    objects.push_back("<< /Type /Catalog /Pages 2 0 R >>");
    objects.push_back("<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(n) + " >>");
    for (int i = 0; i < n; ++i) {
      const auto [w, h] = sizes_pt[i];
      std::ostringstream content;
      content << grey[i] << " g 0 0 " << w << " " << h << " re f";
      objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + std::to_string(w) + " " +
                        std::to_string(h) + "] /Contents " + std::to_string(4 + 2 * i) +
                        " 0 R >>");
      objects.push_back("<< /Length " + std::to_string(content.str().size()) + " >>\nstream\n" +
                        content.str() + "\nendstream");
    }
    std::string pdf = "%PDF-1.4\n";
    std::vector<std::size_t> offsets;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      offsets.push_back(pdf.size());
      pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const std::size_t xref = pdf.size();
    pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (std::size_t offset : offsets) {
      char line[21];
      std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
      pdf += line;
    }
    pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
           " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
    WriteBytes(name, pdf);
  }

  fs::path dir_;
};

std::string ErrorOf(const Result<std::unique_ptr<ScanPages>>& opened) {
  return opened.ok() ? "(opened)" : opened.status().message();
}

TEST_F(ScanPagesTest, AMultiPageTiffIsCountedAndEachPageDecodedAlone) {
  std::vector<cv::Mat> pages;
  for (int i = 0; i < 5; ++i) {
    pages.push_back(cv::Mat(40 + i, 30 + 2 * i, CV_8UC1, cv::Scalar(10 * (i + 1))));
  }
  pages[3] = cv::Mat(43, 36, CV_8UC3, cv::Scalar(40, 40, 40));  // colour pages come out grey
  ASSERT_TRUE(cv::imwritemulti(Path("five.tif"), pages));

  auto source = ScanPages::Open(Path("five.tif"));
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->count(), 5);
  for (int i : {4, 0, 3, 1, 2}) {  // any order: each page is found on its own
    Result<GreyImage> page = (*source)->Page(i);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_EQ(page->width, 30 + 2 * i) << "page " << i;
    EXPECT_EQ(page->height, 40 + i) << "page " << i;
    EXPECT_EQ(page->at(0, 0), 10 * (i + 1)) << "page " << i;
  }
}

TEST_F(ScanPagesTest, APageOutsideTheFileIsAFailureNamingIt) {
  ASSERT_TRUE(cv::imwritemulti(Path("two.tif"), std::vector<cv::Mat>{cv::Mat(4, 4, CV_8UC1),
                                                                      cv::Mat(4, 4, CV_8UC1)}));
  auto source = ScanPages::Open(Path("two.tif"));
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->Page(2).status().message(),
            Path("two.tif") + ": there is no page 3 (the file has 2)");
  EXPECT_EQ((*source)->Page(-1).status().message(),
            Path("two.tif") + ": there is no page 0 (the file has 2)");
}

TEST_F(ScanPagesTest, APdfIsCountedAndEachPageRenderedAloneAt300Dpi) {
  WritePdf("three.pdf", {{72, 144}, {144, 72}, {36, 36}}, {0.0, 1.0, 0.5});
  auto source = ScanPages::Open(Path("three.pdf"));
  ASSERT_TRUE(source.ok()) << source.status().message();
  ASSERT_EQ((*source)->count(), 3);
  Result<GreyImage> second = (*source)->Page(1);
  ASSERT_TRUE(second.ok()) << second.status().message();
  EXPECT_EQ(second->width, 600);
  EXPECT_EQ(second->height, 300);
  EXPECT_EQ(second->at(300, 150), 255);
  Result<GreyImage> first = (*source)->Page(0);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->width, 300);
  EXPECT_EQ(first->height, 600);
  EXPECT_EQ(first->at(150, 300), 0);
  EXPECT_FALSE((*source)->Page(3).ok());
}

TEST_F(ScanPagesTest, APdfInMemoryRendersAsTheSameFileDoesAndDamagedBytesAreRefused) {
  WritePdf("two.pdf", {{72, 144}, {144, 72}}, {0.0, 1.0});
  std::ifstream in(Path("two.pdf"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto from_file = RenderPdfPages(Path("two.pdf"), 100);
  auto from_memory = RenderPdfBytes(bytes, 100);
  ASSERT_TRUE(from_file.ok() && from_memory.ok());
  ASSERT_EQ(from_memory->size(), 2u);
  for (int i = 0; i < 2; ++i) EXPECT_EQ((*from_memory)[i].image.pixels, (*from_file)[i].image.pixels);
  EXPECT_EQ(RenderPdfBytes(bytes, 100, 1)->size(), 1u);
  const Result<std::vector<ScanImage>> damaged = RenderPdfBytes(bytes.substr(0, 40), 100);
  ASSERT_FALSE(damaged.ok());
  EXPECT_NE(damaged.status().message().find("not readable"), std::string::npos);
}

TEST_F(ScanPagesTest, APngDeclaring32000By32000PixelsIsRefusedBeforeDecoding) {
  // Only a header: decoding it would fail with another message, so this one proves that nothing
  // was decoded.
  WriteBytes("scan-07.png", PngHeader(32000, 32000));
  EXPECT_EQ(ErrorOf(ScanPages::Open(Path("scan-07.png"))),
            Path("scan-07.png") +
                ": 32000 x 32000 pixels is more than the limit of 69.6 megapixels (A3 at "
                "600 dpi): rescan at 300 dpi, or raise --max-megapixels");
}

TEST_F(ScanPagesTest, A3At600DpiIsWithinTheDefaultLimitAndOnePixelMoreIsNot) {
  WriteBytes("a3.png", PngHeader(7016, 9921));
  WriteBytes("wider.png", PngHeader(7017, 9921));
  EXPECT_EQ(ErrorOf(ScanPages::Open(Path("a3.png"))), "(opened)");
  EXPECT_NE(ErrorOf(ScanPages::Open(Path("wider.png"))).find(
                ": 7017 x 9921 pixels is more than the limit"),
            std::string::npos);
}

TEST_F(ScanPagesTest, AnOversizedPageOfATiffIsNamedByItsPageWithTheLimitAsSet) {
  ASSERT_TRUE(cv::imwritemulti(Path("mixed.tif"),
                               std::vector<cv::Mat>{cv::Mat(300, 200, CV_8UC1),
                                                    cv::Mat(400, 300, CV_8UC1)}));
  ScanLimits limits;
  limits.max_pixels = 100000;
  EXPECT_EQ(ErrorOf(ScanPages::Open(Path("mixed.tif"), limits)),
            Path("mixed.tif") +
                ": page 2: 300 x 400 pixels is more than the limit of 0.1 megapixels: rescan at "
                "300 dpi, or raise --max-megapixels");
}

TEST_F(ScanPagesTest, AnOversizedPdfPageIsRefusedBeforeItIsRendered) {
  // 200 inches square: 60000 x 60000 pixels at 300 dpi (3.6 GB if it were rendered).
  WritePdf("poster.pdf", {{595, 842}, {14400, 14400}}, {1.0, 1.0});
  EXPECT_EQ(ErrorOf(ScanPages::Open(Path("poster.pdf"))),
            Path("poster.pdf") +
                ": page 2: 60000 x 60000 pixels at 300 dpi is more than the limit of 69.6 "
                "megapixels (A3 at 600 dpi): the page is larger than A3; make the PDF from the "
                "scanned sheets at their own size, or raise --max-megapixels");
}

TEST_F(ScanPagesTest, AFileWithMorePagesThanTheLimitIsRefusedBeforeAnyIsDecoded) {
  ASSERT_TRUE(cv::imwritemulti(Path("four.tif"), std::vector<cv::Mat>(4, cv::Mat(4, 4, CV_8UC1))));
  WritePdf("four.pdf", std::vector<std::pair<int, int>>(4, {10, 10}), {1, 1, 1, 1});
  ScanLimits limits;
  limits.max_pages = 3;
  for (const std::string name : {"four.tif", "four.pdf"}) {
    EXPECT_EQ(ErrorOf(ScanPages::Open(Path(name), limits)),
              Path(name) +
                  ": more than 3 pages (the limit per file): split it into smaller files, or "
                  "raise --max-pages");
  }
  limits.max_pages = 4;
  EXPECT_EQ(ErrorOf(ScanPages::Open(Path("four.tif"), limits)), "(opened)");
}

TEST_F(ScanPagesTest, AFileThatIsNotAnImageOrIsCutShortCannotBeDecoded) {
  WriteBytes("notes.jpg", "Ghi chú: lô này thiếu 2 phiếu.\n");
  WriteBytes("header-only.png", PngHeader(100, 100));
  const std::string cannot = ": the image cannot be decoded (corrupt or truncated?); scan it again";
  EXPECT_EQ(ErrorOf(ScanPages::Open(Path("notes.jpg"))), Path("notes.jpg") + cannot);
  auto source = ScanPages::Open(Path("header-only.png"));
  ASSERT_TRUE(source.ok()) << source.status().message();
  EXPECT_EQ((*source)->Page(0).status().message(), Path("header-only.png") + cannot);
}

TEST_F(ScanPagesTest, AJpegCutShortIsRefusedAsCutShortNotReadAsAFoldedPage) {
  std::vector<unsigned char> jpeg;
  cv::Mat page(800, 600, CV_8UC1);
  cv::randu(page, 0, 255);
  ASSERT_TRUE(cv::imencode(".jpg", page, jpeg));
  WriteBytes("half.jpg", std::string(jpeg.begin(), jpeg.begin() + jpeg.size() / 2));
  EXPECT_EQ(ErrorOf(ScanPages::Open(Path("half.jpg"))),
            Path("half.jpg") + ": the file stops before the end of its image (cut short while "
                               "copied or saved?); copy it again, or scan the sheet again");
  WriteBytes("whole.jpg", std::string(jpeg.begin(), jpeg.end()));
  auto whole = ScanPages::Open(Path("whole.jpg"));
  ASSERT_TRUE(whole.ok()) << whole.status().message();
  EXPECT_EQ((*whole)->Page(0)->width, 600);
}

TEST_F(ScanPagesTest, ALinkLoopingToItselfInAScannedFolderIsSkippedNamingItAndTheRestCollected) {
  fs::create_directories(dir_ / "in/sub");
  WriteBytes("in/sub/page.png", "not decoded here");
  fs::create_symlink("loop", dir_ / "in/loop");  // in/loop -> in/loop
  const auto list = CollectScanFiles({Path("in")});
  ASSERT_TRUE(list.ok()) << list.status().message();
  EXPECT_EQ(list->files, std::vector<std::string>{Path("in/sub/page.png")});
  ASSERT_EQ(list->skipped.size(), 1u);
  EXPECT_EQ(list->skipped[0], Path("in/loop") + ": cannot be read (Too many levels of symbolic links)");
}

}  // namespace
}  // namespace phieu
