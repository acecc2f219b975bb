#include "core/text_wrap.h"

namespace phieu {
namespace {

std::size_t Utf8Length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xe0) == 0xc0) return 2;
  if ((lead & 0xf0) == 0xe0) return 3;
  return 4;
}

}  // namespace

std::vector<std::string> WrapText(std::string_view text, double width_pt, FontStyle style,
                                  double size_pt, const TextMetrics& metrics) {
  std::vector<std::string> lines;
  std::string line;
  const auto fits = [&](const std::string& candidate) {
    return metrics.WidthPt(candidate, style, size_pt) <= width_pt;
  };
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && text[pos] == ' ') ++pos;
    if (pos >= text.size()) break;
    std::size_t end = text.find(' ', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string word(text.substr(pos, end - pos));
    pos = end;
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (fits(candidate)) {
      line = candidate;
      continue;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    line.clear();
    // A word wider than the line on its own is broken between letters.
    while (!fits(word)) {
      std::size_t cut = 0, next = 0;
      while (next < word.size()) {
        const std::size_t step = Utf8Length(static_cast<unsigned char>(word[next]));
        if (!fits(word.substr(0, next + step)) && next > 0) break;
        next += step;
        cut = next;
      }
      if (cut == 0 || cut >= word.size()) break;
      lines.push_back(word.substr(0, cut));
      word.erase(0, cut);
    }
    line = word;
  }
  if (!line.empty() || lines.empty()) lines.push_back(line);
  return lines;
}

}  // namespace phieu
