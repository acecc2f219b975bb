#pragma once
// Bytes of a PNG that only declares its size: for tests of what is read from an image's header
// before anything is decoded (scanner/image_header, scanner/image_source).

#include <cstdint>
#include <string>

namespace phieu {

// `v` as 4 bytes, most significant first (PNG and big-endian TIFF numbers).
inline std::string BigEndian32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}

// A PNG signature and an IHDR chunk declaring `width` x `height` 8-bit grey pixels, and no
// pixels (the chunk's CRC is left 0: readers of the size do not check it).
inline std::string PngHeader(std::uint32_t width, std::uint32_t height) {
  return std::string("\x89PNG\r\n\x1a\n", 8) + BigEndian32(13) + "IHDR" + BigEndian32(width) +
         BigEndian32(height) + std::string("\x08\x00\x00\x00\x00", 5) + BigEndian32(0);
}

}  // namespace phieu
