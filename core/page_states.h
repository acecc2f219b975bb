#pragma once
// What became of a scanned page, and how it was known which form it is: the scanner decides them,
// the store keeps them (as the names below), verification and the audit read them back. One
// type for each, shared by every stage, instead of text compared across modules.

#include <optional>
#include <string_view>

namespace phieu {

enum class PageOutcome {
  kRead,           // identified, registered, measured
  kUnidentified,   // a form page, but which form (or whether it is genuine) is not known
  kNotRegistered,  // identified, but its marks could not be found or fitted
  kBlank,          // an empty sheet (the back of a single-sided form)
  kNotAForm,       // no QR code and no registration marks
};

// "read", "unidentified", "not-registered", "blank", "not-a-form".
std::string_view PageOutcomeName(PageOutcome outcome);
// The outcome named by PageOutcomeName; nullopt for any other text (never guessed).
std::optional<PageOutcome> ParsePageOutcome(std::string_view name);

// How the page's form code was found.
enum class PageIdentification {
  kNone,  // not identified
  kQr,    // from its QR code (with an integrity tag to check)
  kOcr,   // from the printed code, read by OCR because the QR could not be decoded
};

// "", "qr", "ocr".
std::string_view PageIdentificationName(PageIdentification how);
// The identification named by PageIdentificationName; nullopt for any other text.
std::optional<PageIdentification> ParsePageIdentification(std::string_view name);

}  // namespace phieu
