#include "scanner/image_source.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <filesystem>
#include <memory>

#include "core/text.h"
#include "scanner/cv_image.h"

namespace phieu {
namespace {

namespace fs = std::filesystem;
using scanner_internal::FromMat;

std::string Extension(const std::string& path) {
  return AsciiLower(fs::path(path).extension().string());
}

GreyImage ToGrey(const cv::Mat& mat) {
  cv::Mat grey;
  if (mat.channels() == 1) {
    grey = mat;
  } else if (mat.channels() == 3) {
    cv::cvtColor(mat, grey, cv::COLOR_BGR2GRAY);
  } else {
    cv::cvtColor(mat, grey, cv::COLOR_BGRA2GRAY);
  }
  if (grey.depth() != CV_8U) {
    cv::Mat scaled;
    grey.convertTo(scaled, CV_8U, grey.depth() == CV_16U ? 1.0 / 257 : 1.0);
    grey = scaled;
  }
  return FromMat(grey);
}

}  // namespace

Result<std::vector<ScanImage>> RenderPdfPages(const std::string& path, double dpi, int max_pages) {
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) {
    return Status::Error(path + ": not a readable PDF (damaged or truncated?); scan it again");
  }
  if (doc->is_locked()) return Status::Error(path + ": the PDF is password-protected");
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  std::vector<ScanImage> pages;
  const int count = max_pages > 0 ? std::min(max_pages, doc->pages()) : doc->pages();
  for (int i = 0; i < count; ++i) {
    std::unique_ptr<poppler::page> page(doc->create_page(i));
    if (!page) return Status::Error(path + ": page " + std::to_string(i + 1) + " cannot be read");
    poppler::image image = renderer.render_page(page.get(), dpi, dpi);
    if (!image.is_valid()) {
      return Status::Error(path + ": page " + std::to_string(i + 1) + " cannot be rendered");
    }
    const cv::Mat view(image.height(), image.width(), CV_8UC1, image.data(),
                       static_cast<std::size_t>(image.bytes_per_row()));
    pages.push_back({i, FromMat(view)});
  }
  if (pages.empty()) return Status::Error(path + ": the PDF has no pages");
  return pages;
}

bool IsScanFileName(const std::string& path) {
  const std::string ext = Extension(path);
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" ||
         ext == ".pdf";
}

Result<std::vector<ScanImage>> LoadScanFile(const std::string& path) {
  std::error_code error;
  if (!fs::exists(path, error)) return Status::Error(path + ": no such file");
  if (!fs::is_regular_file(path, error)) return Status::Error(path + ": not a file");
  if (fs::file_size(path, error) == 0) return Status::Error(path + ": the file is empty (0 bytes)");
  if (!IsScanFileName(path)) {
    return Status::Error(path + ": unsupported file type '" + Extension(path) +
                         "'; scan to PDF, PNG, JPEG or TIFF");
  }
  if (Extension(path) == ".pdf") return RenderPdfPages(path, kPdfRenderDpi);
  std::vector<cv::Mat> mats;
  try {
    const std::string ext = Extension(path);
    if (ext == ".tif" || ext == ".tiff") {
      cv::imreadmulti(path, mats, cv::IMREAD_UNCHANGED);
    } else {
      // One page: decode straight to grey (a third of the work of colour, then converting).
      cv::Mat page = cv::imread(path, cv::IMREAD_GRAYSCALE);
      if (!page.empty()) mats.push_back(page);
    }
  } catch (const cv::Exception&) {
    mats.clear();
  }
  if (mats.empty()) {
    return Status::Error(path + ": the image cannot be decoded (corrupt or truncated?); scan it again");
  }
  std::vector<ScanImage> pages;
  for (std::size_t i = 0; i < mats.size(); ++i) {
    if (mats[i].empty()) {
      return Status::Error(path + ": page " + std::to_string(i + 1) + " cannot be decoded");
    }
    pages.push_back({static_cast<int>(i), ToGrey(mats[i])});
  }
  return pages;
}

int CountScanPages(const std::string& path) {
  const std::string ext = Extension(path);
  if (ext == ".pdf") {
    poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
    std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
    return doc ? doc->pages() : 0;
  }
  if (ext == ".tif" || ext == ".tiff") {
    try {
      return static_cast<int>(cv::imcount(path));
    } catch (const cv::Exception&) {
      return 0;
    }
  }
  return IsScanFileName(path) ? 1 : 0;
}

Result<ScanFileList> CollectScanFiles(const std::vector<std::string>& paths) {
  ScanFileList list;
  for (const std::string& path : paths) {
    std::error_code error;
    if (!fs::exists(path, error)) return Status::Error(path + ": no such file or folder");
    if (!fs::is_directory(path, error)) {
      list.files.push_back(path);  // named explicitly: LoadScanFile reports a wrong type
      continue;
    }
    for (const auto& entry : fs::recursive_directory_iterator(path, error)) {
      if (!entry.is_regular_file()) continue;
      const std::string file = entry.path().string();
      if (IsScanFileName(file)) {
        list.files.push_back(file);
      } else {
        list.skipped.push_back(file + ": not a scan (unsupported extension '" +
                               Extension(file) + "')");
      }
    }
  }
  std::sort(list.files.begin(), list.files.end());
  list.files.erase(std::unique(list.files.begin(), list.files.end()), list.files.end());
  return list;
}

}  // namespace phieu
