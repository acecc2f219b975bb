#pragma once
// QR code modules for a text: the only place that touches ZXing's writer (qr_matrix.cc).

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace phieu {

struct QrMatrix {
  int size = 0;                // modules per side (no quiet zone)
  std::vector<bool> dark;      // size * size, row-major, true = dark module
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

// Encodes `text` at error-correction level Q (survives a 10-15% blot that kills level M).
Result<QrMatrix> EncodeQr(std::string_view text);

}  // namespace phieu
