#pragma once
// Where scanned pages come from: image files (PNG, JPEG, TIFF with every page) and PDF files
// (scanners usually write PDF; pages are rendered at 300 dpi with poppler-cpp). Colour and
// black-and-white pages are turned into grey.

#include <string>
#include <vector>

#include "core/status.h"
#include "scanner/grey_image.h"

namespace phieu {

struct ScanImage {
  int index = 0;      // 0-based page within its file
  GreyImage image;
};

// The pages of the file at `path`. A missing, empty, truncated or corrupt file, or one of a kind
// that is not supported, fails with a message naming the file and what to do; nothing is guessed.
Result<std::vector<ScanImage>> LoadScanFile(const std::string& path);

// The resolution PDF pages are rendered at.
inline constexpr double kPdfRenderDpi = 300;

// The pages of a PDF rendered at `dpi` (grey, anti-aliased): scans written as PDF, and printed
// forms turned into pixels by the synthetic scan generator. `max_pages` > 0 stops after that many.
Result<std::vector<ScanImage>> RenderPdfPages(const std::string& path, double dpi,
                                              int max_pages = 0);

// How many pages the file at `path` holds (1 for PNG and JPEG), without decoding them; 0 when it
// cannot be told (the file will fail to load with its own message).
int CountScanPages(const std::string& path);

struct ScanFileList {
  std::vector<std::string> files;    // sorted, supported extensions
  std::vector<std::string> skipped;  // "PATH: not a scan (unsupported extension .txt)" ...
};

// The scan files under `paths`: files as given, folders searched recursively. Fails only when a
// path does not exist.
Result<ScanFileList> CollectScanFiles(const std::vector<std::string>& paths);

// True for .png .jpg .jpeg .tif .tiff .pdf (any case).
bool IsScanFileName(const std::string& path);

}  // namespace phieu
