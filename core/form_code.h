#pragma once
// Form codes: the short identifier printed (and encoded in the QR) on every page of a form.
// Unguessable (random, not sequential), easy to read aloud and to OCR (no 0/O, 1/I/L), and ending
// in a check character that catches any single wrong character and any swap of two characters.
//
// Shape: 8 random characters and a check character from a 31-character alphabet, written in
// groups of three: "K7Q-M4R-X2P". 31^8 = 8.5e11 possible codes.
//
// Two check rules exist; v1..v8 are the data characters' places in the alphabet, c the check's:
//   P1 (codes issued before payload P2):  c = (1*v1 + 2*v2 + ... + 8*v8) mod 31. The check and the
//       first character share the weight 1: the same misreading of both (a 6 read as G in both
//       places) keeps the code valid.
//   P2 (every new code):  c + 2*v1 + 3*v2 + ... + 9*v8 = 0 (mod 31). Nine different weights 1..9,
//       no two of them summing to 31, and 31 prime: any single substitution, any swap of two
//       characters (neighbours or not), and the same misreading of one character in any two,
//       three or four places are all caught.
// The QR payload says which rule its code follows (core/qr_payload.h: P1 or P2). A code alone is
// told by its check: a code right under P1 is a P1 code; NewFormCode never issues a P2 code that
// is also right under P1, so each code follows exactly one rule.

#include <optional>
#include <string>
#include <string_view>

namespace phieu {

// The alphabet: digits 2-9 and letters A-Z without I, L and O (31 characters, a prime, so the
// weighted checks below detect every single substitution).
inline constexpr std::string_view kFormCodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
inline constexpr int kFormCodeDataLength = 8;

// The check rules, as above, named after the QR payload version that introduced them.
enum class FormCodeCheck { kP1, kP2 };

// The check character of `data` (kFormCodeDataLength characters of the alphabet) under `check`.
char FormCodeCheckCharacter(std::string_view data, FormCodeCheck check = FormCodeCheck::kP2);

// A new random code under the P2 rule (and not right under P1), formatted "XXX-XXX-XXX".
std::string NewFormCode();

// `text` as a canonical code ("XXX-XXX-XXX") if it is one: dashes and white space ignored,
// lowercase accepted, and the check character right under P1 or P2 (codes of both are in use).
// nullopt otherwise. A misread is caught here unless it happens to satisfy the other rule (about
// 1 in 31): a code typed or OCR'd must also be one the database issued, and a QR payload's
// version names the one rule its code must follow (ParseQrPayload).
std::optional<std::string> NormalizeFormCode(std::string_view text);

// The rule a canonical code's check character follows: kP1 when it is right under P1, else kP2
// when right under P2; nullopt when neither (or when `code` is not canonical).
std::optional<FormCodeCheck> FormCodeCheckOf(std::string_view code);

}  // namespace phieu
