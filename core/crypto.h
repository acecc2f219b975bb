#pragma once
// Hashes and secrets. The only file that touches OpenSSL is crypto.cc.

#include <cstddef>
#include <string>
#include <string_view>

namespace phieu {

// Lowercase hex SHA-256 of `bytes` (64 characters).
std::string Sha256Hex(std::string_view bytes);

// Lowercase hex HMAC-SHA-256 of `message` under `key` (64 characters).
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// `count` bytes from the operating system's secure random source, as lowercase hex.
// Throws std::runtime_error if the source fails (never returns weak randomness).
std::string RandomHex(std::size_t count);

}  // namespace phieu
