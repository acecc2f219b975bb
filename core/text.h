#pragma once
// Small text utilities shared by the parsers: UTF-8 validation, trimming, dates.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace phieu {

// The byte offset of the first invalid UTF-8 sequence in `text` (overlong forms, surrogates and
// code points above U+10FFFF are invalid), or nullopt when all of it is valid.
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

// `text` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view text);

// `text` with ASCII letters lowered (Vietnamese letters are left as they are).
std::string AsciiLower(std::string_view text);

// The number of terminal columns `text` takes: code points, not counting combining marks
// (U+0300..U+036F), so that Vietnamese lines up in tables.
std::size_t DisplayWidth(std::string_view text);

// `text` padded with spaces on the right to `width` display columns.
std::string PadRight(std::string_view text, std::size_t width);

// `parts` joined with `separator` between them.
std::string Join(const std::vector<std::string>& parts, std::string_view separator);

// `text` cut at every `separator` (an empty text gives one empty part).
std::vector<std::string> Split(std::string_view text, char separator);

// `value` with `decimals` digits after the point, e.g. FixedText(78.456, 2) == "78.46".
std::string FixedText(double value, int decimals);

// True when `text` is a real calendar date written YYYY-MM-DD (e.g. 2026-02-30 is not).
bool IsIsoDate(std::string_view text);

// The current UTC time as YYYY-MM-DDTHH:MM:SSZ.
std::string UtcTimestampNow();

}  // namespace phieu
