#pragma once
// Hashes and secrets. The only file that touches OpenSSL is crypto.cc.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace phieu {

// Lowercase hex SHA-256 of `bytes` (64 characters).
std::string Sha256Hex(std::string_view bytes);

// SHA-256 fed in pieces, so that a file of any size is hashed in bounded memory.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;

  // Adds `bytes` to what is hashed.
  void Update(std::string_view bytes);
  // Lowercase hex SHA-256 of everything added (64 characters). Call once, last.
  std::string FinishHex();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Lowercase hex HMAC-SHA-256 of `message` under `key` (64 characters).
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// `count` bytes from the operating system's secure random source, as lowercase hex.
// Throws std::runtime_error if the source fails (never returns weak randomness).
std::string RandomHex(std::size_t count);

}  // namespace phieu
