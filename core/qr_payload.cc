#include "core/qr_payload.h"

#include <cctype>
#include <vector>

#include "core/crypto.h"
#include "core/form_code.h"

namespace phieu {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

bool IsUpperHex(std::string_view text, std::size_t length) {
  if (text.size() != length) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && (c < 'A' || c > 'F')) return false;
  }
  return true;
}

std::string SignedPart(std::string_view version, std::string_view template_id,
                       std::string_view form_code, int page) {
  return std::string(version) + ":" + std::string(template_id) + ":" + std::string(form_code) +
         ":" + std::to_string(page);
}

std::string Tag(std::string_view secret, std::string_view signed_part) {
  return Upper(HmacSha256Hex(secret, signed_part).substr(0, 10));
}

}  // namespace

std::string_view QrPayloadVersionFor(std::string_view form_code) {
  return FormCodeCheckOf(form_code) == FormCodeCheck::kP1 ? kOldestQrPayloadVersion
                                                          : kQrPayloadVersion;
}

std::string QrTag(std::string_view secret, std::string_view template_id, std::string_view form_code,
                  int page) {
  return Tag(secret, SignedPart(QrPayloadVersionFor(form_code), template_id, form_code, page));
}

std::string EncodeQrPayload(std::string_view secret, std::string_view template_id,
                            std::string_view form_code, int page) {
  const std::string signed_part =
      SignedPart(QrPayloadVersionFor(form_code), template_id, form_code, page);
  return signed_part + ":" + Tag(secret, signed_part);
}

std::optional<QrPayload> ParseQrPayload(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t colon = text.find(':', start);
    fields.push_back(text.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (fields.size() != 5 ||
      (fields[0] != kQrPayloadVersion && fields[0] != kOldestQrPayloadVersion)) {
    return std::nullopt;
  }
  QrPayload payload;
  payload.version = fields[0];
  payload.template_id = fields[1];
  if (!IsUpperHex(payload.template_id, 8)) return std::nullopt;
  const auto code = NormalizeFormCode(fields[2]);
  if (!code || *code != fields[2] || QrPayloadVersionFor(*code) != payload.version) {
    return std::nullopt;
  }
  payload.form_code = *code;
  if (fields[3].empty() || fields[3].size() > 3 || fields[3][0] == '0') return std::nullopt;
  for (char c : fields[3]) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    payload.page = payload.page * 10 + (c - '0');
  }
  payload.tag = fields[4];
  if (!IsUpperHex(payload.tag, 10)) return std::nullopt;
  return payload;
}

bool QrTagIsValid(std::string_view secret, const QrPayload& payload) {
  return Tag(secret, SignedPart(payload.version, payload.template_id, payload.form_code,
                                payload.page)) == payload.tag;
}

}  // namespace phieu
