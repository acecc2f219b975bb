#include "station/bmp_image.h"

#include <cstdint>
#include <stdexcept>

namespace phieu {
namespace {

void Put(std::string& out, std::uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

}  // namespace

std::string GreyBmp(const GreyImage& image) {
  if (image.empty()) throw std::logic_error("GreyBmp of an empty image");
  const std::uint32_t row = (static_cast<std::uint32_t>(image.width) + 3) & ~3u;  // 4-byte rows
  const std::uint32_t header = 14 + 40 + 256 * 4;
  const std::uint32_t size = header + row * static_cast<std::uint32_t>(image.height);
  std::string out;
  out.reserve(size);
  out += "BM";
  Put(out, size, 4), Put(out, 0, 4), Put(out, header, 4);
  Put(out, 40, 4), Put(out, image.width, 4);
  Put(out, static_cast<std::uint32_t>(-image.height), 4);  // negative: rows top to bottom
  Put(out, 1, 2), Put(out, 8, 2), Put(out, 0, 4), Put(out, row * image.height, 4);
  Put(out, 2835, 4), Put(out, 2835, 4), Put(out, 256, 4), Put(out, 0, 4);
  for (std::uint32_t g = 0; g < 256; ++g) Put(out, g | g << 8 | g << 16, 4);
  for (int y = 0; y < image.height; ++y) {
    out.append(reinterpret_cast<const char*>(image.pixels.data()) +
                   static_cast<std::size_t>(y) * image.width,
               image.width);
    out.append(row - image.width, '\0');
  }
  return out;
}

}  // namespace phieu
