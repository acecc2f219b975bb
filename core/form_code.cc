#include "core/form_code.h"

#include "core/crypto.h"

namespace phieu {
namespace {

constexpr int kRadix = static_cast<int>(kFormCodeAlphabet.size());

int ValueOf(char c) {
  const auto at = kFormCodeAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

std::string Format(std::string_view nine) {
  return std::string(nine.substr(0, 3)) + "-" + std::string(nine.substr(3, 3)) + "-" +
         std::string(nine.substr(6, 3));
}

// The characters of a canonical code without its dashes; "" when it is not shaped XXX-XXX-XXX.
std::string Characters(std::string_view code) {
  if (code.size() != 11 || code[3] != '-' || code[7] != '-') return "";
  return std::string(code.substr(0, 3)) + std::string(code.substr(4, 3)) +
         std::string(code.substr(8, 3));
}

// The rule nine characters (data and check) follow; nullopt when neither.
std::optional<FormCodeCheck> CheckOfCharacters(std::string_view chars) {
  if (chars.size() != kFormCodeDataLength + 1) return std::nullopt;
  const std::string_view data = chars.substr(0, kFormCodeDataLength);
  if (FormCodeCheckCharacter(data, FormCodeCheck::kP1) == chars.back()) return FormCodeCheck::kP1;
  if (FormCodeCheckCharacter(data, FormCodeCheck::kP2) == chars.back()) return FormCodeCheck::kP2;
  return std::nullopt;
}

}  // namespace

char FormCodeCheckCharacter(std::string_view data, FormCodeCheck check) {
  int sum = 0;
  for (std::size_t i = 0; i < data.size(); ++i) {
    const int weight = static_cast<int>(i) + (check == FormCodeCheck::kP1 ? 1 : 2);
    sum += weight * ValueOf(data[i]);
  }
  sum %= kRadix;
  // P1: the check is the sum. P2: the check (weight 1) brings the whole sum to 0.
  return kFormCodeAlphabet[check == FormCodeCheck::kP1 ? sum : (kRadix - sum) % kRadix];
}

std::string NewFormCode() {
  for (;;) {
    // 4 random bytes per character, reduced modulo 31: the bias (2^32 mod 31) is negligible.
    const std::string hex = RandomHex(4 * kFormCodeDataLength);
    std::string data;
    for (int i = 0; i < kFormCodeDataLength; ++i) {
      const unsigned long value = std::stoul(hex.substr(8 * i, 8), nullptr, 16);
      data.push_back(kFormCodeAlphabet[value % kFormCodeAlphabet.size()]);
    }
    // One code in 31 would be right under P1 too, and so be taken for a P1 code: drawn again.
    const char check = FormCodeCheckCharacter(data, FormCodeCheck::kP2);
    if (check != FormCodeCheckCharacter(data, FormCodeCheck::kP1)) return Format(data + check);
  }
}

std::optional<std::string> NormalizeFormCode(std::string_view text) {
  std::string chars;
  for (char c : text) {
    if (c == '-' || c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (ValueOf(c) < 0) return std::nullopt;
    chars.push_back(c);
  }
  if (!CheckOfCharacters(chars)) return std::nullopt;
  return Format(chars);
}

std::optional<FormCodeCheck> FormCodeCheckOf(std::string_view code) {
  const std::string chars = Characters(code);
  for (char c : chars) {
    if (ValueOf(c) < 0) return std::nullopt;
  }
  return CheckOfCharacters(chars);
}

}  // namespace phieu
