#pragma once
// Where scanned pages come from: image files (PNG, JPEG, TIFF with every page) and PDF files
// (scanners usually write PDF; pages are rendered at 300 dpi with poppler-cpp). Colour and
// black-and-white pages are turned into grey.
//
// A file is opened, its pages counted and every page's size checked against ScanLimits from its
// header alone; then its pages are decoded one at a time, so that reading a 2000-page PDF or a
// TIFF whose header declares 32000 x 32000 pixels never holds more than one page of bounded size.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "scanner/grey_image.h"

namespace phieu {

// A3 (297 x 420 mm) at 600 dpi: 7016 x 9921 pixels, the largest sheet a survey scan should be.
inline constexpr std::int64_t kA3At600DpiPixels = std::int64_t{7016} * 9921;

// What one scan file may ask of memory, checked before any page is decoded. A refusal tells the
// user to raise `phieu scan`'s --max-megapixels or --max-pages.
struct ScanLimits {
  // Pixels in one page (a decoded grey page takes one byte each). Default: A3 at 600 dpi.
  std::int64_t max_pixels = kA3At600DpiPixels;
  // Pages in one file.
  int max_pages = 5000;
};

// The resolution PDF pages are rendered at.
inline constexpr double kPdfRenderDpi = 300;

// The pages of one scan file, decoded on demand, one at a time. Not thread-safe: one per worker.
class ScanPages {
 public:
  // Opens the file at `path` and checks, from headers only, its type, its page count and every
  // page's pixel count against `limits`. A missing, empty, truncated or corrupt file, one of a kind
  // that is not supported, or one over a limit fails with a message naming the file (and page)
  // and saying what to do:
  //   "scan-07.png: 32000 x 32000 pixels is more than the limit of 69.6 megapixels (A3 at
  //    600 dpi): rescan at 300 dpi, or raise --max-megapixels".
  static Result<std::unique_ptr<ScanPages>> Open(const std::string& path,
                                                 const ScanLimits& limits = {});
  ~ScanPages();
  ScanPages(const ScanPages&) = delete;
  ScanPages& operator=(const ScanPages&) = delete;

  // Pages in the file (at least 1).
  int count() const;
  // Page `index` (0-based) decoded to grey; only this page is held. Fails naming the file and
  // page when it cannot be decoded, when `index` is not a page of the file, and when memory runs
  // out ("f.tif: page 57: not enough memory to decode it ...": a failure of the file, never an
  // empty page).
  Result<GreyImage> Page(int index);

 private:
  struct Impl;
  explicit ScanPages(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct ScanImage {
  int index = 0;      // 0-based page within its file
  GreyImage image;
};

// Every page of the file at `path`, all held at once (ScanPages::Open, then every page): for
// tests and tools that want a whole small file, not for scanning in bulk.
Result<std::vector<ScanImage>> LoadScanFile(const std::string& path);

// The pages of a PDF rendered at `dpi` (grey, anti-aliased): scans written as PDF, and printed
// forms turned into pixels by the synthetic scan generator. `max_pages` > 0 stops after that many.
Result<std::vector<ScanImage>> RenderPdfPages(const std::string& path, double dpi,
                                              int max_pages = 0);

// The same for a PDF held in memory (`pdf`: its bytes), e.g. forms just rendered by forms/.
Result<std::vector<ScanImage>> RenderPdfBytes(const std::string& pdf, double dpi,
                                              int max_pages = 0);

// How many pages the file at `path` holds (1 for PNG and JPEG), from its header without decoding
// them; 0 when it cannot be told (the file will fail to open with its own message).
int CountScanPages(const std::string& path);

struct ScanFileList {
  std::vector<std::string> files;    // sorted, supported extensions
  std::vector<std::string> skipped;  // "PATH: not a scan (unsupported extension .txt)" ...
};

// The scan files under `paths`: files as given, folders searched recursively (symbolic links to
// folders not followed). Fails only when a path does not exist; what cannot be read inside a
// folder (a link looping to itself ...) is listed in `skipped` with its reason.
Result<ScanFileList> CollectScanFiles(const std::vector<std::string>& paths);

// True for .png .jpg .jpeg .tif .tiff .pdf (any case).
bool IsScanFileName(const std::string& path);

}  // namespace phieu
