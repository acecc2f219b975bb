#include "core/page_states.h"

namespace phieu {

std::string_view PageOutcomeName(PageOutcome outcome) {
  switch (outcome) {
    case PageOutcome::kRead: return "read";
    case PageOutcome::kUnidentified: return "unidentified";
    case PageOutcome::kNotRegistered: return "not-registered";
    case PageOutcome::kBlank: return "blank";
    case PageOutcome::kNotAForm: return "not-a-form";
  }
  return "?";
}

std::optional<PageOutcome> ParsePageOutcome(std::string_view name) {
  for (PageOutcome outcome : {PageOutcome::kRead, PageOutcome::kUnidentified,
                              PageOutcome::kNotRegistered, PageOutcome::kBlank,
                              PageOutcome::kNotAForm}) {
    if (PageOutcomeName(outcome) == name) return outcome;
  }
  return std::nullopt;
}

std::string_view PageIdentificationName(PageIdentification how) {
  switch (how) {
    case PageIdentification::kNone: return "";
    case PageIdentification::kQr: return "qr";
    case PageIdentification::kOcr: return "ocr";
  }
  return "?";
}

std::optional<PageIdentification> ParsePageIdentification(std::string_view name) {
  for (PageIdentification how :
       {PageIdentification::kNone, PageIdentification::kQr, PageIdentification::kOcr}) {
    if (PageIdentificationName(how) == name) return how;
  }
  return std::nullopt;
}

}  // namespace phieu
