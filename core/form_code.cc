#include "core/form_code.h"

#include "core/crypto.h"

namespace phieu {
namespace {

int ValueOf(char c) {
  const auto at = kFormCodeAlphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

std::string Format(std::string_view nine) {
  return std::string(nine.substr(0, 3)) + "-" + std::string(nine.substr(3, 3)) + "-" +
         std::string(nine.substr(6, 3));
}

}  // namespace

char FormCodeCheckCharacter(std::string_view data) {
  int sum = 0;
  for (std::size_t i = 0; i < data.size(); ++i) sum += static_cast<int>(i + 1) * ValueOf(data[i]);
  return kFormCodeAlphabet[sum % static_cast<int>(kFormCodeAlphabet.size())];
}

std::string NewFormCode() {
  // 4 random bytes per character, reduced modulo 31: the bias (2^32 mod 31) is negligible.
  const std::string hex = RandomHex(4 * kFormCodeDataLength);
  std::string data;
  for (int i = 0; i < kFormCodeDataLength; ++i) {
    const unsigned long value = std::stoul(hex.substr(8 * i, 8), nullptr, 16);
    data.push_back(kFormCodeAlphabet[value % kFormCodeAlphabet.size()]);
  }
  return Format(data + FormCodeCheckCharacter(data));
}

std::optional<std::string> NormalizeFormCode(std::string_view text) {
  std::string chars;
  for (char c : text) {
    if (c == '-' || c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (ValueOf(c) < 0) return std::nullopt;
    chars.push_back(c);
  }
  if (chars.size() != kFormCodeDataLength + 1) return std::nullopt;
  const std::string_view data(chars.data(), kFormCodeDataLength);
  if (FormCodeCheckCharacter(data) != chars.back()) return std::nullopt;
  return Format(chars);
}

}  // namespace phieu
