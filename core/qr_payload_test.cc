#include "core/qr_payload.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "core/form_code.h"

namespace phieu {
namespace {

TEST(QrPayloadTest, RoundTripsAndVerifiesItsTag) {
  const std::string code = NewFormCode();
  const std::string text = EncodeQrPayload("secret", "3FA2C91B", code, 2);
  EXPECT_EQ(text.substr(0, 12), "P1:3FA2C91B:");
  const auto payload = ParseQrPayload(text);
  ASSERT_TRUE(payload.has_value());
  EXPECT_EQ(payload->template_id, "3FA2C91B");
  EXPECT_EQ(payload->form_code, code);
  EXPECT_EQ(payload->page, 2);
  EXPECT_TRUE(QrTagIsValid("secret", *payload));
  EXPECT_FALSE(QrTagIsValid("another database's secret", *payload));
}

TEST(QrPayloadTest, TagIsTruncatedHmacOfTheSignedText) {
  const std::string code = "K7Q-M4R-X2" + std::string(1, FormCodeCheckCharacter("K7QM4RX2"));
  const std::string signed_part = "P1:00AB12CD:" + code + ":1";
  std::string expected = HmacSha256Hex("k", signed_part).substr(0, 10);
  for (char& c : expected) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(EncodeQrPayload("k", "00AB12CD", code, 1), signed_part + ":" + expected);
}

TEST(QrPayloadTest, AlteredPageOrCodeFailsTheTag) {
  const std::string code = NewFormCode();
  auto payload = ParseQrPayload(EncodeQrPayload("s", "3FA2C91B", code, 1));
  ASSERT_TRUE(payload.has_value());
  payload->page = 3;
  EXPECT_FALSE(QrTagIsValid("s", *payload));
}

TEST(QrPayloadTest, RefusesTextThatIsNotAPayload) {
  const std::string code = NewFormCode();
  for (const std::string& text :
       {std::string("https://example.org"), "P2:3FA2C91B:" + code + ":1:0123456789",
        "P1:3fa2c91b:" + code + ":1:0123456789", "P1:3FA2C91B:" + code + ":0:0123456789",
        "P1:3FA2C91B:" + code + ":1:01234", std::string("P1:3FA2C91B:AAA-AAA-AAA:1:0123456789"),
        "P1:3FA2C91B:" + code + ":1"}) {
    EXPECT_FALSE(ParseQrPayload(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace phieu
