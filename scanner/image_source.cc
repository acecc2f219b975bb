#include "scanner/image_source.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

#include "core/text.h"
#include "scanner/cv_image.h"
#include "scanner/image_header.h"

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

std::string CannotDecode(const std::string& path) {
  return path + ": the image cannot be decoded (corrupt or truncated?); scan it again";
}

// "69.6" for 69,605,736 pixels.
std::string Megapixels(std::int64_t pixels) {
  const std::int64_t tenths = (pixels + 50000) / 100000;
  return std::to_string(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "");
}

// "PATH: " for a one-page file, "PATH: page 3: " for a page of a longer one.
std::string PageLabel(const std::string& path, int index, int count) {
  return path + ": " + (count > 1 ? "page " + std::to_string(index + 1) + ": " : "");
}

Status OverPixelLimit(const std::string& label, PixelSize size, const ScanLimits& limits,
                      bool pdf) {
  return Status::Error(
      label + std::to_string(size.width) + " x " + std::to_string(size.height) + " pixels" +
      (pdf ? " at " + std::to_string(static_cast<int>(kPdfRenderDpi)) + " dpi" : "") +
      " is more than the limit of " + Megapixels(limits.max_pixels) + " megapixels" +
      (limits.max_pixels == kA3At600DpiPixels ? " (A3 at 600 dpi)" : "") + ": " +
      (pdf ? "the page is larger than A3; make the PDF from the scanned sheets at their own size"
           : "rescan at 300 dpi") +
      ", or raise --max-megapixels");
}

Status OverPageLimit(const std::string& path, const ScanLimits& limits) {
  return Status::Error(path + ": more than " + std::to_string(limits.max_pages) +
                       " pages (the limit per file): split it into smaller files, or raise "
                       "--max-pages");
}

Status OutOfMemory(const std::string& label, PixelSize size) {
  return Status::Error(label + "not enough memory to decode its " + std::to_string(size.width) +
                       " x " + std::to_string(size.height) +
                       " pixels; run the scan again with fewer --jobs");
}

Result<std::unique_ptr<poppler::document>> LoadPdf(const std::string& path) {
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_file(path));
  if (!doc) {
    return Status::Error(path + ": not a readable PDF (damaged or truncated?); scan it again");
  }
  if (doc->is_locked()) return Status::Error(path + ": the PDF is password-protected");
  if (doc->pages() <= 0) return Status::Error(path + ": the PDF has no pages");
  return doc;
}

// The size in pixels page `index` renders to at `dpi` (its crop box, as the renderer draws it).
Result<PixelSize> PdfPageSize(poppler::document& doc, const std::string& path, int index,
                              double dpi) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) return Status::Error(path + ": page " + std::to_string(index + 1) + " cannot be read");
  const poppler::rectf box = page->page_rect();
  return PixelSize{static_cast<std::int64_t>(std::ceil(std::abs(box.width()) * dpi / 72)),
                   static_cast<std::int64_t>(std::ceil(std::abs(box.height()) * dpi / 72))};
}

Result<GreyImage> RenderPdfPage(poppler::document& doc, const std::string& path, int index,
                                double dpi) {
  std::unique_ptr<poppler::page> page(doc.create_page(index));
  if (!page) return Status::Error(path + ": page " + std::to_string(index + 1) + " cannot be read");
  poppler::page_renderer renderer;
  renderer.set_image_format(poppler::image::format_gray8);
  renderer.set_render_hint(poppler::page_renderer::antialiasing, true);
  poppler::image image = renderer.render_page(page.get(), dpi, dpi);
  if (!image.is_valid()) {
    return Status::Error(path + ": page " + std::to_string(index + 1) +
                         " cannot be rendered (damaged, or not enough memory?)");
  }
  const cv::Mat view(image.height(), image.width(), CV_8UC1, image.data(),
                     static_cast<std::size_t>(image.bytes_per_row()));
  return FromMat(view);
}

}  // namespace

struct ScanPages::Impl {
  std::string path;
  std::vector<PixelSize> sizes;              // every page's, from its header
  std::unique_ptr<poppler::document> pdf;    // a PDF's document, else null
};

ScanPages::ScanPages(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ScanPages::~ScanPages() = default;

int ScanPages::count() const { return static_cast<int>(impl_->sizes.size()); }

Result<std::unique_ptr<ScanPages>> ScanPages::Open(const std::string& path,
                                                   const ScanLimits& limits) {
  std::error_code error;
  if (!fs::exists(path, error)) return Status::Error(path + ": no such file");
  if (!fs::is_regular_file(path, error)) return Status::Error(path + ": not a file");
  if (fs::file_size(path, error) == 0) return Status::Error(path + ": the file is empty (0 bytes)");
  if (!IsScanFileName(path)) {
    return Status::Error(path + ": unsupported file type '" + Extension(path) +
                         "'; scan to PDF, PNG, JPEG or TIFF");
  }
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  if (Extension(path) == ".pdf") {
    Result<std::unique_ptr<poppler::document>> doc = LoadPdf(path);
    if (!doc.ok()) return doc.status();
    impl->pdf = std::move(doc).value();
    const int pages = impl->pdf->pages();
    if (pages > limits.max_pages) return OverPageLimit(path, limits);
    for (int i = 0; i < pages; ++i) {
      Result<PixelSize> size = PdfPageSize(*impl->pdf, path, i, kPdfRenderDpi);
      if (!size.ok()) return size.status();
      impl->sizes.push_back(*size);
    }
  } else {
    Result<DeclaredPages> declared = ReadDeclaredPagesOfFile(path, limits.max_pages);
    if (!declared.ok()) return Status::Error(CannotDecode(path));
    if (declared->more) return OverPageLimit(path, limits);
    // A decoder fills a cut-short JPEG's missing part with grey, which would be read as a page
    // cut off or folded.
    if (!declared->whole) {
      return Status::Error(path + ": the file stops before the end of its image (cut short while "
                                  "copied or saved?); copy it again, or scan the sheet again");
    }
    impl->sizes = declared->pages;
  }
  for (int i = 0; i < static_cast<int>(impl->sizes.size()); ++i) {
    if (impl->sizes[i].pixels() > limits.max_pixels) {
      return OverPixelLimit(PageLabel(path, i, static_cast<int>(impl->sizes.size())),
                            impl->sizes[i], limits, impl->pdf != nullptr);
    }
  }
  return std::unique_ptr<ScanPages>(new ScanPages(std::move(impl)));
}

Result<GreyImage> ScanPages::Page(int index) {
  const std::string& path = impl_->path;
  if (index < 0 || index >= count()) {
    return Status::Error(path + ": there is no page " + std::to_string(index + 1) + " (the file has " +
                         std::to_string(count()) + ")");
  }
  const std::string label = PageLabel(path, index, count());
  try {
    if (impl_->pdf) return RenderPdfPage(*impl_->pdf, path, index, kPdfRenderDpi);
    cv::Mat page;
    if (count() == 1) {
      // Decoded straight to grey: a third of the memory and work of colour, then converting.
      page = cv::imread(path, cv::IMREAD_GRAYSCALE);
    } else {
      // Only this page: the directories before it are skipped, not decoded.
      std::vector<cv::Mat> one;
      if (cv::imreadmulti(path, one, index, 1, cv::IMREAD_GRAYSCALE) && one.size() == 1) {
        page = one.front();
      }
    }
    if (page.empty()) {
      return Status::Error(count() == 1 ? CannotDecode(path)
                                        : label + "the page cannot be decoded (corrupt or "
                                                  "truncated?); scan it again");
    }
    return ToGrey(page);
  } catch (const std::bad_alloc&) {
    return OutOfMemory(label, impl_->sizes[index]);
  } catch (const cv::Exception& e) {
    if (e.code == cv::Error::StsNoMem) return OutOfMemory(label, impl_->sizes[index]);
    return Status::Error(count() == 1 ? CannotDecode(path)
                                      : label + "the page cannot be decoded (corrupt or "
                                                "truncated?); scan it again");
  }
}

namespace {

// The first `max_pages` pages (all when 0) of `doc`, rendered at `dpi`; `name` names it in errors.
Result<std::vector<ScanImage>> RenderPages(poppler::document& doc, const std::string& name,
                                           double dpi, int max_pages) {
  const int count = max_pages > 0 ? std::min(max_pages, doc.pages()) : doc.pages();
  std::vector<ScanImage> pages;
  for (int i = 0; i < count; ++i) {
    Result<GreyImage> page = RenderPdfPage(doc, name, i, dpi);
    if (!page.ok()) return page.status();
    pages.push_back({i, std::move(page).value()});
  }
  return pages;
}

}  // namespace

Result<std::vector<ScanImage>> RenderPdfPages(const std::string& path, double dpi, int max_pages) {
  Result<std::unique_ptr<poppler::document>> doc = LoadPdf(path);
  if (!doc.ok()) return doc.status();
  return RenderPages(**doc, path, dpi, max_pages);
}

Result<std::vector<ScanImage>> RenderPdfBytes(const std::string& pdf, double dpi, int max_pages) {
  poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr);
  // Poppler reads from `pdf` without copying it; it outlives the document here.
  std::unique_ptr<poppler::document> doc(
      poppler::document::load_from_raw_data(pdf.data(), static_cast<int>(pdf.size())));
  if (!doc || doc->is_locked() || doc->pages() <= 0) {
    return Status::Error("the PDF in memory is not readable, locked or empty");
  }
  return RenderPages(*doc, "the PDF in memory", dpi, max_pages);
}

bool IsScanFileName(const std::string& path) {
  const std::string ext = Extension(path);
  return ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".tif" || ext == ".tiff" ||
         ext == ".pdf";
}

Result<std::vector<ScanImage>> LoadScanFile(const std::string& path) {
  Result<std::unique_ptr<ScanPages>> source = ScanPages::Open(path);
  if (!source.ok()) return source.status();
  std::vector<ScanImage> pages;
  for (int i = 0; i < (*source)->count(); ++i) {
    Result<GreyImage> page = (*source)->Page(i);
    if (!page.ok()) return page.status();
    pages.push_back({i, std::move(page).value()});
  }
  return pages;
}

int CountScanPages(const std::string& path) {
  if (Extension(path) == ".pdf") {
    Result<std::unique_ptr<poppler::document>> doc = LoadPdf(path);
    return doc.ok() ? (*doc)->pages() : 0;
  }
  if (!IsScanFileName(path)) return 0;
  Result<DeclaredPages> declared = ReadDeclaredPagesOfFile(path, ScanLimits().max_pages + 1);
  return declared.ok() ? static_cast<int>(declared->pages.size()) : 0;
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
    // A link looping to itself is skipped with its reason and the rest of the folder collected;
    // a walk that cannot go on is named too, and what was found before it is kept.
    for (fs::recursive_directory_iterator it(path, fs::directory_options::none, error), end;
         it != end; it.increment(error)) {
      if (error) {
        list.skipped.push_back(path + ": part of the folder cannot be read (" + error.message() +
                               ")");
        break;
      }
      const fs::directory_entry& entry = *it;
      const std::string file = entry.path().string();
      std::error_code type_error;
      const bool regular = entry.is_regular_file(type_error);
      if (type_error) {
        list.skipped.push_back(file + ": cannot be read (" + type_error.message() + ")");
        continue;
      }
      if (!regular) continue;
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
