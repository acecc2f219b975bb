// Fuzz target: a QR code's text (core/qr_payload.h ParseQrPayload, QrTagIsValid) and a form code
// typed or read by OCR (core/form_code.h NormalizeFormCode). A payload that parses, encoded again
// from its fields, must parse to the same fields with a valid tag.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/form_code.h"
#include "core/qr_payload.h"
#include "fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace phieu;
  constexpr std::string_view kSecret = "fuzz-secret";
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto code = NormalizeFormCode(text)) {
    FUZZ_CHECK(NormalizeFormCode(*code) == code,
               "a normalised form code does not normalise to itself");
    FUZZ_CHECK(FormCodeCheckOf(*code).has_value(), "a normalised form code follows no check rule");
  }
  const auto payload = ParseQrPayload(text);
  if (!payload) return 0;
  (void)QrTagIsValid(kSecret, *payload);
  const auto again = ParseQrPayload(
      EncodeQrPayload(kSecret, payload->template_id, payload->form_code, payload->page));
  FUZZ_CHECK(again.has_value(), "an encoded payload does not parse");
  FUZZ_CHECK(again->version == payload->version && again->template_id == payload->template_id &&
                 again->form_code == payload->form_code && again->page == payload->page,
             "a payload's fields changed in a round trip");
  FUZZ_CHECK(QrTagIsValid(kSecret, *again), "an encoded payload's tag is not valid");
  return 0;
}
