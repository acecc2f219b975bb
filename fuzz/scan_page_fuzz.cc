// Fuzz target: a scan file's bytes through image decoding and page reading, as `phieu scan` does
// it: the header read (scanner/image_header.h), the file opened and each page decoded
// (scanner/image_source.h ScanPages), each page read (scanner/page_reader.h) against the golden
// scans' template (sample-scans/template.json, embedded) with every form code issued for it.
// Bounded: inputs over 200 KB are skipped and pages over 4 megapixels (A4 at 200 dpi is 3.9) are
// refused from their header, so one input never takes long. PDF is left to poppler's own fuzzing.

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/embedded.h"
#include "core/layout_json.h"
#include "scanner/image_header.h"
#include "scanner/image_source.h"
#include "scanner/page_reader.h"

namespace phieu {
std::span<const EmbeddedFile> SampleScanFiles();  // fuzz/CMakeLists.txt
}

namespace {

using namespace phieu;

constexpr std::size_t kMaxInputBytes = 200 * 1024;
constexpr ScanLimits kLimits{4'000'000, 4};

std::string_view SampleScanFile(std::string_view name) {
  for (const EmbeddedFile& file : SampleScanFiles()) {
    if (file.name == name) return file.text;
  }
  std::abort();
}

const ParsedLayout& Template() {
  static const ParsedLayout parsed =
      LayoutFromJson(SampleScanFile("template.json"), "template.json").value();
  return parsed;
}

// Made once and never destroyed. Its Tesseract starts on the first damaged QR code, so Tesseract's
// own static dictionary cache is made after this reader and destroyed before it: a static reader
// would still hold dictionaries the cache then reports as leaked at exit.
PageReader& Reader() {
  static PageReader& reader = *new PageReader(
      [](const std::string& id) {
        return id == Template().template_id ? &Template().layout : nullptr;
      },
      [](const std::string&) -> std::optional<std::string> { return Template().template_id; },
      {std::string(SampleScanFile("secret.txt").substr(0, SampleScanFile("secret.txt").find('\n'))),
       {}});
  return reader;
}

// The scratch file the input is written to (ScanPages reads files): one per process, removed
// after each input.
const std::string& ScratchPath() {
  static const std::string path = (std::filesystem::temp_directory_path() /
                                   ("phieu-scan-fuzz-" + std::to_string(::getpid()) + ".png"))
                                      .string();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kMaxInputBytes) return -1;  // not added to the corpus
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)ReadDeclaredPages(bytes, kLimits.max_pages);
  std::ofstream(ScratchPath(), std::ios::binary | std::ios::trunc) << bytes;
  Result<std::unique_ptr<ScanPages>> pages = ScanPages::Open(ScratchPath(), kLimits);
  for (int i = 0; pages.ok() && i < (*pages)->count(); ++i) {
    Result<GreyImage> page = (*pages)->Page(i);
    if (page.ok()) (void)Reader().Read(*page);
  }
  std::filesystem::remove(ScratchPath());
  return 0;
}
