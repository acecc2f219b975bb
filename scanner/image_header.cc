#include "scanner/image_header.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>

namespace phieu {
namespace {

// Reads `length` bytes at `offset` into `out`; false when the file is shorter.
using ReadAt = std::function<bool(std::uint64_t offset, std::size_t length, std::string& out)>;

std::uint64_t BigEndian(std::string_view b, std::size_t at, int size) {
  std::uint64_t v = 0;
  for (int i = 0; i < size; ++i) v = v << 8 | static_cast<std::uint8_t>(b[at + i]);
  return v;
}

std::uint64_t LittleEndian(std::string_view b, std::size_t at, int size) {
  std::uint64_t v = 0;
  for (int i = size - 1; i >= 0; --i) v = v << 8 | static_cast<std::uint8_t>(b[at + i]);
  return v;
}

Status CutShort() { return Status::Error("the image header is cut short"); }

// PNG: the IHDR chunk comes first, right after the 8-byte signature.
Result<DeclaredPages> PngPages(const ReadAt& read) {
  std::string ihdr;
  if (!read(8, 16, ihdr) || ihdr.substr(4, 4) != "IHDR") return CutShort();
  return DeclaredPages{{{static_cast<std::int64_t>(BigEndian(ihdr, 8, 4)),
                         static_cast<std::int64_t>(BigEndian(ihdr, 12, 4))}},
                       false};
}

// Whether a JPEG of `size` bytes ends its image data with an end-of-image marker (FF D9). In
// the compressed data an FF byte is always followed by 00 or a restart marker, so an FF D9 after
// the last start-of-scan (FF DA) seen near the end is the image's own end, not an embedded
// thumbnail's; cameras may append data after it.
bool JpegEndsWhole(const ReadAt& read, std::uint64_t size) {
  constexpr std::uint64_t kTail = 64 * 1024;
  const std::uint64_t from = size > kTail ? size - kTail : 0;
  std::string tail;
  if (!read(from, static_cast<std::size_t>(size - from), tail)) return false;
  const std::size_t end = tail.rfind("\xFF\xD9");
  if (end == std::string::npos) return false;
  const std::size_t scan = tail.rfind("\xFF\xDA");
  return scan == std::string::npos || scan < end;
}

// JPEG: the segments before the first start-of-frame marker, walked by their lengths.
Result<DeclaredPages> JpegPages(const ReadAt& read, std::uint64_t size) {
  std::uint64_t at = 2;
  std::string b;
  for (int segments = 0; segments < 100000; ++segments) {
    if (!read(at, 2, b)) return CutShort();
    if (static_cast<std::uint8_t>(b[0]) != 0xFF) {
      return Status::Error("the JPEG header is damaged (no marker where one should be)");
    }
    const std::uint8_t marker = static_cast<std::uint8_t>(b[1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      at += 2;
      continue;
    }
    if (marker == 0xD9 || marker == 0xDA) {
      return Status::Error("the JPEG has no frame header before its image data");
    }
    if (!read(at + 2, 2, b)) return CutShort();
    const std::uint64_t length = BigEndian(b, 0, 2);
    if (length < 2) return Status::Error("the JPEG header is damaged (a segment of length 0)");
    const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
                       marker != 0xCC;
    if (frame) {
      if (!read(at + 4, 5, b)) return CutShort();
      return DeclaredPages{{{static_cast<std::int64_t>(BigEndian(b, 3, 2)),
                             static_cast<std::int64_t>(BigEndian(b, 1, 2))}},
                           false, JpegEndsWhole(read, size)};
    }
    at += 2 + length;
  }
  return Status::Error("the JPEG header is damaged (no frame header)");
}

// TIFF: every image file directory (IFD) in the chain, each with its ImageWidth (256) and
// ImageLength (257) tags. Classic TIFF has 4-byte offsets and 12-byte entries; BigTIFF 8 and 20.
Result<DeclaredPages> TiffPages(const ReadAt& read, int max_pages) {
  std::string b;
  if (!read(0, 16, b) && !read(0, 8, b)) return CutShort();
  const bool little = b[0] == 'I';
  auto number = [&](std::string_view s, std::size_t at, int size) {
    return little ? LittleEndian(s, at, size) : BigEndian(s, at, size);
  };
  const bool big = number(b, 2, 2) == 43;
  if (big && b.size() < 16) return CutShort();
  const int offset_size = big ? 8 : 4, count_size = big ? 8 : 2, entry_size = big ? 20 : 12;
  std::uint64_t ifd = big ? number(b, 8, 8) : number(b, 4, 4);
  DeclaredPages declared;
  std::set<std::uint64_t> seen;
  while (ifd != 0) {
    if (static_cast<int>(declared.pages.size()) >= max_pages) {
      declared.more = true;
      break;
    }
    if (!seen.insert(ifd).second) return Status::Error("the TIFF's directories form a loop");
    if (!read(ifd, count_size, b)) return CutShort();
    const std::uint64_t entries = number(b, 0, count_size);
    if (entries > 65535) return Status::Error("a TIFF directory has too many entries");
    std::string table;
    if (!read(ifd + count_size, entries * entry_size + offset_size, table)) return CutShort();
    PixelSize size;
    for (std::uint64_t e = 0; e < entries; ++e) {
      const std::size_t at = e * entry_size;
      const std::uint64_t tag = number(table, at, 2), type = number(table, at + 2, 2);
      if (tag != 256 && tag != 257) continue;
      // The value sits in the entry itself: SHORT (3), LONG (4) or, in BigTIFF, LONG8 (16).
      const int value_size = type == 3 ? 2 : type == 4 ? 4 : type == 16 ? 8 : 0;
      if (value_size == 0) return Status::Error("a TIFF page's size is of an unknown type");
      const std::int64_t value =
          static_cast<std::int64_t>(number(table, at + 4 + offset_size, value_size));
      (tag == 256 ? size.width : size.height) = value;
    }
    if (size.width <= 0 || size.height <= 0) {
      return Status::Error("page " + std::to_string(declared.pages.size() + 1) +
                           " of the TIFF declares no size");
    }
    declared.pages.push_back(size);
    ifd = number(table, entries * entry_size, offset_size);
  }
  if (declared.pages.empty()) return Status::Error("the TIFF has no pages");
  return declared;
}

Result<DeclaredPages> ReadDeclared(const ReadAt& read, std::uint64_t size, int max_pages) {
  std::string signature;
  if (!read(0, 8, signature) && !read(0, 4, signature) && !read(0, 2, signature)) {
    return Status::Error("not a PNG, JPEG or TIFF image");
  }
  if (signature.size() == 8 && signature == std::string_view("\x89PNG\r\n\x1a\n", 8)) {
    return PngPages(read);
  }
  if (signature.compare(0, 2, "\xFF\xD8") == 0) return JpegPages(read, size);
  if (signature.size() >= 4 && (signature.compare(0, 4, std::string_view("II*\0", 4)) == 0 ||
                                signature.compare(0, 4, std::string_view("MM\0*", 4)) == 0 ||
                                signature.compare(0, 4, std::string_view("II+\0", 4)) == 0 ||
                                signature.compare(0, 4, std::string_view("MM\0+", 4)) == 0)) {
    return TiffPages(read, std::max(1, max_pages));
  }
  return Status::Error("not a PNG, JPEG or TIFF image");
}

}  // namespace

Result<DeclaredPages> ReadDeclaredPages(std::string_view bytes, int max_pages) {
  return ReadDeclared(
      [bytes](std::uint64_t offset, std::size_t length, std::string& out) {
        if (offset > bytes.size() || length > bytes.size() - offset) return false;
        out.assign(bytes.substr(offset, length));
        return true;
      },
      bytes.size(), max_pages);
}

Result<DeclaredPages> ReadDeclaredPagesOfFile(const std::string& path, int max_pages) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Error(path + ": cannot be opened");
  in.seekg(0, std::ios::end);
  const std::uint64_t size = static_cast<std::uint64_t>(in.tellg());
  Result<DeclaredPages> declared = ReadDeclared(
      [&in, size](std::uint64_t offset, std::size_t length, std::string& out) {
        if (offset > size || length > size - offset) return false;
        out.resize(length);
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        return static_cast<bool>(in.read(out.data(), static_cast<std::streamsize>(length)));
      },
      size, max_pages);
  if (!declared.ok()) return declared.status().WithContext(path);
  return declared;
}

}  // namespace phieu
