#pragma once
// Form codes: the short identifier printed (and encoded in the QR) on every page of a form.
// Unguessable (random, not sequential), easy to read aloud and to OCR (no 0/O, 1/I/L), and ending
// in a check character that catches any single wrong character and any swap of two neighbours.
//
// Shape: 8 random characters and a check character from a 31-character alphabet, written in
// groups of three: "K7Q-M4R-X2P". 31^8 = 8.5e11 possible codes.

#include <optional>
#include <string>
#include <string_view>

namespace phieu {

// The alphabet: digits 2-9 and letters A-Z without I, L and O (31 characters, a prime, so the
// weighted check below detects every single substitution and adjacent transposition).
inline constexpr std::string_view kFormCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr int kFormCodeDataLength = 8;

// The check character of `data` (characters of the alphabet): sum of (position+1) * value,
// modulo 31.
char FormCodeCheckCharacter(std::string_view data);

// A new random code, formatted "XXX-XXX-XXX".
std::string NewFormCode();

// `text` as a canonical code ("XXX-XXX-XXX") if it is one: dashes and white space ignored, lowercase
// accepted, and the check character right. nullopt otherwise (a misread is caught here).
std::optional<std::string> NormalizeFormCode(std::string_view text);

}  // namespace phieu
