#pragma once
// The size of every page an image file declares, read from its header alone: nothing is decoded
// and memory stays small whatever the header claims, so a file can be refused before a decoder
// allocates what it asks for (a 1 MB PNG may declare 32000 x 32000 pixels). Standard library only.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace phieu {

struct PixelSize {
  std::int64_t width = 0, height = 0;
  std::int64_t pixels() const { return width * height; }
};

struct DeclaredPages {
  std::vector<PixelSize> pages;  // in file order; one for PNG and JPEG, one per TIFF directory
  bool more = false;             // the file holds more pages than the `max_pages` read
  bool whole = true;             // false: the image data stops before its end (a JPEG without
                                 // its end-of-image marker: cut short while copied or saved)
};

// The pages declared by the PNG, JPEG or TIFF (classic or BigTIFF) header in `bytes`, told by
// their signature, not by a file name. At most `max_pages` are read; `more` says there are
// others. Fails, with a message without the file's name, when the signature is none of these or
// the header is cut short, loops or declares a page without a size.
Result<DeclaredPages> ReadDeclaredPages(std::string_view bytes, int max_pages);

// The same, for the file at `path`, read piece by piece (a TIFF's directories may lie anywhere in
// it). Failure messages start with `path`.
Result<DeclaredPages> ReadDeclaredPagesOfFile(const std::string& path, int max_pages);

}  // namespace phieu
