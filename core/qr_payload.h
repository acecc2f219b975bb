#pragma once
// The text in every page's QR code. Compact, versioned, and in QR "alphanumeric" characters
// (upper case, digits, ':' and '-') so the code stays small:
//
//   <version>:<template id, 8 hex>:<form code XXX-XXX-XXX>:<page>:<tag, 10 hex>
//   e.g. P2:3FA2C91B:K7Q-M4R-X29:2:9C0E41B7AA
//
// The version names the form code's check rule (core/form_code.h): P2 for every code issued now,
// P1 for codes issued before P2 (their forms print, scan and verify as they always did). A
// payload whose version is not its code's rule is not phieu's.
//
// The tag is the first 10 hex characters (40 bits) of HMAC-SHA-256 under the database's form
// secret of the text before it ("P2:3FA2C91B:K7Q-M4R-X29:2"), upper case: an invented or altered
// version, code, page or template is detected without the secret ever leaving the database. No
// personal data is in the payload.

#include <optional>
#include <string>
#include <string_view>

namespace phieu {

struct QrPayload {
  std::string version;      // "P1" or "P2"
  std::string template_id;  // 8 hex characters, upper case
  std::string form_code;    // "XXX-XXX-XXX"
  int page = 0;             // 1-based
  std::string tag;          // 10 hex characters, upper case
};

// The version new forms are printed under, and the oldest still read.
inline constexpr std::string_view kQrPayloadVersion = "P2";
inline constexpr std::string_view kOldestQrPayloadVersion = "P1";

// The payload version a form code is printed under: "P1" for a code following the P1 check rule,
// "P2" otherwise (core/form_code.h FormCodeCheckOf).
std::string_view QrPayloadVersionFor(std::string_view form_code);

// The tag of (template, code, page) under `secret`, for the version the code is printed under.
std::string QrTag(std::string_view secret, std::string_view template_id, std::string_view form_code,
                  int page);

// The payload text for a page, with its tag computed under `secret`.
std::string EncodeQrPayload(std::string_view secret, std::string_view template_id,
                            std::string_view form_code, int page);

// Splits a payload text into its fields; nullopt when it is not a phieu payload of a known
// version (wrong prefix, field count or field shape, or a code whose check character does not
// follow the version's rule). The tag is NOT checked here.
std::optional<QrPayload> ParseQrPayload(std::string_view text);

// True when the payload's tag is right under `secret`.
bool QrTagIsValid(std::string_view secret, const QrPayload& payload);

}  // namespace phieu
