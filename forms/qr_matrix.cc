#include "forms/qr_matrix.h"

#include <ZXing/BarcodeFormat.h>
#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <stdexcept>

namespace phieu {

Result<QrMatrix> EncodeQr(std::string_view text) {
  try {
    // ECC levels 5-6 are Q in ZXing's 0-8 scale; no quiet zone (the layout leaves room for it).
    const ZXing::BitMatrix bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                                      .setEccLevel(6)
                                      .setMargin(0)
                                      .encode(std::string(text), 0, 0);
    QrMatrix matrix;
    matrix.size = bits.width();
    matrix.dark.resize(static_cast<std::size_t>(matrix.size) * matrix.size);
    for (int y = 0; y < matrix.size; ++y) {
      for (int x = 0; x < matrix.size; ++x) {
        matrix.dark[static_cast<std::size_t>(y) * matrix.size + x] = bits.get(x, y);
      }
    }
    return matrix;
  } catch (const std::exception& e) {
    return Status::Error(std::string("cannot encode the QR code: ") + e.what());
  }
}

}  // namespace phieu
