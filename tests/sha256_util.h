#pragma once
// SHA-256 computed independently of phieu (by OpenSSL), for end-to-end tests that check the
// hashes phieu prints or stores. Tests that include this link OpenSSL::Crypto.

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <string>

namespace phieu::e2e {

// SHA-256 of `bytes` in lower-case hex.
inline std::string Sha256(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    ADD_FAILURE() << "EVP_Digest failed";
    return "";
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) hex += {kHex[digest[i] >> 4], kHex[digest[i] & 15]};
  return hex;
}

}  // namespace phieu::e2e
