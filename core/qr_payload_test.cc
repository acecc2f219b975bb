#include "core/qr_payload.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "core/form_code.h"

namespace phieu {
namespace {

TEST(QrPayloadTest, RoundTripsAndVerifiesItsTag) {
  const std::string code = NewFormCode();
  const std::string text = EncodeQrPayload("secret", "3FA2C91B", code, 2);
  EXPECT_EQ(text.substr(0, 12), "P2:3FA2C91B:");
  const auto payload = ParseQrPayload(text);
  ASSERT_TRUE(payload.has_value());
  EXPECT_EQ(payload->version, "P2");
  EXPECT_EQ(payload->template_id, "3FA2C91B");
  EXPECT_EQ(payload->form_code, code);
  EXPECT_EQ(payload->page, 2);
  EXPECT_TRUE(QrTagIsValid("secret", *payload));
  EXPECT_FALSE(QrTagIsValid("another database's secret", *payload));
}

TEST(QrPayloadTest, TagIsTruncatedHmacOfTheSignedText) {
  const std::string code = "K7Q-M4R-X2" + std::string(1, FormCodeCheckCharacter("K7QM4RX2"));
  const std::string signed_part = "P2:00AB12CD:" + code + ":1";
  std::string expected = HmacSha256Hex("k", signed_part).substr(0, 10);
  for (char& c : expected) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(EncodeQrPayload("k", "00AB12CD", code, 1), signed_part + ":" + expected);
}

// A form printed under P1 (before P2 existed): its code follows the P1 rule, so it is printed
// again under P1, byte for byte as before, and its payload still reads and verifies. The fixture
// is a payload as phieu wrote it then (secret "k"; the tag computed with Python's hmac).
TEST(QrPayloadTest, AFormPrintedUnderP1IsPrintedAndReadUnderP1) {
  const std::string code =
      "K7Q-M4R-X2" + std::string(1, FormCodeCheckCharacter("K7QM4RX2", FormCodeCheck::kP1));
  ASSERT_EQ(code, "K7Q-M4R-X26");
  const std::string p1 = "P1:00AB12CD:K7Q-M4R-X26:1:A905EBCB40";
  EXPECT_EQ(EncodeQrPayload("k", "00AB12CD", code, 1), p1);
  const auto payload = ParseQrPayload(p1);
  ASSERT_TRUE(payload.has_value());
  EXPECT_EQ(payload->version, "P1");
  EXPECT_EQ(payload->form_code, "K7Q-M4R-X26");
  EXPECT_TRUE(QrTagIsValid("k", *payload));
  EXPECT_FALSE(QrTagIsValid("another database's secret", *payload));
}

// The version is the code's rule: a P2 payload carrying a P1 code, or a P1 payload carrying a P2
// code, is not one phieu printed (and the version is signed: changing it fails the tag too).
TEST(QrPayloadTest, AVersionThatIsNotItsCodesRuleIsRefused) {
  const std::string p2_code = NewFormCode();
  const std::string p1_code = "K7Q-M4R-X26";
  EXPECT_FALSE(ParseQrPayload("P1:3FA2C91B:" + p2_code + ":1:0123456789").has_value());
  EXPECT_FALSE(ParseQrPayload("P2:3FA2C91B:" + p1_code + ":1:0123456789").has_value());
  EXPECT_TRUE(ParseQrPayload("P2:3FA2C91B:" + p2_code + ":1:0123456789").has_value());
  EXPECT_TRUE(ParseQrPayload("P1:3FA2C91B:" + p1_code + ":1:0123456789").has_value());
}

// What P2 is for: one character misread the same way in two places (6 read as G first and last)
// keeps a P1 code valid, so its P1 payload still parses; under P2 the same misreading is refused.
TEST(QrPayloadTest, TheSameMisreadingTwiceIsRefusedUnderP2) {
  const std::string p1_code = "6AB-CDE-F76";  // P1 check '6', as the first character
  ASSERT_EQ(FormCodeCheckOf(p1_code), FormCodeCheck::kP1);
  EXPECT_TRUE(ParseQrPayload("P1:3FA2C91B:GAB-CDE-F7G:1:0123456789").has_value());
  for (int round = 0; round < 50; ++round) {
    const std::string code = NewFormCode();
    std::string misread = code;
    const std::size_t first = 0, last = code.size() - 1;
    for (std::size_t i : {first, last}) {
      misread[i] = kFormCodeAlphabet[(kFormCodeAlphabet.find(code[i]) + 10) % 31];  // 6 -> G
    }
    EXPECT_FALSE(ParseQrPayload("P2:3FA2C91B:" + misread + ":1:0123456789").has_value()) << misread;
  }
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
       {std::string("https://example.org"), "P3:3FA2C91B:" + code + ":1:0123456789",
        "P2:3fa2c91b:" + code + ":1:0123456789", "P2:3FA2C91B:" + code + ":0:0123456789",
        "P2:3FA2C91B:" + code + ":1:01234", std::string("P2:3FA2C91B:AAA-AAA-AAA:1:0123456789"),
        "P2:3FA2C91B:" + code + ":1"}) {
    EXPECT_FALSE(ParseQrPayload(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace phieu
